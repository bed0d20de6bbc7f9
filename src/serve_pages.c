/* stemcost serve: a path and its query -> a page or JSON.  No HTTP here and no
 * money decisions: the query goes through the same library calls as the
 * command line, and the reports (HTML in lib/report_html_*.c, JSON in
 * lib/report_*.c) write the answer. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"
#include "stemcost/html.h"
#include "stemcost/report.h"

#define HTML "text/html; charset=utf-8"
#define JSON "application/json; charset=utf-8"

typedef struct page {
    FILE *fp;
    char *buf;
    size_t len;
    sv_response *out;
} page;

static int page_open(page *pg, sv_response *out, int status, const char *type)
{
    memset(out, 0, sizeof *out);
    pg->out = out;
    pg->buf = NULL;
    pg->len = 0;
    pg->fp = open_memstream(&pg->buf, &pg->len);
    out->status = status;
    out->media_type = type;
    return pg->fp != NULL;
}

static const char oom[] = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>Out of memory</title></head><body><p>The server ran out of "
                          "memory. Try again.</p></body></html>\n";

static void page_close(page *pg)
{
    sv_response *out = pg->out;
    int failed = pg->fp == NULL || ferror(pg->fp);
    if (pg->fp != NULL && fclose(pg->fp) != 0)
        failed = 1;
    if (failed) {
        free(pg->buf);
        out->status = 500;
        out->media_type = HTML;
        out->body = (char *)oom;
        out->length = sizeof oom - 1;
        out->owned = 0;
        return;
    }
    out->body = pg->buf;
    out->length = pg->len;
    out->owned = 1;
}

void sv_response_free(sv_response *r)
{
    if (r->owned)
        free(r->body);
    r->body = NULL;
    r->owned = 0;
}

/* A refused request: 400 for the caller's values, 500 for the server's own
 * failures (memory, I/O). */
static int status_of(const sc_error *err)
{
    return err->status == SC_ENOMEM || err->status == SC_EIO ? 500 : 400;
}

static void json_error(const sc_error *err, sv_response *out)
{
    page pg;
    char msg[SC_WHERE_MAX + SC_MSG_MAX + 64];
    if (page_open(&pg, out, status_of(err), JSON)) {
        sc_json j;
        sc_error_format_option(err, msg, sizeof msg);
        sc_json_init(&j, pg.fp);
        sc_json_begin_object(&j);
        sc_json_key(&j, "error");
        sc_json_begin_object(&j);
        sc_json_key(&j, "field");
        sc_json_string(&j, err->field[0] ? err->field : NULL);
        sc_json_key(&j, "reason");
        sc_json_string(&j, sc_reason_name(err->reason));
        sc_json_key(&j, "message");
        sc_json_string(&j, msg);
        sc_json_end_object(&j);
        sc_json_end_object(&j);
        sc_json_finish(&j);
    }
    page_close(&pg);
}

/* The form again, with the message next to its field. */
static void form_error(const sc_pricing *p, const sv_query *q, const sc_error *err,
                       sv_response *out)
{
    page pg;
    sc_html_query h = sv_query_html(q);
    if (page_open(&pg, out, status_of(err), HTML)) {
        if (q->page == SV_PAGE_FINANCE)
            sc_html_finance_form_page(pg.fp, p, &h, err);
        else
            sc_html_form_page(pg.fp, p, &h, err);
    }
    page_close(&pg);
}

static void refuse(const sc_pricing *p, const sv_query *q, int api, const sc_error *err,
                   sv_response *out)
{
    if (api)
        json_error(err, out);
    else
        form_error(p, q, err, out);
}

static void form(const sc_pricing *p, const sv_query *q, sv_response *out)
{
    page pg;
    sc_html_query h = sv_query_html(q);
    if (page_open(&pg, out, 200, HTML))
        sc_html_form_page(pg.fp, p, &h, NULL);
    page_close(&pg);
}

static void compare(const sc_pricing *p, sv_query *q, int api, sv_response *out)
{
    sc_compare_result r;
    sc_error err;
    page pg;
    if (sc_compare(p, &q->compare, &r, &err) != SC_OK) {
        refuse(p, q, api, &err, out);
        return;
    }
    if (page_open(&pg, out, 200, api ? JSON : HTML)) {
        sc_html_query h = sv_query_html(q);
        if (api)
            sc_report_compare(pg.fp, &r, SC_FORMAT_JSON);
        else
            sc_html_compare_page(pg.fp, &r, &h);
    }
    page_close(&pg);
    sc_compare_result_free(&r);
}

/* /estimate (the page always shows the simulated spread), /api/estimate
 * (with the percentiles when asked, as estimate --percentiles) and
 * /api/simulate. */
static void estimate(const sc_pricing *p, sv_query *q, int api, sv_response *out)
{
    sc_resolved s;
    sc_estimate_result e;
    sc_sim_result sim;
    sc_error err;
    page pg;
    int simulate = q->page == SV_PAGE_SIMULATE || !api || q->percentiles;
    if (sc_scenario_resolve(p, &q->scenario, &s, &err) != SC_OK ||
        sc_estimate_resolved(p, &s, &e, &err) != SC_OK) {
        refuse(p, q, api, &err, out);
        return;
    }
    if (simulate && sc_simulate_resolved(p, &s, q->draws, q->seed, &sim, &err) != SC_OK) {
        sc_estimate_result_free(&e);
        refuse(p, q, api, &err, out);
        return;
    }
    if (page_open(&pg, out, 200, api ? JSON : HTML)) {
        sc_html_query h = sv_query_html(q);
        if (q->page == SV_PAGE_SIMULATE)
            sc_report_simulate(pg.fp, &sim, &e, SC_FORMAT_JSON);
        else if (api)
            sc_report_estimate(pg.fp, &e, simulate ? &sim : NULL, SC_FORMAT_JSON, 0);
        else
            sc_html_estimate_page(pg.fp, &e, &sim, &h);
    }
    page_close(&pg);
    if (simulate)
        sc_sim_result_free(&sim);
    sc_estimate_result_free(&e);
}

static void finance(const sc_pricing *p, sv_query *q, int api, sv_response *out)
{
    sc_finance_result r;
    sc_error err;
    page pg;
    /* The page shows every plan when none is chosen (its form's first
     * choice); the API asks for a choice, as the command line does. */
    if (!api && !q->finance_chosen)
        q->finance.compare = 1;
    if (sc_finance_run(p, &q->finance, &r, &err) != SC_OK) {
        refuse(p, q, api, &err, out);
        return;
    }
    if (page_open(&pg, out, 200, api ? JSON : HTML)) {
        sc_html_query h = sv_query_html(q);
        if (api)
            sc_report_finance(pg.fp, &r, SC_FORMAT_JSON);
        else
            sc_html_finance_page(pg.fp, p, &r, &h);
    }
    page_close(&pg);
    sc_finance_result_free(&r);
}

static void message(int status, const char *title, const char *text, sv_response *out)
{
    page pg;
    if (page_open(&pg, out, status, HTML))
        sc_html_message_page(pg.fp, title, text);
    page_close(&pg);
}

static const struct route {
    const char *path;
    sv_page page;
    int api;
} routes[] = {
    {"/", SV_PAGE_FORM, 0},
    {"/compare", SV_PAGE_COMPARE, 0},
    {"/estimate", SV_PAGE_ESTIMATE, 0},
    {"/finance", SV_PAGE_FINANCE, 0},
    {"/api/compare", SV_PAGE_COMPARE, 1},
    {"/api/estimate", SV_PAGE_ESTIMATE, 1},
    {"/api/simulate", SV_PAGE_SIMULATE, 1},
    {"/api/finance", SV_PAGE_FINANCE, 1},
};

void sv_handle(const sc_pricing *p, const char *path, const sv_pair *pairs, size_t n,
               const char *today, sv_response *out)
{
    if (strncmp(path, "/static/", 8) == 0) {
        const char *type;
        size_t len;
        const char *asset = sc_html_asset(path + 8, &type, &len);
        if (asset != NULL) {
            memset(out, 0, sizeof *out);
            out->status = 200;
            out->media_type = type;
            out->body = (char *)asset;
            out->length = len;
            out->cacheable = 1;
            return;
        }
    }
    const struct route *rt = NULL;
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
        if (strcmp(path, routes[i].path) == 0)
            rt = &routes[i];
    if (rt == NULL) {
        message(404, "Page not found", "This address is not a page of stemcost.", out);
        return;
    }
    /* The query is large (two list buffers): keep it off the thread's stack. */
    sv_query *q = malloc(sizeof *q);
    sc_error err;
    if (q == NULL) {
        message(500, "Out of memory", "The server ran out of memory. Try again.", out);
        return;
    }
    if (sv_query_parse(q, rt->page, pairs, n, today, &err) != SC_OK)
        refuse(p, q, rt->api, &err, out);
    else if (rt->page == SV_PAGE_FORM)
        form(p, q, out);
    else if (rt->page == SV_PAGE_COMPARE)
        compare(p, q, rt->api, out);
    else if (rt->page == SV_PAGE_FINANCE)
        finance(p, q, rt->api, out);
    else
        estimate(p, q, rt->api, out);
    free(q);
}
