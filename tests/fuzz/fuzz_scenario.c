/* libFuzzer harness: a scenario as the command line and batch take it, on the
 * bundled tables.  The input is lines NAME=VALUE (a field of
 * sc_scenario_fields by its option or column name, or "today").
 *
 * The command line's way: each value through sc_scenario_set (the last one of
 * a name wins, as for a repeated option), then sc_scenario_resolve and the
 * estimate.  Batch's way: the same values as one row of a CSV file, through
 * sc_batch_run.  The two must agree (abort() is a finding): a scenario the
 * command line estimates is a row batch estimates to the same out-of-pocket
 * total in the same currency, and one the command line refuses is a row with
 * an error.  (Values the two take differently by design are left out of the
 * comparison: empty ones, which batch takes as the default, and ones with
 * surrounding spaces, which batch trims.) */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/batch.h"
#include "stemcost/csvin.h"
#include "stemcost/estimate.h"
#include "stemcost/output.h"

static sc_pricing *pricing;

/* The report row batch wrote: its typical out of pocket, currency and error. */
typedef struct report {
    int col_oop, col_currency, col_error, rows;
    char oop[64], currency[8], error[8];
} report;

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src);
}

static sc_status on_report(const sc_csv_record *rec, void *vp, sc_error *err)
{
    report *r = vp;
    (void)err;
    if (rec->number == 1) {
        for (size_t i = 0; i < rec->count; i++) {
            if (strcmp(rec->fields[i], "out_of_pocket_typical") == 0)
                r->col_oop = (int)i;
            else if (strcmp(rec->fields[i], "result_currency") == 0)
                r->col_currency = (int)i;
            else if (strcmp(rec->fields[i], "error") == 0)
                r->col_error = (int)i;
        }
        return SC_OK;
    }
    r->rows++;
    if (r->col_oop >= 0 && (size_t)r->col_oop < rec->count)
        copy(r->oop, sizeof r->oop, rec->fields[r->col_oop]);
    if (r->col_currency >= 0 && (size_t)r->col_currency < rec->count)
        copy(r->currency, sizeof r->currency, rec->fields[r->col_currency]);
    if (r->col_error >= 0 && (size_t)r->col_error < rec->count)
        copy(r->error, sizeof r->error, rec->fields[r->col_error]);
    return SC_OK;
}

/* Field index of an option or column name, or -1. */
static int field_index(const char *name)
{
    for (int i = 0; sc_scenario_fields[i] != NULL; i++) {
        const char *f = sc_scenario_fields[i];
        size_t k = 0;
        while (f[k] != '\0' && (name[k] == f[k] || (name[k] == '-' && f[k] == '_')))
            k++;
        if (f[k] == '\0' && name[k] == '\0')
            return i;
    }
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (pricing == NULL) {
        sc_diags d;
        sc_diags_init(&d);
        if (sc_pricing_load_builtin(&pricing, &d) != SC_OK)
            abort();
        sc_diags_free(&d);
    }
    if (size == 0 || size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';

    /* The command line's way. */
    sc_scenario s;
    memset(&s, 0, sizeof s);
    s.today = "2026-11-24";
    const char *value[SC_SCENARIO_NFIELDS] = {0};
    int comparable = 1;
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        if (eq == NULL)
            continue;
        *eq = '\0';
        const char *v = eq + 1;
        sc_error e;
        if (strcmp(line, "today") == 0) {
            s.today = v;
            continue;
        }
        if (sc_scenario_set(&s, line, v, &e) != SC_OK)
            continue; /* an unknown name: an unknown option, a carried column */
        int i = field_index(line);
        if (i >= 0)
            value[i] = v;
    }
    for (int i = 0; i < SC_SCENARIO_NFIELDS; i++) {
        const char *v = value[i];
        size_t n = v ? strlen(v) : 0;
        if (v != NULL && (n == 0 || v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' ||
                          v[n - 1] == '\t'))
            comparable = 0;
    }
    if (!sc_date_valid(s.today))
        comparable = 0; /* batch takes --today once, checked before the rows */
    sc_estimate_result est;
    sc_error err;
    int cli_ok = sc_estimate(pricing, &s, &est, &err) == SC_OK;
    char oop[64] = "", currency[8] = "";
    if (cli_ok) {
        sc_money_format_plain(est.out_of_pocket.typical, est.currency, oop, sizeof oop);
        copy(currency, sizeof currency, est.currency->code);
        if (est.out_of_pocket.low > est.out_of_pocket.typical ||
            est.out_of_pocket.typical > est.out_of_pocket.high)
            abort();
        sc_estimate_result_free(&est);
    }

    /* Batch's way: the same values as one row. */
    if (comparable) {
        char *csv = NULL, *out = NULL;
        size_t csv_len = 0, out_len = 0;
        FILE *fp = open_memstream(&csv, &csv_len);
        const char *names[SC_SCENARIO_NFIELDS], *cells[SC_SCENARIO_NFIELDS];
        size_t n = 0;
        for (int i = 0; i < SC_SCENARIO_NFIELDS; i++)
            if (value[i] != NULL) {
                names[n] = sc_scenario_fields[i];
                cells[n++] = value[i];
            }
        if (n > 0) {
            sc_csv_row(fp, names, n);
            sc_csv_row(fp, cells, n);
        }
        fclose(fp);
        FILE *in = fmemopen(csv, csv_len ? csv_len : 1, "rb");
        FILE *rep = open_memstream(&out, &out_len);
        sc_batch_options o;
        memset(&o, 0, sizeof o);
        o.today = s.today;
        sc_batch_stats stats;
        sc_status st = n > 0 ? sc_batch_run(pricing, in, "fuzz.csv", rep, &o, &stats, &err)
                             : SC_EINPUT;
        fclose(in);
        fclose(rep);
        if (st == SC_OK) {
            report r = {-1, -1, -1, 0, "", "", ""};
            FILE *back = fmemopen(out, out_len ? out_len : 1, "rb");
            if (sc_csv_read(back, "report", NULL, on_report, &r, &err) != SC_OK || r.rows != 1)
                abort();
            fclose(back);
            if (cli_ok != (r.error[0] == '\0'))
                abort(); /* one refuses what the other estimates */
            if (cli_ok && (strcmp(r.oop, oop) != 0 || strcmp(r.currency, currency) != 0))
                abort(); /* different totals */
        } else if (cli_ok) {
            abort(); /* a valid scenario whose file batch could not read */
        }
        free(csv);
        free(out);
    }
    free(buf);
    return 0;
}
