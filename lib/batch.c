/* Batch scenario reports: see include/stemcost/batch.h. */
#include <config.h>

#include "stemcost/batch.h"

#include <csv.h>
#include <stdint.h>
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
    int col_of_field[32];   /* input column of each scenario field, or -1 */
    int has_required[3];
    int header_done;
    struct slot *cache;     /* results of scenarios already seen */
} batch;

/* A memo of results: planner files repeat scenarios, and a scenario's result
 * columns depend only on its scenario fields (and the options, fixed for the
 * run), so they are computed once and reused.  Direct-mapped with a fixed
 * number of slots: memory stays constant whatever the input. */
#define CACHE_SLOTS 4096
#define KEY_MAX 1024
typedef struct slot {
    uint64_t hash;
    char *key;    /* the scenario fields joined with 0x1f */
    char *text;   /* the result columns as CSV, each with its leading comma */
    char *error;  /* the error message, for a failed row */
} slot;

/* A growable string. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
    int oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (p == NULL) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* One CSV field with its leading comma, quoted by libcsv when it must be. */
static void sb_field(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    sb_put(b, ",", 1);
    if (strpbrk(s, ",\"\r\n") == NULL && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
        sb_put(b, s, n);
        return;
    }
    size_t need = csv_write(NULL, 0, s, n);
    char *q = malloc(need + 1);
    if (q == NULL) {
        b->oom = 1;
        return;
    }
    csv_write(q, need, s, n);
    sb_put(b, q, need);
    free(q);
}

static void sb_money(sbuf *b, int64_t v, const sc_currency *c)
{
    char buf[48];
    sb_field(b, sc_money_format_plain(v, c, buf, sizeof buf));
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

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
    for (size_t f = 0; f < sizeof b->col_of_field / sizeof *b->col_of_field; f++)
        b->col_of_field[f] = -1;
    for (size_t i = 0; i < rec->count; i++) {
        b->field_of_col[i] = field_index(rec->fields[i]);
        if (b->field_of_col[i] >= 0)
            b->col_of_field[b->field_of_col[i]] = (int)i;
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

/* Compute a scenario's result columns (text) or its error (message). */
static void compute(batch *b, const sc_csv_record *rec, sbuf *text, char *msg, size_t msgsize)
{
    sc_scenario s;
    sc_error e;
    sc_estimate_result r;
    sc_sim_result sim;
    int ok = 0, have_sim = 0;
    memset(&s, 0, sizeof s);
    s.today = b->o->today;
    msg[0] = '\0';
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
        /* Errors name the scenario field, which is the batch column name. */
        sc_error_format(&e, msg, msgsize);
        for (size_t j = 0; j + 1 < NRESULT; j++)
            sb_field(text, "");
        sb_field(text, msg);
        if (b->o->percentiles)
            for (int j = 0; j < 3; j++)
                sb_field(text, "");
        return;
    }
    const sc_currency *c = r.currency;
    const int64_t money[] = {r.treatment.low, r.treatment.typical, r.treatment.high,
                             r.tax.typical, r.travel.typical, r.insurance_pays.typical,
                             r.out_of_pocket.low, r.out_of_pocket.typical, r.out_of_pocket.high};
    for (size_t j = 0; j < sizeof money / sizeof *money; j++)
        sb_money(text, money[j], c);
    sb_field(text, c->code);
    char warnings[512];
    sb_field(text, sc_estimate_warning_codes(&r, warnings, sizeof warnings));
    sb_field(text, "");
    if (have_sim) {
        sb_money(text, sim.p10, c);
        sb_money(text, sim.p50, c);
        sb_money(text, sim.p90, c);
        sc_sim_result_free(&sim);
    }
    sc_estimate_result_free(&r);
}

/* The memo key: the scenario fields' values joined with 0x1f; 0 if too long. */
static int make_key(const batch *b, const sc_csv_record *rec, char *key)
{
    size_t used = 0;
    for (int f = 0; sc_scenario_fields[f]; f++) {
        int col = b->col_of_field[f];
        const char *v = col >= 0 ? rec->fields[col] : "";
        size_t n = strlen(v);
        if (used + n + 2 > KEY_MAX)
            return 0;
        memcpy(key + used, v, n);
        used += n;
        key[used++] = '\x1f';
    }
    key[used] = '\0';
    return 1;
}

static sc_status row(batch *b, const sc_csv_record *rec, sc_error *err)
{
    b->stats->rows++;
    /* Exactly the header's columns, so the report stays aligned: a short row
     * is padded, a long one cut (and its error says so). */
    for (size_t i = 0; i < b->ncols; i++)
        sc_csv_field(b->out, i < rec->count ? rec->fields[i] : "", i == 0);
    char msg[SC_WHERE_MAX + SC_MSG_MAX + 64];
    const char *error = NULL;
    if (rec->count != b->ncols) {
        snprintf(msg, sizeof msg, "line %ld: %zu fields but the header has %zu", rec->line,
                 rec->count, b->ncols);
        for (size_t k = 0; k + 1 < NRESULT; k++)
            sc_csv_field(b->out, "", 0);
        sc_csv_field(b->out, msg, 0);
        if (b->o->percentiles)
            for (int k = 0; k < 3; k++)
                sc_csv_field(b->out, "", 0);
        error = msg;
    } else {
        char key[KEY_MAX];
        int keyed = make_key(b, rec, key);
        uint64_t h = keyed ? fnv1a(key) : 0;
        slot *sl = keyed && b->cache ? &b->cache[h % CACHE_SLOTS] : NULL;
        if (sl != NULL && sl->key != NULL && sl->hash == h && strcmp(sl->key, key) == 0) {
            fputs(sl->text, b->out);
            error = sl->error;
        } else {
            sbuf text = {0};
            compute(b, rec, &text, msg, sizeof msg);
            if (text.oom) {
                free(text.s);
                return sc_error_set(err, SC_ENOMEM, b->name, rec->line, 0, "out of memory");
            }
            fputs(text.s, b->out);
            error = msg[0] ? msg : NULL;
            if (sl != NULL) {
                free(sl->key);
                free(sl->error);
                free(sl->text);
                sl->hash = h;
                sl->key = strdup(key);
                sl->text = text.s;
                sl->error = error ? strdup(error) : NULL;
                error = sl->error ? sl->error : error;
                if (sl->key == NULL) { /* out of memory: forget the slot */
                    free(sl->text);
                    free(sl->error);
                    sl->text = sl->error = NULL;
                }
            } else {
                free(text.s);
            }
        }
    }
    sc_csv_end_row(b->out);
    if (error != NULL)
        b->stats->failed++;
    if (b->o->progress && b->stats->rows % 4096 == 0)
        b->o->progress(b->o->progress_ctx, b->stats->rows);
    if (error != NULL && b->o->fail_fast)
        return sc_error_set(err, SC_EINPUT, b->name, rec->line, 0, "%s", error);
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
    b.cache = calloc(CACHE_SLOTS, sizeof *b.cache); /* without it, just no memo */
    /* Scenario files are ordinary CSV: keep the reader's limits (64 KiB fields). */
    sc_status st = sc_csv_read(in, name, NULL, on_record, &b, err);
    for (size_t i = 0; b.cache && i < CACHE_SLOTS; i++) {
        free(b.cache[i].key);
        free(b.cache[i].text);
        free(b.cache[i].error);
    }
    free(b.cache);
    if (st == SC_OK && !b.header_done)
        st = sc_error_set(err, SC_EINPUT, name, 0, 0, "empty file: no header row");
    if (o->progress)
        o->progress(o->progress_ctx, stats->rows);
    return st;
}
