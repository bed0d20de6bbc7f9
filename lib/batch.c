/* Batch scenario reports: see include/stemcost/batch.h. */
#include <config.h>

#include "stemcost/batch.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "episode_table.h"
#include "stemcost/csvin.h"
#include "stemcost/output.h"
#include "stemcost/simulate.h"

static const char *const result_columns[] = {SC_BATCH_RESULT_COLUMNS};
#define NRESULT (sizeof result_columns / sizeof *result_columns)
#define MAX_COLUMNS 256

/* What a report row of a combination writes that depends only on its
 * entry in the episode table, made when first needed and kept on the entry:
 * the failure as a message and as a CSV field (quoted if it must be), the
 * complication probability, and the warning codes as a CSV field.  The codes
 * are kept per count of warnings: finishing an episode adds the one
 * plan-dependent warning (oop-met-assumed) or not, nothing else. */
typedef struct row_texts {
    char *message, *field;
    char *probability;
    size_t probability_len;
    char *codes[2];
    size_t codes_len[2];
    size_t codes_nwarnings[2];
} row_texts;

/* The combinations batch keeps prepared: a planner file with a few
 * thousand distinct ones keeps them all; past this the table starts again
 * empty (at most some 50 MB; 17 MB for a file that meets every combination
 * of the bundled tables). */
#define BATCH_EPISODES_MAX 8192

typedef struct batch {
    const sc_pricing *p;
    const sc_batch_options *o;
    sc_csv_writer w;
    const char *name;
    sc_batch_stats *stats;
    size_t ncols;
    int field_of_col[MAX_COLUMNS]; /* scenario field index of each input column, or -1 */
    int header_done;
    sc_episode_table *episodes;
} batch;

/* ---- header --------------------------------------------------------------------- */

static int field_index(const char *column)
{
    for (int i = 0; sc_scenario_fields[i]; i++)
        if (strcmp(sc_scenario_fields[i], column) == 0)
            return i;
    return -1;
}

static void put(sc_csv_writer *w, const char *s)
{
    sc_csvw_field(w, s, strlen(s));
}

static sc_status header(batch *b, const sc_csv_record *rec, sc_error *err)
{
    static const char *const required[] = {"procedure", "condition", "country"};
    int other = sc_csv_guess_delimiter(rec, b->w.delimiter);
    if (other != 0)
        return sc_error_set(err, SC_EINPUT, b->name, rec->line, 1,
                            "the header is one column with %s in it: the file looks "
                            "%s-separated; read it with --delimiter %s",
                            sc_csv_delimiter_name((char)other), sc_csv_delimiter_name((char)other),
                            sc_csv_delimiter_name((char)other));
    if (rec->count > MAX_COLUMNS)
        return sc_error_set(err, SC_ELIMIT, b->name, rec->line, MAX_COLUMNS + 1,
                            "more than %d columns in a scenario file", MAX_COLUMNS);
    b->ncols = rec->count;
    int has[3] = {0, 0, 0};
    for (size_t i = 0; i < rec->count; i++) {
        b->field_of_col[i] = field_index(rec->fields[i]);
        for (int k = 0; k < 3; k++)
            has[k] |= strcmp(rec->fields[i], required[k]) == 0;
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
        if (!has[k])
            return sc_error_set(err, SC_EINPUT, b->name, rec->line, 0,
                                "missing column '%s' (required: procedure, condition, country)",
                                required[k]);
    for (size_t i = 0; i < rec->count; i++)
        sc_csvw_field(&b->w, rec->fields[i], rec->lengths[i]);
    for (size_t k = 0; k < NRESULT; k++)
        put(&b->w, result_columns[k]);
    if (b->o->percentiles) {
        put(&b->w, "p10");
        put(&b->w, "p50");
        put(&b->w, "p90");
    }
    sc_csvw_end_row(&b->w);
    return SC_OK;
}

/* ---- rows ------------------------------------------------------------------------- */

/* A scenario cell without its surrounding spaces (in place); NULL when blank. */
static const char *scenario_value(char *s, size_t n)
{
    size_t a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    s[n] = '\0';
    return a == n ? NULL : s + a;
}

/* Text as a CSV field of this report (quoted if it must be). */
static char *field_text(const sc_csv_writer *w, const char *text)
{
    size_t n = strlen(text);
    if (!sc_csv_needs_quotes(text, n, w->delimiter))
        return strdup(text);
    size_t need = csv_write(NULL, 0, text, n);
    char *q = malloc(need + 1);
    if (q != NULL) {
        csv_write(q, need, text, n);
        q[need] = '\0';
    }
    return q;
}

static void texts_free(void *v)
{
    row_texts *t = v;
    if (t == NULL)
        return;
    free(t->message);
    free(t->field);
    free(t->probability);
    free(t->codes[0]);
    free(t->codes[1]);
    free(t);
}

/* The entry's texts, made empty when first asked for; NULL out of memory. */
static row_texts *texts_of(sc_episode_entry *e)
{
    if (e->user == NULL && (e->user = calloc(1, sizeof(row_texts))) != NULL)
        e->user_free = texts_free;
    return e->user;
}

/* The failure of a combination the tables cannot price, as a message and
 * as a report field, made once; NULL out of memory. */
static const row_texts *failure_of(const batch *b, sc_episode_entry *e)
{
    row_texts *t = texts_of(e);
    if (t == NULL)
        return NULL;
    if (t->message == NULL) {
        char text[SC_WHERE_MAX + SC_MSG_MAX + 8];
        sc_error_format(e->error, text, sizeof text);
        t->message = strdup(text);
        t->field = field_text(&b->w, text);
        if (t->message == NULL || t->field == NULL)
            return NULL;
    }
    return t;
}

static void money(sc_csv_writer *w, int64_t v, const sc_currency *c)
{
    sc_csvw_decimal(w, v, c->digits);
}

/* The warning codes of `r` as a field of this report, finished from the
 * entry whose texts are `t`: made once per count of warnings.  Its length in
 * `len`; NULL when out of memory. */
static const char *codes_of(const batch *b, row_texts *t, const sc_estimate_result *r,
                            size_t *len)
{
    int i;
    for (i = 0; i < 2; i++)
        if (t->codes[i] != NULL && t->codes_nwarnings[i] == r->nwarnings)
            break;
    if (i == 2) {
        i = t->codes[0] == NULL ? 0 : 1;
        char buf[SC_WARNING_MAX];
        free(t->codes[i]);
        t->codes[i] = field_text(&b->w, sc_estimate_warning_codes(r, buf, sizeof buf));
        if (t->codes[i] == NULL)
            return NULL;
        t->codes_len[i] = strlen(t->codes[i]);
        t->codes_nwarnings[i] = r->nwarnings;
    }
    *len = t->codes_len[i];
    return t->codes[i];
}

static sc_status results(batch *b, sc_episode_entry *entry, const sc_sim_result *sim)
{
    sc_csv_writer *w = &b->w;
    const sc_estimate_result *r = &entry->prepared;
    row_texts *t = texts_of(entry);
    if (t == NULL)
        return SC_ENOMEM;
    const sc_currency *c = r->currency;
    const int64_t amounts[] = {r->treatment.low,       r->treatment.typical,
                               r->treatment.high,      r->tax.typical,
                               r->travel.typical,      r->insurance_pays.typical,
                               r->contingency.typical, r->out_of_pocket.low,
                               r->out_of_pocket.typical, r->out_of_pocket.high};
    for (size_t j = 0; j < sizeof amounts / sizeof *amounts; j++)
        money(w, amounts[j], c);
    sc_csvw_plain(w, c->code, strlen(c->code));
    sc_csvw_decimal(w, r->interpolated_pct, SC_PCT_DECIMALS);
    if (r->complications.row != NULL) {
        if (t->probability == NULL) {
            char buf[48];
            t->probability = strdup(sc_decimal_format(r->complications.probability,
                                                      SC_PROB_DECIMALS, 1, buf, sizeof buf));
            if (t->probability == NULL)
                return SC_ENOMEM;
            t->probability_len = strlen(t->probability);
        }
        sc_csvw_plain(w, t->probability, t->probability_len); /* digits and a point */
        money(w, r->complications.expected, c);
    } else {
        sc_csvw_blanks(w, 2);
    }
    size_t codes_len;
    const char *codes = codes_of(b, t, r, &codes_len);
    if (codes == NULL)
        return SC_ENOMEM;
    sc_csvw_plain(w, codes, codes_len); /* already a field */
    sc_csvw_blanks(w, 1); /* error */
    if (sim != NULL) {
        money(w, sim->p10, c);
        money(w, sim->p50, c);
        money(w, sim->p90, c);
    }
    return SC_OK;
}

/* The error column: `field` is already a CSV field when `ready`. */
static void error_row(batch *b, const char *msg, int ready)
{
    sc_csvw_blanks(&b->w, NRESULT - 1);
    if (ready)
        sc_csvw_plain(&b->w, msg, strlen(msg));
    else
        put(&b->w, msg);
    if (b->o->percentiles)
        sc_csvw_blanks(&b->w, 3);
}

/* The report could not be written: a write error names the report's file
 * (not the input's line), running out of memory says so. */
static sc_status write_failed(const batch *b, sc_error *err)
{
    if (b->w.error == ENOMEM)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory while writing the report");
    return sc_error_set(err, SC_EIO, b->o->output_name ? b->o->output_name : "the report", 0, 0,
                        "cannot write: %s", strerror(b->w.error));
}

static sc_status row(batch *b, const sc_csv_record *rec, sc_error *err)
{
    b->stats->rows++;
    /* Exactly the header's columns, so the report stays aligned: a short row
     * is padded, a long one cut (and its error says so). */
    for (size_t i = 0; i < b->ncols; i++) {
        if (i < rec->count)
            sc_csvw_field(&b->w, rec->fields[i], rec->lengths[i]);
        else
            sc_csvw_field(&b->w, "", 0);
    }
    char text[SC_WHERE_MAX + SC_MSG_MAX + 64];
    const char *failure = NULL; /* the row's error, when it has one */
    if (rec->count != b->ncols) {
        snprintf(text, sizeof text, "line %ld: %zu fields but the header has %zu", rec->line,
                 rec->count, b->ncols);
        error_row(b, failure = text, 0);
    } else {
        sc_scenario s;
        sc_resolved res;
        sc_error e;
        sc_episode_entry *entry = NULL;
        sc_sim_result sim;
        int have_sim = 0;
        memset(&s, 0, sizeof s);
        s.today = b->o->today;
        for (size_t i = 0; i < rec->count; i++)
            if (b->field_of_col[i] >= 0)
                sc_scenario_set_index(&s, (size_t)b->field_of_col[i],
                                      scenario_value(rec->fields[i], rec->lengths[i]));
        /* The combination's prepared episode is finished in place for this
         * row's plan amounts and contingency, and written before the next. */
        sc_status st = sc_scenario_parse(b->p, &s, &res, &e);
        if (st == SC_OK && (entry = sc_episode_table_get(b->episodes, &res, err)) == NULL)
            return sc_error_set(err, SC_ENOMEM, b->name, rec->line, 0, "out of memory");
        if (st == SC_OK)
            st = entry->status;
        if (st == SC_OK)
            st = sc_estimate_finish(b->p, &res, &entry->prepared, &e);
        if (st == SC_OK && b->o->percentiles) {
            st = sc_simulate_resolved(b->p, &res, b->o->draws, b->o->seed, &sim, &e);
            have_sim = st == SC_OK;
        }
        if (st == SC_OK)
            st = results(b, entry, have_sim ? &sim : NULL);
        if (have_sim)
            sc_sim_result_free(&sim);
        if (st != SC_OK && st != SC_ENOMEM) {
            /* The field is the column's name, so the message names the column. */
            if (entry != NULL && entry->status != SC_OK) {
                const row_texts *t = failure_of(b, entry);
                if (t == NULL)
                    return sc_error_set(err, SC_ENOMEM, b->name, rec->line, 0, "out of memory");
                error_row(b, t->field, 1);
                failure = t->message;
            } else {
                sc_error_format(&e, text, sizeof text);
                error_row(b, failure = text, 0);
            }
        }
        if (st == SC_ENOMEM)
            return sc_error_set(err, SC_ENOMEM, b->name, rec->line, 0, "out of memory");
    }
    sc_csvw_end_row(&b->w);
    if (b->w.failed)
        return write_failed(b, err);
    if (failure != NULL)
        b->stats->failed++;
    if (b->o->progress && b->stats->rows % 4096 == 0)
        b->o->progress(b->o->progress_ctx, b->stats->rows);
    if (failure != NULL && b->o->fail_fast)
        return sc_error_set(err, SC_EINPUT, b->name, rec->line, 0, "%s", failure);
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
    sc_error local;
    if (err == NULL)
        err = &local;
    batch b;
    memset(&b, 0, sizeof b);
    memset(stats, 0, sizeof *stats);
    b.p = p;
    b.o = o;
    b.name = name;
    b.stats = stats;
    sc_csvw_init(&b.w, out, o->delimiter);
    b.episodes = sc_episode_table_new(p, BATCH_EPISODES_MAX);
    if (b.episodes == NULL)
        return sc_error_set(err, SC_ENOMEM, name, 0, 0, "out of memory");
    /* Carried columns come back byte for byte: no trimming by the reader. */
    sc_csv_options opts = {0, MAX_COLUMNS, o->delimiter, 1};
    sc_status st = sc_csv_read(in, name, &opts, on_record, &b, err);
    sc_episode_table_free(b.episodes);
    if (sc_csvw_flush(&b.w) != 0 && st == SC_OK)
        st = write_failed(&b, err);
    sc_csvw_free(&b.w);
    if (st == SC_OK && !b.header_done)
        st = sc_error_set(err, SC_EINPUT, name, 0, 0, "empty file: no header row");
    if (o->progress)
        o->progress(o->progress_ctx, stats->rows);
    return st;
}
