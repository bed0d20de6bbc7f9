/* Exact interest and level payments at decimal rates.
 *
 * An APR is held in millionths of a percent, so the monthly rate is the
 * fraction r = a / D with D = 12 x 100 x 10^6 = 1,200,000,000: exact for
 * every rate with up to six decimals.  A regular month's interest,
 * balance x a / D, fits in 128 bits and is rounded once.
 *
 * The first period and the level payment involve powers of (1 + r) = u / D:
 * as fractions their numerators and denominators grow by about 31 bits a
 * month, so they are computed here with small unsigned big integers
 * (64-bit limbs) and divided once, rounding half away from zero.  Amounts
 * are never negative here, so that is half up.  Reducing u / D and r by
 * their common factor first keeps the numbers short for ordinary rates
 * (15.9 % is 1 + r = 4053 / 4000).
 *
 * Nothing here uses floating point. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "stemcost/finance.h"

/* Monthly rate denominator: 12 months x 100 (percent) x SC_APR_SCALE. */
#define RATE_DEN (INT64_C(1200) * SC_APR_SCALE)
/* Regulation Z Appendix J (b)(5)(ii): a month's odd days are days / 30. */
#define ODD_DAYS_PER_MONTH 30

typedef unsigned __int128 u128;

/* ---- small unsigned big integers --------------------------------------------------- */

typedef struct big {
    uint64_t *d; /* little-endian limbs */
    size_t n;    /* limbs in use; 0 is the number zero */
    size_t cap;
} big;

static void big_trim(big *b)
{
    while (b->n > 0 && b->d[b->n - 1] == 0)
        b->n--;
}

static void big_set(big *b, uint64_t v)
{
    b->d[0] = v;
    b->n = v != 0;
}

/* b *= m.  The capacity was sized by the caller from the factors' bits. */
static void big_mul(big *b, uint64_t m)
{
    u128 carry = 0;
    for (size_t i = 0; i < b->n; i++) {
        u128 t = (u128)b->d[i] * m + carry;
        b->d[i] = (uint64_t)t;
        carry = t >> 64;
    }
    if (carry != 0)
        b->d[b->n++] = (uint64_t)carry;
    big_trim(b);
}

/* b *= x^k, packing as many factors of x into one 64-bit multiplier as fit. */
static void big_mul_pow(big *b, uint64_t x, int k)
{
    while (k > 0) {
        uint64_t m = 1;
        while (k > 0 && m <= UINT64_MAX / x) {
            m *= x;
            k--;
        }
        big_mul(b, m);
    }
}

static int big_cmp(const big *a, const big *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (size_t i = a->n; i-- > 0;)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

/* a -= b, where a >= b. */
static void big_sub(big *a, const big *b)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < a->n; i++) {
        uint64_t bi = i < b->n ? b->d[i] : 0;
        uint64_t t = a->d[i] - bi - borrow;
        borrow = (a->d[i] < bi) || (a->d[i] - bi < borrow);
        a->d[i] = t;
    }
    big_trim(a);
}

static void big_copy(big *to, const big *from)
{
    memcpy(to->d, from->d, from->n * sizeof *from->d);
    to->n = from->n;
}

static size_t big_bits(const big *b)
{
    if (b->n == 0)
        return 0;
    uint64_t top = b->d[b->n - 1];
    size_t bits = (b->n - 1) * 64;
    while (top) {
        bits++;
        top >>= 1;
    }
    return bits;
}

/* The 128 bits of b starting at bit s (b >> s, truncated to 128 bits). */
static u128 big_window(const big *b, size_t s)
{
    u128 v = 0;
    size_t limb = s / 64, shift = s % 64;
    for (size_t k = 0; k < 3; k++) {
        size_t i = limb + k;
        if (i >= b->n)
            break;
        u128 part = b->d[i];
        if (k == 0)
            v |= part >> shift;
        else if (64 * k - shift < 128)
            v |= part << (64 * k - shift);
    }
    return v;
}

/* round(num / den), half up, when it is at most `limit`; 0 on success, -1
 * when larger.  num is destroyed; tmp has num's capacity. */
static int big_round_div(big *num, const big *den, big *tmp, int64_t limit, int64_t *out)
{
    size_t nb = big_bits(num), db = big_bits(den);
    if (nb < db) { /* quotient 0: round up only if 2 num >= den */
        big_copy(tmp, num);
        big_mul(tmp, 2);
        *out = big_cmp(tmp, den) >= 0;
        return 0;
    }
    if (nb - db > 62)
        return -1;
    /* Estimate from the top bits: den >> s keeps 64 significant bits (or all
     * of them), so the estimate is within a few units of the quotient. */
    size_t s = db > 64 ? db - 64 : 0;
    u128 dtop = big_window(den, s), ntop = big_window(num, s);
    uint64_t q = (uint64_t)(ntop / (dtop + (s > 0)));
    /* Exact correction: num - q den, then step until 0 <= rem < den. */
    big_copy(tmp, den);
    big_mul(tmp, q);
    while (big_cmp(tmp, num) > 0) { /* q too large (cannot happen by more than one) */
        big_sub(tmp, den);
        q--;
    }
    big_sub(num, tmp);
    while (big_cmp(num, den) >= 0) {
        big_sub(num, den);
        q++;
    }
    big_mul(num, 2);
    if (big_cmp(num, den) >= 0)
        q++;
    if (q > (uint64_t)limit)
        return -1;
    *out = (int64_t)q;
    return 0;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* ---- the rate as reduced fractions ------------------------------------------------- */

/* r = ra / rd and 1 + r = ru / rd in lowest terms; the first period's simple
 * factor 1 + f r = fc / fe (f = odd days / 30) likewise. */
typedef struct fractions {
    uint64_t ra, rd, ru, fc, fe;
} fractions;

static fractions reduce(int64_t apr, long odd_days)
{
    fractions x;
    uint64_t a = (uint64_t)apr, g = gcd(a, (uint64_t)RATE_DEN);
    x.ra = a / g;
    x.rd = (uint64_t)RATE_DEN / g;
    x.ru = x.ra + x.rd;
    /* 1 + (d / 30)(ra / rd) = (30 rd + d ra) / (30 rd) */
    uint64_t c = ODD_DAYS_PER_MONTH * x.rd + (uint64_t)odd_days * x.ra,
             e = ODD_DAYS_PER_MONTH * x.rd;
    g = gcd(c, e);
    x.fc = c / g;
    x.fe = e / g;
    return x;
}

static size_t bits_of(uint64_t v)
{
    size_t n = 0;
    while (v) {
        n++;
        v >>= 1;
    }
    return n;
}

/* Big integers for numbers of at most `bits` bits (three of them). */
static int bigs_alloc(big *b, size_t count, size_t bits)
{
    size_t cap = bits / 64 + 3;
    uint64_t *mem = calloc(count * cap, sizeof *mem);
    if (mem == NULL)
        return -1;
    for (size_t i = 0; i < count; i++)
        b[i] = (big){mem + i * cap, 0, cap};
    return 0;
}

static sc_status check_terms(int64_t balance, int64_t apr, sc_first_period fp, sc_error *err)
{
    if (balance < 0 || balance > SC_MONEY_MAX)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount", "must be from 0 to %lld",
                              (long long)SC_MONEY_MAX);
    if (apr < 0 || apr > SC_FINANCE_MAX_APR)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "apr", "must be from 0 to 100");
    if (fp.months < 0 || fp.months > SC_FINANCE_MAX_MONTHS || fp.odd_days < 0 ||
        fp.odd_days > 31)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                              "the first period must be at most %d months",
                              SC_FINANCE_MAX_MONTHS);
    return SC_OK;
}

/* ---- the public functions ------------------------------------------------------------ */

int64_t sc_period_interest(int64_t balance, int64_t apr)
{
    /* balance <= 10^15 and apr <= 10^8: the product fits in 128 bits. */
    __int128 num = (__int128)balance * apr, den = RATE_DEN;
    __int128 q = num / den, rem = num % den;
    if (2 * (rem < 0 ? -rem : rem) >= den)
        q += num < 0 ? -1 : 1;
    return (int64_t)q;
}

sc_status sc_first_period_interest(int64_t balance, int64_t apr, sc_first_period fp,
                                   int64_t *out, sc_error *err)
{
    sc_status st = check_terms(balance, apr, fp, err);
    if (st != SC_OK)
        return st;
    if (apr == 0 || balance == 0 || (fp.months == 0 && fp.odd_days == 0)) {
        *out = 0;
        return SC_OK;
    }
    if (fp.months == 1 && fp.odd_days == 0) {
        *out = sc_period_interest(balance, apr);
        return SC_OK;
    }
    /* balance x ((1 + f r)(1 + r)^t - 1)
     *   = balance x (fc ru^t - fe rd^t) / (fe rd^t) */
    fractions x = reduce(apr, fp.odd_days);
    size_t bits = 64 + bits_of(x.fc) + bits_of(x.fe) + (size_t)fp.months * bits_of(x.ru) + 64;
    big b[3];
    if (bigs_alloc(b, 3, bits) != 0)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    big *num = &b[0], *den = &b[1], *tmp = &b[2];
    big_set(num, x.fc);
    big_mul_pow(num, x.ru, fp.months);
    big_set(den, x.fe);
    big_mul_pow(den, x.rd, fp.months);
    big_sub(num, den);
    big_mul(num, (uint64_t)balance);
    int over = big_round_div(num, den, tmp, SC_MONEY_MAX, out);
    free(b[0].d);
    if (over)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                              "the interest accrued before the first payment would exceed "
                              "any amount this program handles");
    return SC_OK;
}

sc_status sc_level_payment(int64_t principal, int64_t apr, int n, sc_first_period fp,
                           int64_t *out, sc_error *err)
{
    sc_status st = check_terms(principal, apr, fp, err);
    if (st != SC_OK)
        return st;
    if (n < 1 || n > SC_FINANCE_MAX_MONTHS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "months", "must be from 1 to %d",
                              SC_FINANCE_MAX_MONTHS);
    if (apr == 0) { /* principal / n, half up */
        *out = principal / n + (2 * (principal % n) >= n);
        return SC_OK;
    }
    /* Payments fall t + f, t + 1 + f, ... periods after the advance, so
     *   principal = P / ((1 + f r)(1 + r)^t) x sum_{k<n} (1 + r)^-k
     * which gives
     *   P = principal x fc x ra x ru^(t+n-1) / (fe x rd^t x (ru^n - rd^n)). */
    fractions x = reduce(apr, fp.odd_days);
    size_t bits = 64 + bits_of(x.fc) + bits_of(x.ra) + bits_of(x.fe) +
                  (size_t)(fp.months + n) * bits_of(x.ru) + 64;
    big b[3];
    if (bigs_alloc(b, 3, bits) != 0)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    big *num = &b[0], *den = &b[1], *tmp = &b[2];
    /* ru^(n-1) once (tmp), for both: den = ru^n - rd^n, then x fe rd^t;
     * num = ru^(n-1) x ru^t x principal x fc x ra. */
    big_set(tmp, 1);
    big_mul_pow(tmp, x.ru, n - 1);
    big_copy(den, tmp);
    big_mul(den, x.ru);
    big_set(num, 1);
    big_mul_pow(num, x.rd, n);
    big_sub(den, num);
    big_mul(den, x.fe);
    big_mul_pow(den, x.rd, fp.months);
    big_copy(num, tmp);
    big_mul_pow(num, x.ru, fp.months);
    big_mul(num, (uint64_t)principal);
    big_mul(num, x.fc);
    big_mul(num, x.ra);
    int over = big_round_div(num, den, tmp, SC_MONEY_MAX, out);
    free(b[0].d);
    if (over)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                              "the payment would exceed any amount this program handles");
    return SC_OK;
}
