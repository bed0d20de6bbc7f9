/* Batch scenario reports: see include/stemcost/batch.h. */
#include <config.h>

#include "stemcost/batch.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "stemcost/csvin.h"
#include "stemcost/output.h"
#include "stemcost/simulate.h"

static const char *const result_columns[] = {SC_BATCH_RESULT_COLUMNS};
#define NRESULT (sizeof result_columns / sizeof *result_columns)
#define MAX_COLUMNS 256

/* A prepared episode, kept for the rows that share its combination. */
typedef struct template_key {
    const void *procedure, *condition, *country, *home, *tier, *insurance, *currency;
    int sites, sessions, sessions_given, travelers;
} template_key;
_Static_assert(sizeof(template_key) % 8 == 0, "key_hash reads the key 8 bytes at a time");

/* A combination's prepared episode, or why it cannot be priced (a row that
 * asks for it fails the same way). */
typedef struct template_slot {
    sc_status failed;  /* SC_OK, or the status of the failure */
    template_key key;
    sc_estimate_result *est; /* when it did not fail */
    char *message;     /* the failure, formatted */
    char *field;       /* the same as a CSV field of the report (quoted if it must be) */
    /* Texts of the report that depend only on the prepared episode, made when
     * first written: the complication probability and the warning codes.
     * The codes are kept per count of warnings: finishing an episode adds
     * the one plan-dependent warning (oop-met-assumed) or not, nothing else. */
    char *probability;
    char *codes[2];
    size_t codes_nwarnings[2];
} template_slot;

/* The combinations met so far, in an open-addressing table (linear probing,
 * never more than half full), each made when first met.  Planner files with
 * a few thousand distinct combinations keep them all; past TEMPLATE_MAX the
 * table starts again empty, so memory stays bounded whatever the input (a
 * prepared episode takes about 6 KB with its lines, a failure about 400
 * bytes: at most some 50 MB; a 21 MB peak for a file that meets every
 * combination of the bundled tables). */
#define TEMPLATE_MAX 8192
#define TEMPLATE_BUCKETS (2 * TEMPLATE_MAX) /* a power of two */

typedef struct batch {
    const sc_pricing *p;
    const sc_batch_options *o;
    sc_csv_writer w;
    const char *name;
    sc_batch_stats *stats;
    size_t ncols;
    int field_of_col[MAX_COLUMNS]; /* scenario field index of each input column, or -1 */
    int header_done;
    template_slot **templates; /* TEMPLATE_BUCKETS, NULL when empty */
    size_t ntemplates;
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

/* FNV-1a a word at a time (the key is pointers and ints, compared as bytes;
 * its size is a multiple of 8), then the high bits folded in: the table takes
 * the low ones. */
static uint64_t key_hash(const template_key *k)
{
    uint64_t h = SC_FNV_OFFSET, w;
    const unsigned char *bytes = (const unsigned char *)k;
    for (size_t i = 0; i + sizeof w <= sizeof *k; i += sizeof w) {
        memcpy(&w, bytes + i, sizeof w);
        h = (h ^ w) * SC_FNV_PRIME;
    }
    return h ^ (h >> 29) ^ (h >> 47);
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

static void slot_free(template_slot *slot)
{
    if (slot == NULL)
        return;
    if (slot->est != NULL) {
        sc_estimate_result_free(slot->est);
        free(slot->est);
    }
    free(slot->message);
    free(slot->field);
    free(slot->probability);
    free(slot->codes[0]);
    free(slot->codes[1]);
    free(slot);
}

/* Remember that the combination fails with `e`. */
static sc_status slot_fail(const batch *b, template_slot *slot, sc_status st, const sc_error *e)
{
    char text[SC_WHERE_MAX + SC_MSG_MAX + 8];
    sc_error_format(e, text, sizeof text);
    slot->failed = st;
    slot->message = strdup(text);
    slot->field = field_text(&b->w, text);
    return slot->message == NULL || slot->field == NULL ? SC_ENOMEM : SC_OK;
}

/* A new slot for key `k`: the episode prepared, or the failure remembered. */
static template_slot *slot_make(const batch *b, sc_resolved *s, const template_key *k)
{
    template_slot *slot = calloc(1, sizeof *slot);
    if (slot == NULL)
        return NULL;
    slot->key = *k;
    sc_error e;
    sc_status st = sc_resolved_at(b->p, s, s->country, s->tier, s, &e);
    if (st == SC_OK) {
        if ((slot->est = calloc(1, sizeof *slot->est)) == NULL) {
            free(slot);
            return NULL;
        }
        st = sc_estimate_prepare(b->p, s, slot->est, &e);
        if (st != SC_OK) {
            free(slot->est); /* a failed prepare keeps nothing */
            slot->est = NULL;
        }
    }
    if (st == SC_ENOMEM || (st != SC_OK && slot_fail(b, slot, st, &e) != SC_OK)) {
        slot_free(slot);
        return NULL;
    }
    return slot;
}

static void templates_clear(batch *b)
{
    for (size_t i = 0; i < TEMPLATE_BUCKETS; i++) {
        slot_free(b->templates[i]);
        b->templates[i] = NULL;
    }
    b->ntemplates = 0;
}

/* The slot of `s`'s combination, from the table or made now (the episode
 * prepared, or why the tables cannot price it). */
static sc_status prepared(batch *b, sc_resolved *s, template_slot **out, sc_error *err)
{
    template_key k;
    memset(&k, 0, sizeof k); /* padding too: the key is hashed and compared as bytes */
    k.procedure = s->procedure;
    k.condition = s->condition;
    k.country = s->country;
    k.home = s->home;
    k.tier = s->tier;
    k.insurance = s->insurance;
    k.currency = s->currency;
    k.sites = s->sites;
    k.sessions = s->sessions;
    k.sessions_given = s->sessions_given;
    k.travelers = s->travelers;
    size_t at = (size_t)key_hash(&k) & (TEMPLATE_BUCKETS - 1);
    template_slot *slot;
    while ((slot = b->templates[at]) != NULL && memcmp(&slot->key, &k, sizeof k) != 0)
        at = (at + 1) & (TEMPLATE_BUCKETS - 1);
    if (slot == NULL) {
        if (b->ntemplates == TEMPLATE_MAX) { /* full: start again */
            templates_clear(b);
            at = (size_t)key_hash(&k) & (TEMPLATE_BUCKETS - 1);
        }
        if ((slot = slot_make(b, s, &k)) == NULL)
            return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        b->templates[at] = slot;
        b->ntemplates++;
    }
    *out = slot;
    return SC_OK;
}

static void money(sc_csv_writer *w, int64_t v, const sc_currency *c)
{
    sc_csvw_decimal(w, v, c->digits);
}

/* The warning codes of `r`, prepared as `slot`: made once per count of
 * warnings.  NULL when out of memory. */
static const char *codes_of(template_slot *slot, const sc_estimate_result *r)
{
    for (int i = 0; i < 2; i++)
        if (slot->codes[i] != NULL && slot->codes_nwarnings[i] == r->nwarnings)
            return slot->codes[i];
    int i = slot->codes[0] == NULL ? 0 : 1;
    char buf[SC_WARNING_MAX];
    free(slot->codes[i]);
    slot->codes[i] = strdup(sc_estimate_warning_codes(r, buf, sizeof buf));
    slot->codes_nwarnings[i] = r->nwarnings;
    return slot->codes[i];
}

static sc_status results(batch *b, template_slot *slot, const sc_estimate_result *r,
                         const sc_sim_result *sim)
{
    sc_csv_writer *w = &b->w;
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
        if (slot->probability == NULL) {
            char buf[48];
            slot->probability = strdup(sc_decimal_format(r->complications.probability,
                                                         SC_PROB_DECIMALS, 1, buf, sizeof buf));
            if (slot->probability == NULL)
                return SC_ENOMEM;
        }
        put(w, slot->probability);
        money(w, r->complications.expected, c);
    } else {
        sc_csvw_blanks(w, 2);
    }
    const char *codes = codes_of(slot, r);
    if (codes == NULL)
        return SC_ENOMEM;
    put(w, codes);
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
        template_slot *slot = NULL;
        sc_sim_result sim;
        int have_sim = 0;
        memset(&s, 0, sizeof s);
        s.today = b->o->today;
        for (size_t i = 0; i < rec->count; i++)
            if (b->field_of_col[i] >= 0)
                sc_scenario_set_index(&s, (size_t)b->field_of_col[i],
                                      scenario_value(rec->fields[i], rec->lengths[i]));
        sc_status st = sc_scenario_parse(b->p, &s, &res, &e);
        if (st == SC_OK)
            st = prepared(b, &res, &slot, err);
        if (st == SC_OK)
            st = slot->failed;
        if (st == SC_OK)
            st = sc_estimate_finish(b->p, &res, slot->est, &e);
        if (st == SC_OK && b->o->percentiles) {
            st = sc_simulate_resolved(b->p, &res, b->o->draws, b->o->seed, &sim, &e);
            have_sim = st == SC_OK;
        }
        if (st == SC_OK)
            st = results(b, slot, slot->est, have_sim ? &sim : NULL);
        if (have_sim)
            sc_sim_result_free(&sim);
        if (st == SC_ENOMEM)
            return sc_error_set(err, SC_ENOMEM, b->name, rec->line, 0, "out of memory");
        if (st != SC_OK) {
            /* The field is the column's name, so the message names the column. */
            if (slot != NULL && slot->failed != SC_OK) {
                error_row(b, slot->field, 1);
                failure = slot->message;
            } else {
                sc_error_format(&e, text, sizeof text);
                error_row(b, failure = text, 0);
            }
        }
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
    b.templates = calloc(TEMPLATE_BUCKETS, sizeof *b.templates);
    if (b.templates == NULL)
        return sc_error_set(err, SC_ENOMEM, name, 0, 0, "out of memory");
    /* Carried columns come back byte for byte: no trimming by the reader. */
    sc_csv_options opts = {0, MAX_COLUMNS, o->delimiter, 1};
    sc_status st = sc_csv_read(in, name, &opts, on_record, &b, err);
    templates_clear(&b);
    free(b.templates);
    if (sc_csvw_flush(&b.w) != 0 && st == SC_OK)
        st = write_failed(&b, err);
    sc_csvw_free(&b.w);
    if (st == SC_OK && !b.header_done)
        st = sc_error_set(err, SC_EINPUT, name, 0, 0, "empty file: no header row");
    if (o->progress)
        o->progress(o->progress_ctx, stats->rows);
    return st;
}
