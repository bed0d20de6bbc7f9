/* stemcost serve: a path and its query -> a page or JSON.  No HTTP here and no
 * money decisions: the query goes through the same library calls as the
 * command line, and the reports (HTML in lib/report_html_*.c, JSON in
 * lib/report_*.c) write the answer. */
#include <config.h>

#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "serve.h"
#include "stemcost/html.h"
#include "stemcost/report.h"

#define HTML "text/html; charset=utf-8"
#define JSON "application/json; charset=utf-8"

/* A page is written through a stdio stream into one growing buffer: a
 * cookie stream with a large stdio buffer copies whole strings with memcpy
 * (open_memstream's copies short strings byte by byte). */
#define PAGE_INITIAL 65536 /* a comparison page is some 40 kB: no growing */
#define PAGE_IOBUF 16384

typedef struct page {
    FILE *fp;
    char *buf;
    size_t len, cap;
    int failed;
    char iobuf[PAGE_IOBUF];
    sv_response *out;
} page;

static ssize_t page_write(void *cookie, const char *data, size_t n)
{
    page *pg = cookie;
    if (pg->len + n > pg->cap) {
        size_t cap = pg->cap ? pg->cap : PAGE_INITIAL;
        while (cap < pg->len + n)
            cap *= 2;
        char *grown = realloc(pg->buf, cap);
        if (grown == NULL) {
            pg->failed = 1;
            return 0; /* short: the error flag; never -1 (fopencookie(3), membuf.c) */
        }
        pg->buf = grown;
        pg->cap = cap;
    }
    memcpy(pg->buf + pg->len, data, n);
    pg->len += n;
    return (ssize_t)n;
}

static page *page_open(sv_response *out, int status, const char *type)
{
    memset(out, 0, sizeof *out);
    out->status = status;
    out->media_type = type;
    page *pg = malloc(sizeof *pg);
    if (pg == NULL)
        return NULL;
    pg->buf = NULL;
    pg->len = pg->cap = 0;
    pg->failed = 0;
    pg->out = out;
    cookie_io_functions_t io = {NULL, page_write, NULL, NULL};
    pg->fp = fopencookie(pg, "w", io);
    if (pg->fp != NULL) {
        setvbuf(pg->fp, pg->iobuf, _IOFBF, sizeof pg->iobuf);
        __fsetlocking(pg->fp, FSETLOCKING_BYCALLER); /* one thread writes it */
    }
    return pg;
}

static const char oom[] = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>Out of memory</title></head><body><p>The server ran out of "
                          "memory. Try again.</p></body></html>\n";

/* Finish the page into the response (a 500 when it could not be written:
 * out of memory). */
static void page_close(page *pg, sv_response *out)
{
    int failed = pg == NULL || pg->fp == NULL || ferror(pg->fp);
    if (pg != NULL && pg->fp != NULL && fclose(pg->fp) != 0)
        failed = 1;
    if (failed || pg->failed) {
        if (pg != NULL)
            free(pg->buf);
        out->status = 500;
        out->media_type = HTML;
        out->body = (char *)oom;
        out->length = sizeof oom - 1;
        out->owned = 0;
    } else {
        out->body = pg->buf;
        out->length = pg->len;
        out->owned = 1;
    }
    free(pg);
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

static void json_error_status(const sc_error *err, int status, sv_response *out)
{
    char msg[SC_WHERE_MAX + SC_MSG_MAX + 64];
    page *pg = page_open(out, status, JSON);
    if (pg != NULL && pg->fp != NULL) {
        sc_json j;
        sc_error_format_option(err, msg, sizeof msg);
        sc_json_init(&j, pg->fp);
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
    page_close(pg, out);
}

static void json_error(const sc_error *err, sv_response *out)
{
    json_error_status(err, status_of(err), out);
}

/* The form again, with the message next to its field. */
static void form_error(const sc_pricing *p, const sv_query *q, const sc_error *err,
                       sv_response *out)
{
    sc_html_query h = sv_query_html(q);
    page *pg = page_open(out, status_of(err), HTML);
    if (pg != NULL && pg->fp != NULL) {
        if (q->page == SV_PAGE_FINANCE)
            sc_html_finance_form_page(pg->fp, p, &h, err);
        else
            sc_html_form_page(pg->fp, p, &h, err);
    }
    page_close(pg, out);
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
    sc_html_query h = sv_query_html(q);
    page *pg = page_open(out, 200, HTML);
    if (pg != NULL && pg->fp != NULL)
        sc_html_form_page(pg->fp, p, &h, NULL);
    page_close(pg, out);
}

static void compare(const sc_pricing *p, sc_episode_cache *cache, sv_query *q, int api,
                    sv_response *out)
{
    sc_compare_result r;
    sc_error err;
    if (sc_compare_cached(p, cache, &q->compare, &r, &err) != SC_OK) {
        refuse(p, q, api, &err, out);
        return;
    }
    page *pg = page_open(out, 200, api ? JSON : HTML);
    if (pg != NULL && pg->fp != NULL) {
        sc_html_query h = sv_query_html(q);
        if (api)
            sc_report_compare(pg->fp, &r, SC_FORMAT_JSON);
        else
            sc_html_compare_page(pg->fp, &r, &h);
    }
    page_close(pg, out);
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
    page *pg = page_open(out, 200, api ? JSON : HTML);
    if (pg != NULL && pg->fp != NULL) {
        sc_html_query h = sv_query_html(q);
        if (q->page == SV_PAGE_SIMULATE)
            sc_report_simulate(pg->fp, &sim, &e, SC_FORMAT_JSON);
        else if (api)
            sc_report_estimate(pg->fp, &e, simulate ? &sim : NULL, SC_FORMAT_JSON, 0);
        else
            sc_html_estimate_page(pg->fp, &e, &sim, &h);
    }
    page_close(pg, out);
    if (simulate)
        sc_sim_result_free(&sim);
    sc_estimate_result_free(&e);
}

static void finance(const sc_pricing *p, sv_query *q, int api, sv_response *out)
{
    sc_finance_result r;
    sc_error err;
    /* The page shows every plan when none is chosen (its form's first
     * choice); the API asks for a choice, as the command line does. */
    if (!api && !q->finance_chosen)
        q->finance.compare = 1;
    if (sc_finance_run(p, &q->finance, &r, &err) != SC_OK) {
        refuse(p, q, api, &err, out);
        return;
    }
    page *pg = page_open(out, 200, api ? JSON : HTML);
    if (pg != NULL && pg->fp != NULL) {
        sc_html_query h = sv_query_html(q);
        if (api)
            sc_report_finance(pg->fp, &r, SC_FORMAT_JSON);
        else
            sc_html_finance_page(pg->fp, p, &r, &h);
    }
    page_close(pg, out);
    sc_finance_result_free(&r);
}

static void message(int status, const char *title, const char *text, sv_response *out)
{
    page *pg = page_open(out, status, HTML);
    if (pg != NULL && pg->fp != NULL)
        sc_html_message_page(pg->fp, title, text);
    page_close(pg, out);
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

void sv_handle(const sc_pricing *p, sc_episode_cache *cache, const char *path,
               const sv_pair *pairs, size_t n, const char *today, sv_response *out)
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
        sc_error err;
        /* A program calling /api/ reads JSON, even for a wrong address. */
        if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0) {
            sc_error_field(&err, SC_EUSAGE, SC_R_NOT_FOUND, "",
                           "no such API; there are /api/compare, /api/estimate, "
                           "/api/simulate and /api/finance");
            json_error_status(&err, 404, out);
        } else {
            message(404, "Page not found", "This address is not a page of stemcost.", out);
        }
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
        compare(p, cache, q, rt->api, out);
    else if (rt->page == SV_PAGE_FINANCE)
        finance(p, q, rt->api, out);
    else
        estimate(p, q, rt->api, out);
    free(q);
}
