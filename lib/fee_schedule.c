/* Prices derived from official fee schedules (see sc_fee and sc_item in
 * include/stemcost/pricing.h, and "Derived rows" in pricing/README.md).
 *
 * A derived item row names fee-schedule codes in its `formula`
 * ("GOAE:5729 + GOAE:5731 + 2 x GOAE:1") and a factor level for each of its
 * low, typical and high amounts (`factors`, "min/threshold/max").  Each code's
 * fee at the level is rounded once (sc_fee_amount); the amount is the sum of
 * quantity x fee.  Written amounts must agree with the formula to the minor
 * unit; empty ones are filled in. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "membuf.h"
#include "stemcost/dates.h"
#include "pricing_internal.h"

#define MAX_TERMS 16

static int64_t pow10i(int n)
{
    int64_t v = 1;
    while (n-- > 0)
        v *= 10;
    return v;
}

sc_status sc_fee_amount(const sc_fee *f, sc_factor_level level, int64_t *out, sc_error *err)
{
    /* A public entry point: a level outside the enum is refused, not read
     * past the array. */
    if ((unsigned)level > SC_FACTOR_MAX)
        return sc_error_field(err, SC_EINPUT, SC_R_RANGE, "factor",
                              "factor level %d is not min, threshold or max", (int)level);
    int64_t factor = f->factor[level], num, den;
    if (f->points >= 0) {
        /* points (10^2) x unit value (10^7) x factor (10^2): 10^11 per major
         * unit.  points x unit value <= 10^7 x 10^10 fits in 64 bits. */
        num = f->points * f->unit_value;
        den = pow10i(SC_FEE_POINT_DECIMALS + SC_FEE_UNIT_DECIMALS + SC_FEE_FACTOR_DECIMALS -
                     f->currency->digits);
    } else {
        num = f->amount;
        den = pow10i(SC_FEE_FACTOR_DECIMALS);
    }
    /* num x factor / den, exact: the whole part of num / den times the factor,
     * plus the remainder's share rounded half away from zero (all positive). */
    int64_t q = num / den, r = num % den;
    int64_t v = q * factor + (r * factor + den / 2) / den;
    if (v > SC_MONEY_MAX)
        return sc_error_field(err, SC_EINPUT, SC_R_OVERFLOW, "amount",
                              "fee %s %s is above the largest amount accepted", f->schedule,
                              f->code);
    *out = v;
    return SC_OK;
}

/* "1.8", "1.0", "1.15": a factor with at least one decimal, as GOÄ bills print it. */
static void format_factor(int64_t factor, char *buf, size_t size)
{
    sc_decimal_format(factor, SC_FEE_FACTOR_DECIMALS, 1, buf, size);
    if (strchr(buf, '.') == NULL)
        strncat(buf, ".0", size - strlen(buf) - 1);
}

static void format_money(FILE *fp, int64_t amount, const sc_currency *cur)
{
    char buf[48];
    fprintf(fp, "%s %s", cur->code, sc_money_format_plain(amount, cur, buf, sizeof buf));
}

/* "GOÄ 5729: 2400 pts x EUR 0.0582873 x 1.8 = EUR 251.80" for one term. */
static void describe_term(FILE *fp, const sc_fee_term *t, sc_factor_level level, int64_t fee)
{
    const sc_fee *f = t->fee;
    char a[48], b[48], fac[16];
    format_factor(f->factor[level], fac, sizeof fac);
    if (t->quantity > 1)
        fprintf(fp, "%d x ", t->quantity);
    fprintf(fp, "%s %s: ", f->schedule_name, f->code);
    if (f->points >= 0)
        fprintf(fp, "%s %s x %s %s", sc_decimal_format(f->points, SC_FEE_POINT_DECIMALS, 1, a, sizeof a),
                f->points_unit, f->currency->code,
                sc_decimal_format(f->unit_value, SC_FEE_UNIT_DECIMALS, 1, b, sizeof b));
    else
        format_money(fp, f->amount, f->currency);
    fprintf(fp, " x %s = ", fac);
    format_money(fp, fee, f->currency);
    if (t->quantity > 1) {
        fprintf(fp, ", x %d = ", t->quantity);
        format_money(fp, fee * t->quantity, f->currency);
    }
}

/* "; low EUR 244.81 at the min factors (1.0, 1.0, 1.0)" */
static void describe_level(FILE *fp, const char *which, const sc_item *it, sc_factor_level level,
                           int64_t total)
{
    char fac[16];
    fprintf(fp, "; %s ", which);
    format_money(fp, total, it->currency);
    fprintf(fp, " at the %s factor%s (", sc_factor_level_name(level), it->nterms > 1 ? "s" : "");
    for (size_t k = 0; k < it->nterms; k++) {
        format_factor(it->terms[k].fee->factor[level], fac, sizeof fac);
        fprintf(fp, "%s%s", k ? ", " : "", fac);
    }
    fputc(')', fp);
}

static char *derivation_text(const sc_item *it, int64_t fees[][3], const int64_t total[3])
{
    sc_membuf m;
    FILE *fp = sc_membuf_open(&m);
    if (fp == NULL)
        return NULL;
    sc_factor_level typ = it->factors[1];
    for (size_t k = 0; k < it->nterms; k++) {
        if (k > 0)
            fputs("; ", fp);
        describe_term(fp, &it->terms[k], typ, fees[k][1]);
    }
    if (it->nterms > 1) {
        fputs("; total ", fp);
        format_money(fp, total[1], it->currency);
        fprintf(fp, " at the %s factors", sc_factor_level_name(typ));
    }
    describe_level(fp, "low", it, it->factors[0], total[0]);
    describe_level(fp, "high", it, it->factors[2], total[2]);
    return sc_membuf_close(&m, NULL) == SC_OK ? m.data : NULL;
}

/* Parse "SCHED:CODE" or "N x SCHED:CODE" terms separated by '+'; 0 after
 * reporting a problem. */
static int parse_formula(const sc_pricing *p, sc_item *it, const sc_cells *c)
{
    const char *s = it->formula;
    sc_fee_term terms[MAX_TERMS];
    size_t n = 0;
    while (*s) {
        char term[160];
        size_t len = strcspn(s, "+");
        if (len >= sizeof term || n == MAX_TERMS) {
            sc_cells_error(c, "formula", "formula: at most %d terms of at most %zu characters",
                           MAX_TERMS, sizeof term - 1);
            return 0;
        }
        memcpy(term, s, len);
        term[len] = '\0';
        s += len + (s[len] == '+');
        char *t = term, *end;
        while (*t == ' ')
            t++;
        for (end = t + strlen(t); end > t && end[-1] == ' '; end--)
            end[-1] = '\0';
        char shown[sizeof term];
        snprintf(shown, sizeof shown, "%s", t);
        /* "N x " in front: a quantity of 1 to 100. */
        int qty = 1;
        size_t digits = strspn(t, "0123456789");
        if (digits > 0 && digits <= 3 && strncmp(t + digits, " x ", 3) == 0) {
            qty = atoi(t);
            t += digits + 3;
            while (*t == ' ')
                t++;
        }
        char *colon = strchr(t, ':');
        if (qty < 1 || qty > 100 || colon == NULL || colon == t || colon[1] == '\0' ||
            strpbrk(t, " \t") != NULL) {
            sc_cells_error(c, "formula", "formula term '%s' is not SCHEDULE:CODE or "
                                         "N x SCHEDULE:CODE (N from 1 to 100)", shown);
            return 0;
        }
        *colon = '\0';
        const sc_fee *f = sc_pricing_fee(p, t, colon + 1);
        if (f == NULL) {
            sc_cells_error(c, "formula", "unknown fee-schedule code '%s:%s' (not in "
                                         "fee-schedules.csv)", t, colon + 1);
            return 0;
        }
        if (f->currency == NULL || (f->points < 0 && f->amount < 0))
            return 0; /* the fee row's own problem was reported */
        if (f->currency != it->currency) {
            sc_cells_error(c, "formula", "%s:%s is in %s but the row is in %s", t, colon + 1,
                           f->currency->code, it->currency->code);
            return 0;
        }
        terms[n++] = (sc_fee_term){f, qty};
    }
    if (n == 0) {
        sc_cells_error(c, "formula", "formula has no terms");
        return 0;
    }
    it->terms = malloc(n * sizeof *it->terms);
    if (it->terms == NULL) {
        c->diags->oom = 1;
        return 0;
    }
    memcpy(it->terms, terms, n * sizeof *terms);
    it->nterms = n;
    return 1;
}

/* The written amounts must be what the formula gives; empty ones are filled. */
static void settle_amounts(sc_item *it, const sc_cells *c, const int64_t total[3])
{
    static const char *const cols[3] = {"low", "typical", "high"};
    int64_t *price[3] = {&it->price.low, &it->price.typical, &it->price.high};
    int written = 0;
    for (int k = 0; k < 3; k++)
        written |= sc_cells_text(c, cols[k])[0] != '\0';
    for (int k = 0; k < 3; k++) {
        int64_t v;
        char want[48];
        if (!written) {
            *price[k] = total[k];
            continue;
        }
        if (sc_money_parse(sc_cells_text(c, cols[k]), it->currency, 0, &v, NULL) != SC_OK)
            continue; /* reported by the row loader */
        if (v != total[k])
            sc_cells_error(c, cols[k], "%s %s disagrees with the formula, which gives %s at "
                                       "the %s factor%s", cols[k], sc_cells_text(c, cols[k]),
                           sc_money_format_plain(total[k], it->currency, want, sizeof want),
                           sc_factor_level_name(it->factors[k]), it->nterms > 1 ? "s" : "");
    }
}

static void derive_item(sc_pricing *p, sc_item *it, const sc_cells *c)
{
    int64_t fees[MAX_TERMS][3], total[3] = {0, 0, 0};
    if (it->currency == NULL || !parse_formula(p, it, c))
        return;
    for (size_t k = 0; k < it->nterms; k++) {
        const sc_fee_term *t = &it->terms[k];
        for (int lv = 0; lv < 3; lv++) {
            sc_error e;
            int64_t line;
            if (sc_fee_amount(t->fee, it->factors[lv], &fees[k][lv], &e) != SC_OK ||
                sc_money_mul(fees[k][lv], t->quantity, &line, &e) != SC_OK ||
                sc_money_add(total[lv], line, &total[lv], &e) != SC_OK) {
                sc_cells_error(c, "formula", "%s", e.msg);
                return;
            }
        }
        /* "Derived" means computed from stated numbers: a fee the tables
         * themselves only assume would carry a guess into a price shown as
         * derived (and leave it out of the share resting on guesses). */
        if (t->fee->basis == SC_BASIS_INTERPOLATED)
            sc_cells_error(c, "formula", "%s:%s is interpolated in the fee schedules: a derived "
                                         "price rests on stated numbers only (price the row "
                                         "itself as interpolated)",
                           t->fee->schedule, t->fee->code);
        /* The row cannot be newer than the schedule version it is derived from. */
        if (it->as_of && t->fee->as_of && sc_date_valid(it->as_of) &&
            strcmp(it->as_of, t->fee->as_of) > 0)
            sc_cells_error(c, "as_of", "as_of %s is newer than %s:%s (in force as of %s), "
                                       "which the row is derived from", it->as_of,
                           t->fee->schedule, t->fee->code, t->fee->as_of);
    }
    settle_amounts(it, c, total);
    it->derivation = derivation_text(it, fees, total);
    if (it->derivation == NULL)
        c->diags->oom = 1;
    p->nderived++;
}

void sc_pricing_derive(sc_pricing *p, sc_diags *d)
{
    const sc_table *t = p->raw[SC_T_ITEMS];
    if (t == NULL || p->raw[SC_T_FEE_SCHEDULES] == NULL || d->oom)
        return; /* a table that failed to load was reported once */
    for (size_t i = 0; i < p->nitems && i < t->nrows; i++) {
        if (p->items[i].formula == NULL)
            continue;
        sc_cells c = {t, &t->rows[i], d};
        derive_item(p, &p->items[i], &c);
    }
}
