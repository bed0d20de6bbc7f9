/* Properties over every priced combination of the bundled tables: the
 * commands that compute the same thing agree (estimate, compare, batch,
 * simulate), every line's quantity follows its unit rule, and the money rules
 * hold (out of pocket never above the self-pay total, never above what a plan
 * leaves the patient).  Expected relations are computed here from first
 * principles, never read back from the code under test. */
#include <config.h>

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stemcost/batch.h"
#include "stemcost/compare.h"
#include "stemcost/csvin.h"
#include "stemcost/quote.h"
#include "stemcost/simulate.h"
#include "pricing_internal.h" /* the model's arrays, for tests that walk them */

static sc_pricing *p;

static void load(void)
{
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_builtin(&p, &d), SC_OK);
    sc_diags_free(&d);
}

static void unload(void)
{
    sc_pricing_free(p);
}

#define TODAY "2026-11-24"

/* The scenario settings every combination is tried with. */
typedef struct setting {
    const char *home;       /* NULL: at home */
    const char *travelers, *sessions, *insurance, *deductible_met, *contingency;
} setting;

static const setting settings[] = {
    {NULL, NULL, NULL, NULL, NULL, NULL},
    {NULL, NULL, "1", NULL, NULL, "10"},
    {"US", "2", NULL, NULL, NULL, NULL},
    {"IN", NULL, "2", NULL, NULL, "5"},
    {NULL, NULL, NULL, "us-ppo", "300", "10"},
    {NULL, NULL, NULL, "us-hdhp", NULL, NULL},
    /* The combination of the us-ppo row above with nothing met: batch's
     * prepared episode serves both, with and without oop-met-assumed. */
    {NULL, NULL, NULL, "us-ppo", NULL, NULL},
    /* The first row's combination seen from the US: only the home differs. */
    {"US", NULL, NULL, NULL, NULL, NULL},
};
#define NSETTINGS (sizeof settings / sizeof *settings)

typedef void (*visit_fn)(const sc_scenario *s, const setting *set, void *ctx);

static char sites_text[4][4] = {"1", "2", "3", "4"};

/* Every country x procedure x condition x tier x sites (1 and the most) x
 * setting; `fn` is called for each scenario that resolves (the combination
 * is priced). */
static size_t each_priced(visit_fn fn, void *ctx)
{
    size_t n = 0;
    for (size_t c = 0; c < p->ncountries; c++)
        for (size_t k = 0; k < p->nconditions; k++)
            for (size_t x = 0; x < p->conditions[k].nprocedures; x++)
                for (size_t t = 0; t < p->ntiers; t++)
                    for (int sites = 1; sites <= p->conditions[k].max_sites && sites <= 4;
                         sites += p->conditions[k].max_sites > 1 ? p->conditions[k].max_sites - 1 : 1)
                        for (size_t z = 0; z < NSETTINGS; z++) {
                            const setting *set = &settings[z];
                            sc_scenario s;
                            memset(&s, 0, sizeof s);
                            s.procedure = p->conditions[k].procedures[x];
                            s.condition = p->conditions[k].id;
                            s.country = p->countries[c].id;
                            s.tier = p->tiers[t].id;
                            s.sites = sites_text[sites - 1];
                            s.home = set->home;
                            s.travelers = set->travelers;
                            s.sessions = set->sessions;
                            s.insurance = set->insurance;
                            s.deductible_met = set->deductible_met;
                            s.contingency = set->contingency;
                            s.today = TODAY;
                            sc_resolved r;
                            sc_error e;
                            sc_status st = sc_scenario_resolve(p, &s, &r, &e);
                            if (st != SC_OK) {
                                ck_assert_msg(e.reason == SC_R_NOT_PRICED, "%s: %s", e.field,
                                              e.msg);
                                continue;
                            }
                            n++;
                            fn(&s, set, ctx);
                        }
    return n;
}

static long col_quantity(const sc_line *l, int col)
{
    return col == 0 ? l->quantity_low : col == 1 ? l->quantity : l->quantity_high;
}

static int64_t range_at(const sc_range *r, int col)
{
    return col == 0 ? r->low : col == 1 ? r->typical : r->high;
}

/* ---- estimate: the money rules and the unit rules --------------------------------- */

static void estimate_rules(const sc_scenario *s, const setting *set, void *ctx)
{
    (void)set;
    size_t *checked = ctx;
    sc_estimate_result r, self;
    sc_error e;
    ck_assert_msg(sc_estimate(p, s, &r, &e) == SC_OK, "%s", e.msg);
    sc_scenario ss = *s;
    ss.insurance = NULL;
    ss.deductible_met = NULL;
    ck_assert(sc_estimate(p, &ss, &self, &e) == SC_OK);
    const sc_procedure *proc = r.procedure;
    for (int col = 0; col < 3; col++) {
        /* The sessions of the column: given, else the procedure's low/typical/high. */
        int sessions = s->sessions ? atoi(s->sessions)
                                   : (col == 0 ? proc->sessions_low
                                               : col == 1 ? proc->sessions_typical
                                                          : proc->sessions_high);
        int visits = proc->visits * sessions;
        int64_t treatment = 0, travel = 0, uncovered = 0, pays = 0;
        for (size_t i = 0; i < r.nlines; i++) {
            const sc_line *l = &r.lines[i];
            int64_t amount = range_at(&l->amount, col);
            if (l->kind == SC_LINE_ITEM) {
                long units;
                switch (l->item->unit) {
                case SC_UNIT_EPISODE: units = 1; break;
                case SC_UNIT_SESSION: units = sessions; break;
                case SC_UNIT_SITE: units = (long)r.sites * sessions; break;
                case SC_UNIT_VISIT: units = visits; break;
                default: units = (long)r.sites; break; /* a per-site-per-course unit */
                }
                ck_assert_int_eq(col_quantity(l, col), units * l->item->quantity);
                treatment += amount;
                if (!l->covered)
                    uncovered += amount;
                pays += range_at(&l->insurance_pays, col);
                ck_assert_int_ge(range_at(&l->insurance_pays, col), 0);
                ck_assert_int_le(range_at(&l->insurance_pays, col), amount);
            } else {
                /* Travel: per traveller per visit, per night per visit, or both
                 * (a day trip has no nights). */
                ck_assert_int_ge(col_quantity(l, col), 0);
                ck_assert_int_eq(col_quantity(l, col) % visits, 0);
                travel += amount;
            }
        }
        ck_assert_int_eq(range_at(&r.treatment, col), treatment);
        ck_assert_int_eq(range_at(&r.travel, col), travel);
        ck_assert_int_eq(range_at(&r.insurance_pays, col), pays);
        int64_t tax = range_at(&r.tax, col), cont = range_at(&r.contingency, col),
                oop = range_at(&r.out_of_pocket, col);
        ck_assert_int_eq(oop, treatment + tax + travel - pays + cont);
        /* Tax only on what the plan does not cover, rounded once. */
        ck_assert(llabs(tax * 10000 - uncovered * r.tax_pct) <= 5000);
        /* Contingency on the patient's share, rounded once. */
        int64_t share = treatment + tax + travel - pays;
        ck_assert(llabs(cont * 10000 - share * r.contingency_pct) <= 5000);
        /* Never more than the self-pay total. */
        ck_assert_int_le(oop, range_at(&self.out_of_pocket, col));
        /* With a plan: never more than the uncovered part plus what is left of
         * its out-of-pocket maximum (before the contingency on top). */
        if (r.insurance_applies && r.terms.has_oop_max)
            ck_assert_int_le(oop - cont, uncovered + tax + travel + r.terms.oop_left);
    }
    ck_assert(r.out_of_pocket.low <= r.out_of_pocket.typical &&
              r.out_of_pocket.typical <= r.out_of_pocket.high);
    ck_assert(r.interpolated_pct >= 0 && r.interpolated_pct <= 10000);
    sc_estimate_result_free(&r);
    sc_estimate_result_free(&self);
    (*checked)++;
}

START_TEST(test_estimate_rules_everywhere)
{
    size_t checked = 0;
    size_t n = each_priced(estimate_rules, &checked);
    ck_assert_uint_eq(n, checked);
    ck_assert_uint_gt(n, 1000); /* most of the bundled combinations are priced */
}
END_TEST

/* ---- batch agrees with estimate ---------------------------------------------------- */

typedef struct rows {
    FILE *csv;
    size_t n;
    sc_scenario *all;
} rows;

static const char *cell(const char *v)
{
    return v ? v : "";
}

static void add_row(const sc_scenario *s, const setting *set, void *ctx)
{
    (void)set;
    rows *r = ctx;
    fprintf(r->csv, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", s->procedure, s->condition,
            s->country, s->tier, cell(s->sites), cell(s->sessions), cell(s->home),
            cell(s->travelers), cell(s->insurance), cell(s->deductible_met),
            cell(s->contingency));
    r->all = realloc(r->all, (r->n + 1) * sizeof *r->all);
    r->all[r->n++] = *s;
}

typedef struct check_batch {
    rows *in;
    size_t row;
} check_batch;

static void money_text(int64_t v, const sc_currency *c, char *buf, size_t n)
{
    sc_money_format_plain(v, c, buf, n);
}

static sc_status on_report(const sc_csv_record *rec, void *vctx, sc_error *err)
{
    (void)err;
    check_batch *cb = vctx;
    if (rec->number == 1)
        return SC_OK;
    ck_assert_uint_lt(cb->row, cb->in->n);
    const sc_scenario *s = &cb->in->all[cb->row++];
    sc_estimate_result r;
    sc_error e;
    ck_assert(sc_estimate(p, s, &r, &e) == SC_OK);
    /* 11 input columns, then the result columns in SC_BATCH_RESULT_COLUMNS order. */
    const int64_t want[] = {r.treatment.low,     r.treatment.typical,   r.treatment.high,
                            r.tax.typical,       r.travel.typical,      r.insurance_pays.typical,
                            r.contingency.typical, r.out_of_pocket.low, r.out_of_pocket.typical,
                            r.out_of_pocket.high};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        char b[48];
        money_text(want[i], r.currency, b, sizeof b);
        ck_assert_msg(strcmp(rec->fields[11 + i], b) == 0, "row %zu column %zu: batch %s, estimate %s",
                      cb->row, i, rec->fields[11 + i], b);
    }
    ck_assert_str_eq(rec->fields[21], r.currency->code);
    /* The other result columns, field by field. */
    char b[SC_WARNING_MAX];
    ck_assert_str_eq(rec->fields[22], sc_decimal_format(r.interpolated_pct, 2, 0, b, sizeof b));
    if (r.complications.row != NULL) {
        ck_assert_str_eq(rec->fields[23],
                         sc_decimal_format(r.complications.probability, SC_PROB_DECIMALS, 1, b,
                                           sizeof b));
        money_text(r.complications.expected, r.currency, b, sizeof b);
        ck_assert_str_eq(rec->fields[24], b);
    } else {
        ck_assert_str_eq(rec->fields[23], "");
        ck_assert_str_eq(rec->fields[24], "");
    }
    ck_assert_msg(strcmp(rec->fields[25], sc_estimate_warning_codes(&r, b, sizeof b)) == 0,
                  "row %zu warnings: batch %s, estimate %s", cb->row, rec->fields[25], b);
    ck_assert_str_eq(rec->fields[26], ""); /* no error */
    sc_estimate_result_free(&r);
    return SC_OK;
}

START_TEST(test_batch_agrees_with_estimate)
{
    rows in = {0};
    char *text = NULL;
    size_t len = 0;
    in.csv = open_memstream(&text, &len);
    fprintf(in.csv, "procedure,condition,country,tier,sites,sessions,home,travelers,insurance,"
                    "deductible_met,contingency\r\n");
    each_priced(add_row, &in);
    fclose(in.csv);
    /* Twice over, so the second pass reuses the prepared episodes. */
    char *twice = malloc(2 * len + 1);
    memcpy(twice, text, len);
    char *body = strchr(text, '\n') + 1;
    memcpy(twice + len, body, len - (size_t)(body - text));
    size_t tlen = len + len - (size_t)(body - text);
    size_t n = in.n;
    in.all = realloc(in.all, 2 * n * sizeof *in.all);
    memcpy(in.all + n, in.all, n * sizeof *in.all);
    in.n = 2 * n;

    FILE *fin = fmemopen(twice, tlen, "rb");
    char *out = NULL;
    size_t outlen = 0;
    FILE *fout = open_memstream(&out, &outlen);
    sc_batch_options o;
    memset(&o, 0, sizeof o);
    o.today = TODAY;
    sc_batch_stats stats;
    sc_error e;
    ck_assert_msg(sc_batch_run(p, fin, "all.csv", fout, &o, &stats, &e) == SC_OK, "%s", e.msg);
    fclose(fin);
    fclose(fout);
    ck_assert_int_eq(stats.rows, (long)in.n);
    ck_assert_int_eq(stats.failed, 0);
    FILE *rep = fmemopen(out, outlen, "rb");
    check_batch cb = {&in, 0};
    ck_assert(sc_csv_read(rep, "report", NULL, on_report, &cb, &e) == SC_OK);
    fclose(rep);
    ck_assert_uint_eq(cb.row, in.n);
    free(out);
    free(twice);
    free(text);
    free(in.all);
}
END_TEST

/* ---- compare agrees with estimate --------------------------------------------------- */

START_TEST(test_compare_agrees_with_estimate)
{
    size_t rows_checked = 0;
    for (size_t k = 0; k < p->nconditions; k++)
        for (size_t x = 0; x < p->conditions[k].nprocedures; x++)
            for (size_t h = 0; h < p->ncountries; h++) {
                sc_compare_request q;
                memset(&q, 0, sizeof q);
                q.base.procedure = p->conditions[k].procedures[x];
                q.base.condition = p->conditions[k].id;
                q.base.home = p->countries[h].id;
                q.base.sites = "1";
                q.base.contingency = "10";
                q.base.today = TODAY;
                sc_compare_result r;
                sc_error e;
                ck_assert_msg(sc_compare(p, &q, &r, &e) == SC_OK, "%s", e.msg);
                for (size_t i = 0; i < r.nrows; i++) {
                    const sc_compare_row *row = &r.rows[i];
                    if (!row->priced)
                        continue;
                    sc_scenario s = q.base;
                    s.country = row->country->id;
                    s.tier = row->tier->id;
                    sc_estimate_result est;
                    ck_assert(sc_estimate(p, &s, &est, &e) == SC_OK);
                    ck_assert_int_eq(row->est.out_of_pocket.low, est.out_of_pocket.low);
                    ck_assert_int_eq(row->est.out_of_pocket.typical, est.out_of_pocket.typical);
                    ck_assert_int_eq(row->est.out_of_pocket.high, est.out_of_pocket.high);
                    ck_assert_int_eq(row->est.travel.typical, est.travel.typical);
                    ck_assert_int_eq(row->est.interpolated_pct, est.interpolated_pct);
                    sc_estimate_result_free(&est);
                    rows_checked++;
                }
                sc_compare_result_free(&r);
            }
    ck_assert_uint_gt(rows_checked, 500);
}
END_TEST

/* ---- the simulation stays within the estimate, and its mean is the PERT mean ---------- */

static void sim_within(const sc_scenario *s, const setting *set, void *ctx)
{
    size_t *checked = ctx;
    /* One setting per combination, one tier and one site count: enough to
     * touch every priced line shape without a long run. */
    if (set != &settings[0] && set != &settings[4] && set != &settings[2])
        return;
    if (strcmp(s->tier, "specialist") != 0 || strcmp(s->sites, "1") != 0)
        return;
    sc_estimate_result r;
    sc_sim_result sim;
    sc_error e;
    ck_assert(sc_estimate(p, s, &r, &e) == SC_OK);
    /* Enough draws that 2 % is over four standard errors of the mean. */
    long draws = set == &settings[0] ? 20000 : 2000;
    ck_assert_msg(sc_simulate(p, s, draws, 7, &sim, &e) == SC_OK, "%s", e.msg);
    int64_t widen = r.complications.row ? r.complications.charge.high : 0;
    for (long d = 0; d < sim.draws; d++) {
        ck_assert_msg(sim.values[d] >= (double)r.out_of_pocket.low, "%s/%s/%s: draw %.0f < low %lld",
                      s->procedure, s->condition, s->country, sim.values[d],
                      (long long)r.out_of_pocket.low);
        ck_assert_msg(sim.values[d] <= (double)(r.out_of_pocket.high + widen),
                      "%s/%s/%s: draw %.0f > high %lld + %lld", s->procedure, s->condition,
                      s->country, sim.values[d], (long long)r.out_of_pocket.high,
                      (long long)widen);
    }
    ck_assert_int_ge(sim.p5, r.out_of_pocket.low);
    ck_assert_int_le(sim.p95, r.out_of_pocket.high + widen);
    if (set == &settings[0] && r.home == r.country) {
        /* Self-pay at home: the mean is, line by line, the PERT mean of its
         * low / typical / high amount for the draw's sessions; with the
         * sessions open, the test averages over their PERT distribution
         * rounded to whole numbers, done here with its own integration. */
        double mean = 0;
        const sc_procedure *proc = r.procedure;
        int lo = proc->sessions_low, md = proc->sessions_typical, hi = proc->sessions_high;
        double w[16] = {0};
        if (hi == lo) {
            w[0] = 1;
        } else {
            /* P(round(PERT(lo, md, hi)) = k) by numerical integration of the density. */
            double a = 1 + 4.0 * (md - lo) / (hi - lo), b = 1 + 4.0 * (hi - md) / (hi - lo);
            const int steps = 200000;
            double total = 0;
            for (int i = 0; i < steps; i++) {
                double x = (i + 0.5) / steps;
                double dens = pow(x, a - 1) * pow(1 - x, b - 1);
                double v = lo + x * (hi - lo);
                int kk = (int)floor(v + 0.5) - lo;
                w[kk] += dens;
                total += dens;
            }
            for (int kk = 0; kk <= hi - lo; kk++)
                w[kk] /= total;
        }
        for (int kk = 0; kk <= hi - lo; kk++) {
            if (w[kk] == 0)
                continue;
            int sessions = lo + kk;
            double sum = 0;
            for (size_t i = 0; i < r.nitems; i++) {
                const sc_line *l = &r.lines[i];
                long units;
                switch (l->item->unit) {
                case SC_UNIT_EPISODE: units = 1; break;
                case SC_UNIT_SESSION: units = sessions; break;
                case SC_UNIT_SITE: units = (long)r.sites * sessions; break;
                case SC_UNIT_VISIT: units = (long)proc->visits * sessions; break;
                default: units = r.sites; break;
                }
                units *= l->item->quantity;
                double rate = 1;
                if (l->price_currency != r.currency)
                    rate = (double)sc_pricing_fx(p, r.currency)->per_usd /
                           (double)sc_pricing_fx(p, l->price_currency)->per_usd *
                           pow(10, r.currency->digits - l->price_currency->digits);
                sum += (double)(l->unit_price.low + 4 * l->unit_price.typical + l->unit_price.high) /
                       6.0 * (double)units * rate;
            }
            mean += w[kk] * sum;
        }
        mean *= 1 + r.tax_pct / 10000.0;
        if (r.complications.row)
            mean += (r.complications.row->prob_low + 4.0 * r.complications.row->prob_typical +
                     r.complications.row->prob_high) /
                    6.0 / 1e6 *
                    (r.complications.charge.low + 4.0 * r.complications.charge.typical +
                     r.complications.charge.high) /
                    6.0;
        ck_assert_msg(fabs((double)sim.mean - mean) <= 0.02 * mean,
                      "%s/%s/%s: simulated mean %lld, PERT mean %.0f", s->procedure,
                      s->condition, s->country, (long long)sim.mean, mean);
    }
    sc_sim_result_free(&sim);
    sc_estimate_result_free(&r);
    (*checked)++;
}

START_TEST(test_simulation_within_estimate)
{
    size_t checked = 0;
    each_priced(sim_within, &checked);
    ck_assert_uint_gt(checked, 50);
}
END_TEST

START_TEST(test_sessions_given_are_never_drawn)
{
    /* PRP with one session given: every draw prices exactly one session, so the
     * 10th percentile never exceeds the estimate's typical (issue 13, 1). */
    sc_scenario s;
    memset(&s, 0, sizeof s);
    s.procedure = "prp";
    s.condition = "knee-oa";
    s.country = "US";
    s.sessions = "1";
    s.today = TODAY;
    sc_estimate_result r;
    sc_sim_result one, three;
    sc_error e;
    ck_assert(sc_estimate(p, &s, &r, &e) == SC_OK);
    ck_assert(sc_simulate(p, &s, 5000, 1, &one, &e) == SC_OK);
    ck_assert_int_le(one.p10, r.out_of_pocket.typical);
    s.sessions = "3";
    ck_assert(sc_simulate(p, &s, 5000, 1, &three, &e) == SC_OK);
    ck_assert_int_gt(three.p50, one.p50);
    sc_sim_result_free(&one);
    sc_sim_result_free(&three);
    sc_estimate_result_free(&r);
}
END_TEST

/* ---- batch carries other columns byte for byte ---------------------------------------- */

#define NCARRY 3
#define NRANDOM 400

typedef struct carried {
    char *field[NRANDOM][NCARRY];
    size_t len[NRANDOM][NCARRY];
    size_t row;
} carried;

/* A random field from pieces that trouble CSV: separators, quotes, CR, LF,
 * CRLF, spaces at either end, UTF-8, nothing at all, and long runs. */
static size_t random_field(unsigned *seed, char *out)
{
    static const char *const pieces[] = {",", "\"", "\r", "\n", "\r\n", " ", "\t", "M\xc3\xbcller",
                                         "\xe6\x97\xa5\xe6\x9c\xac", "x", "0.5", ";", "", "  "};
    size_t n = 0;
    int count = (int)(rand_r(seed) % 8);
    if (rand_r(seed) % 20 == 0) { /* a long field */
        for (int i = 0; i < 3000; i++)
            out[n++] = (char)('a' + i % 26);
    }
    for (int i = 0; i < count; i++) {
        const char *piece = pieces[rand_r(seed) % (sizeof pieces / sizeof *pieces)];
        size_t k = strlen(piece);
        memcpy(out + n, piece, k);
        n += k;
    }
    out[n] = '\0';
    return n;
}

static void write_field(FILE *fp, const char *s, size_t n, int first)
{
    if (!first)
        fputc(',', fp);
    fputc('"', fp); /* always quoted in the input: every byte is data */
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', fp);
        fputc(s[i], fp);
    }
    fputc('"', fp);
}

static sc_status on_carried(const sc_csv_record *rec, void *vctx, sc_error *err)
{
    (void)err;
    carried *c = vctx;
    if (rec->number == 1)
        return SC_OK;
    ck_assert_uint_lt(c->row, NRANDOM);
    /* Columns: a, procedure, b, condition, country, c, then the results. */
    const int at[NCARRY] = {0, 2, 5};
    for (int k = 0; k < NCARRY; k++) {
        ck_assert_uint_eq(rec->lengths[at[k]], c->len[c->row][k]);
        ck_assert(memcmp(rec->fields[at[k]], c->field[c->row][k], c->len[c->row][k]) == 0);
    }
    c->row++;
    return SC_OK;
}

START_TEST(test_batch_carries_fields_byte_for_byte)
{
    carried c;
    memset(&c, 0, sizeof c);
    unsigned seed = 20261129;
    char *text = NULL;
    size_t len = 0;
    FILE *in = open_memstream(&text, &len);
    fprintf(in, "a,procedure,b,condition,country,c\r\n");
    char buf[4096];
    for (int r = 0; r < NRANDOM; r++) {
        for (int k = 0; k < NCARRY; k++) {
            c.len[r][k] = random_field(&seed, buf);
            c.field[r][k] = malloc(c.len[r][k] + 1);
            memcpy(c.field[r][k], buf, c.len[r][k] + 1);
        }
        write_field(in, c.field[r][0], c.len[r][0], 1);
        fputs(",bmac", in);
        write_field(in, c.field[r][1], c.len[r][1], 0);
        fputs(",knee-oa,US", in);
        write_field(in, c.field[r][2], c.len[r][2], 0);
        fputs("\r\n", in);
    }
    fclose(in);
    FILE *fin = fmemopen(text, len, "rb");
    char *out = NULL;
    size_t outlen = 0;
    FILE *fout = open_memstream(&out, &outlen);
    sc_batch_options o;
    memset(&o, 0, sizeof o);
    o.today = TODAY;
    sc_batch_stats stats;
    sc_error e;
    ck_assert_msg(sc_batch_run(p, fin, "random.csv", fout, &o, &stats, &e) == SC_OK, "%s", e.msg);
    fclose(fin);
    fclose(fout);
    ck_assert_int_eq(stats.rows, NRANDOM);
    FILE *rep = fmemopen(out, outlen, "rb");
    sc_csv_options keep = {0, 0, ',', 1};
    ck_assert(sc_csv_read(rep, "report", &keep, on_carried, &c, &e) == SC_OK);
    fclose(rep);
    ck_assert_uint_eq(c.row, NRANDOM);
    for (int r = 0; r < NRANDOM; r++)
        for (int k = 0; k < NCARRY; k++)
            free(c.field[r][k]);
    free(out);
    free(text);
}
END_TEST

/* ---- quote totals agree with estimate ------------------------------------------------- */

/* A diagnosis code of the condition for the number of sites (the right
 * joint, or both). */
static const char *icd10_for(const char *condition, int sites)
{
    if (strcmp(condition, "knee-oa") == 0)
        return sites == 2 ? "M17.0" : "M17.11";
    if (strcmp(condition, "hip-oa") == 0)
        return sites == 2 ? "M16.0" : "M16.11";
    if (strcmp(condition, "ddd") == 0)
        return "M51.369";
    if (strcmp(condition, "spinal-stenosis") == 0)
        return "M48.061";
    return NULL;
}

START_TEST(test_quote_agrees_with_estimate)
{
    /* Every priced US combination at home, self-pay (a Good Faith Estimate):
     * the quote's recorded totals are the estimate's out of pocket. */
    char path[4096], reg_path[] = "/tmp/stemcost-prop-XXXXXX";
    const char *src = getenv("TESTS_SRCDIR");
    snprintf(path, sizeof path, "%s/fixtures/provider.txt", src ? src : "tests");
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    sc_provider prov;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_provider_read(fp, "provider.txt", "US", &prov, &d), SC_OK);
    fclose(fp);
    sc_diags_free(&d);
    ck_assert_ptr_nonnull(mkdtemp(reg_path));
    char reg_file[4200];
    snprintf(reg_file, sizeof reg_file, "%s/quotes.sqlite", reg_path);
    sc_register *reg = NULL;
    sc_error e;
    int fixed = 0;
    ck_assert_msg(sc_register_open(reg_file, NULL, &reg, &fixed, &e) == SC_OK, "%s", e.msg);
    size_t checked = 0;
    const sc_country *us = sc_pricing_country(p, "US");
    for (size_t k = 0; k < p->nconditions; k++)
        for (size_t x = 0; x < p->conditions[k].nprocedures; x++)
            for (size_t t = 0; t < p->ntiers; t++)
                for (int sites = 1; sites <= 2 && sites <= p->conditions[k].max_sites; sites++) {
                    const char *code = icd10_for(p->conditions[k].id, sites);
                    if (code == NULL)
                        continue;
                    sc_quote_request q;
                    memset(&q, 0, sizeof q);
                    q.scenario.procedure = p->conditions[k].procedures[x];
                    q.scenario.condition = p->conditions[k].id;
                    q.scenario.country = us->id;
                    q.scenario.tier = p->tiers[t].id;
                    q.scenario.sites = sites_text[sites - 1];
                    q.scenario.today = TODAY;
                    q.patient = "Test Patient";
                    q.dob = "1960-01-01";
                    q.service_date = "2027-06-30";
                    q.icd10[0] = code;
                    q.nicd10 = 1;
                    q.parties[0].provider = &prov;
                    q.nparties = 1;
                    sc_estimate_result r;
                    if (sc_estimate(p, &q.scenario, &r, &e) != SC_OK) {
                        ck_assert_int_eq(e.reason, SC_R_NOT_PRICED);
                        continue;
                    }
                    sc_issued_quote out;
                    ck_assert_msg(sc_quote_issue(p, reg, &q, SC_QUOTE_TEXT, SC_COPIES_PATIENT,
                                                 &out, &e) == SC_OK,
                                  "%s %s %s: %s: %s", q.scenario.procedure, q.scenario.condition,
                                  q.scenario.tier, e.field, e.msg);
                    sc_quote_record rec;
                    ck_assert(sc_register_get(reg, out.code, &rec, &e) == SC_OK);
                    ck_assert_int_eq(rec.total, r.out_of_pocket.typical);
                    ck_assert_int_eq(rec.total_low, r.out_of_pocket.low);
                    ck_assert_int_eq(rec.total_high, r.out_of_pocket.high);
                    sc_quote_record_free(&rec);
                    sc_issued_quote_free(&out);
                    sc_estimate_result_free(&r);
                    checked++;
                }
    sc_register_close(reg);
    sc_provider_free(&prov);
    unlink(reg_file);
    char wal[4300];
    snprintf(wal, sizeof wal, "%s-wal", reg_file);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", reg_file);
    unlink(wal);
    rmdir(reg_path);
    ck_assert_uint_gt(checked, 20);
}
END_TEST

static Suite *properties_suite(void)
{
    Suite *s = suite_create("properties");
    TCase *tc = tcase_create("bundled");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_add_test(tc, test_estimate_rules_everywhere);
    tcase_add_test(tc, test_batch_agrees_with_estimate);
    tcase_add_test(tc, test_compare_agrees_with_estimate);
    tcase_add_test(tc, test_simulation_within_estimate);
    tcase_add_test(tc, test_sessions_given_are_never_drawn);
    tcase_add_test(tc, test_batch_carries_fields_byte_for_byte);
    tcase_add_test(tc, test_quote_agrees_with_estimate);
    tcase_set_timeout(tc, 600);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(properties_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
