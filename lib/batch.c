/* Batch scenario reports: see include/stemcost/batch.h. */
#include <config.h>

#include "stemcost/batch.h"

#include <stdlib.h>
#include <string.h>

#include "stemcost/csvin.h"
#include "stemcost/output.h"
#include "stemcost/simulate.h"

static const char *const result_columns[] = {SC_BATCH_RESULT_COLUMNS};
#define NRESULT (sizeof result_columns / sizeof *result_columns)
static const char *const required[] = {"procedure", "condition", "country"};

typedef struct batch {
    const sc_pricing *p;
    const sc_batch_options *o;
    FILE *out;
    const char *name;
    sc_batch_stats *stats;
    size_t ncols;
    int field_of_col[64];   /* scenario field index of each input column, or -1 */
    int has_required[3];
    int header_done;
} batch;

/* Which scenario field a column feeds (by its batch column name), or -1. */
static int field_index(const char *column)
{
    for (int i = 0; sc_scenario_fields[i]; i++)
        if (strcmp(sc_scenario_fields[i], column) == 0)
            return i;
    return -1;
}

static sc_status header(batch *b, const sc_csv_record *rec, sc_error *err)
{
    if (rec->count > sizeof b->field_of_col / sizeof *b->field_of_col)
        return sc_error_set(err, SC_ELIMIT, b->name, rec->line, 65,
                            "more than 64 columns in a scenario file");
    b->ncols = rec->count;
    for (size_t i = 0; i < rec->count; i++) {
        b->field_of_col[i] = field_index(rec->fields[i]);
        for (int k = 0; k < 3; k++)
            if (strcmp(rec->fields[i], required[k]) == 0)
                b->has_required[k] = 1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(rec->fields[j], rec->fields[i]) == 0)
                return sc_error_set(err, SC_EINPUT, b->name, rec->lines[i], (long)i + 1,
                                    "duplicate column '%s'", rec->fields[i]);
        for (size_t k = 0; k < NRESULT; k++)
            if (strcmp(rec->fields[i], result_columns[k]) == 0)
                return sc_error_set(err, SC_EINPUT, b->name, rec->lines[i], (long)i + 1,
                                    "column '%s' is a result column name; rename it",
                                    rec->fields[i]);
    }
    for (int k = 0; k < 3; k++)
        if (!b->has_required[k])
            return sc_error_set(err, SC_EINPUT, b->name, rec->line, 0,
                                "missing column '%s' (required: procedure, condition, country)",
                                required[k]);
    for (size_t i = 0; i < rec->count; i++)
        sc_csv_field(b->out, rec->fields[i], i == 0);
    for (size_t k = 0; k < NRESULT; k++)
        sc_csv_field(b->out, result_columns[k], 0);
    if (b->o->percentiles) {
        sc_csv_field(b->out, "p10", 0);
        sc_csv_field(b->out, "p50", 0);
        sc_csv_field(b->out, "p90", 0);
    }
    sc_csv_end_row(b->out);
    return SC_OK;
}

static void write_money(FILE *out, int64_t v, const sc_currency *c)
{
    char buf[48];
    sc_csv_field(out, sc_money_format_plain(v, c, buf, sizeof buf), 0);
}

static sc_status row(batch *b, const sc_csv_record *rec, sc_error *err)
{
    sc_scenario s;
    sc_error e;
    memset(&s, 0, sizeof s);
    s.today = b->o->today;
    b->stats->rows++;
    /* Exactly the header's columns, so the report stays aligned: a short row
     * is padded, a long one cut (and its error says so). */
    for (size_t i = 0; i < b->ncols; i++)
        sc_csv_field(b->out, i < rec->count ? rec->fields[i] : "", i == 0);
    char msg[SC_WHERE_MAX + SC_MSG_MAX + 64];
    msg[0] = '\0';
    sc_estimate_result r;
    sc_sim_result sim;
    int ok = 0, have_sim = 0;
    if (rec->count != b->ncols) {
        snprintf(msg, sizeof msg, "line %ld: %zu fields but the header has %zu", rec->line,
                 rec->count, b->ncols);
    } else {
        for (size_t i = 0; i < rec->count; i++)
            if (b->field_of_col[i] >= 0 && rec->fields[i][0] != '\0')
                sc_scenario_set_index(&s, (size_t)b->field_of_col[i], rec->fields[i]);
        sc_error_clear(&e);
        if (sc_estimate(b->p, &s, &r, &e) == SC_OK) {
            ok = 1;
            if (b->o->percentiles) {
                if (sc_simulate(b->p, &s, b->o->draws, b->o->seed, &sim, &e) == SC_OK)
                    have_sim = 1;
                else
                    ok = 0, sc_estimate_result_free(&r);
            }
        }
        if (!ok) {
            /* Name the column rather than the option: "sites: ..." */
            const char *where = e.file[0] == '-' && e.file[1] == '-' ? e.file + 2 : e.file;
            char col[64];
            size_t k = 0;
            for (; where[k] && k < sizeof col - 1; k++)
                col[k] = where[k] == '-' ? '_' : where[k];
            col[k] = '\0';
            if (e.line > 0)
                sc_error_format(&e, msg, sizeof msg);
            else
                snprintf(msg, sizeof msg, "%s%s%s", col, col[0] ? ": " : "", e.msg);
        }
    }
    if (ok) {
        const sc_currency *c = r.currency;
        write_money(b->out, r.treatment.low, c);
        write_money(b->out, r.treatment.typical, c);
        write_money(b->out, r.treatment.high, c);
        write_money(b->out, r.tax.typical, c);
        write_money(b->out, r.travel.typical, c);
        write_money(b->out, r.insurance_pays.typical, c);
        write_money(b->out, r.out_of_pocket.low, c);
        write_money(b->out, r.out_of_pocket.typical, c);
        write_money(b->out, r.out_of_pocket.high, c);
        sc_csv_field(b->out, c->code, 0);
        char warnings[512];
        sc_csv_field(b->out, sc_estimate_warning_codes(&r, warnings, sizeof warnings), 0);
        sc_csv_field(b->out, "", 0);
        if (have_sim) {
            write_money(b->out, sim.p10, c);
            write_money(b->out, sim.p50, c);
            write_money(b->out, sim.p90, c);
            sc_sim_result_free(&sim);
        }
        sc_estimate_result_free(&r);
    } else {
        b->stats->failed++;
        for (size_t k = 0; k + 1 < NRESULT; k++)
            sc_csv_field(b->out, "", 0);
        sc_csv_field(b->out, msg, 0);
        if (b->o->percentiles)
            for (int k = 0; k < 3; k++)
                sc_csv_field(b->out, "", 0);
    }
    sc_csv_end_row(b->out);
    if (b->o->progress && b->stats->rows % 4096 == 0)
        b->o->progress(b->o->progress_ctx, b->stats->rows);
    if (!ok && b->o->fail_fast)
        return sc_error_set(err, SC_EINPUT, b->name, rec->line, 0, "%s", msg);
    return SC_OK;
}

static sc_status on_record(const sc_csv_record *rec, void *ctx, sc_error *err)
{
    batch *b = ctx;
    if (!b->header_done) {
        b->header_done = 1;
        return header(b, rec, err);
    }
    return row(b, rec, err);
}

sc_status sc_batch_run(const sc_pricing *p, FILE *in, const char *name, FILE *out,
                       const sc_batch_options *o, sc_batch_stats *stats, sc_error *err)
{
    batch b;
    memset(&b, 0, sizeof b);
    memset(stats, 0, sizeof *stats);
    b.p = p;
    b.o = o;
    b.out = out;
    b.name = name;
    b.stats = stats;
    /* Scenario files are ordinary CSV: keep the reader's limits (64 KiB fields). */
    sc_status st = sc_csv_read(in, name, NULL, on_record, &b, err);
    if (st == SC_OK && !b.header_done)
        st = sc_error_set(err, SC_EINPUT, name, 0, 0, "empty file: no header row");
    if (o->progress)
        o->progress(o->progress_ctx, stats->rows);
    return st;
}
