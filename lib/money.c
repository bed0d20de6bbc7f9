/* Money parsing, arithmetic, conversion and formatting: see include/stemcost/money.h. */
#include <config.h>

#include "stemcost/money.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ISO 4217 alphabetic codes and minor units (ISO 4217 list one, as published by
 * the SIX maintenance agency).  The five currencies of the bundled tables come
 * first; a few others are accepted so that users' own tables may use them. */
static const sc_currency currencies[] = {
    {"USD", 2, "$", "US dollar"},
    {"CAD", 2, "CA$", "Canadian dollar"},
    {"EUR", 2, "\xe2\x82\xac", "Euro"},
    {"INR", 2, "\xe2\x82\xb9", "Indian rupee"},
    {"JPY", 0, "\xc2\xa5", "Japanese yen"},
    {"GBP", 2, "\xc2\xa3", "Pound sterling"},
    {"CHF", 2, "CHF ", "Swiss franc"},
    {"AUD", 2, "A$", "Australian dollar"},
    {"MXN", 2, "MX$", "Mexican peso"},
    {"KRW", 0, "\xe2\x82\xa9", "South Korean won"},
    {"THB", 2, "\xe0\xb8\xbf", "Thai baht"},
    {"TRY", 2, "TRY ", "Turkish lira"},
};

const sc_currency *sc_currency_find(const char *code)
{
    if (code == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++)
        if (strcasecmp(currencies[i].code, code) == 0)
            return &currencies[i];
    return NULL;
}

static int64_t pow10_i64(int n)
{
    int64_t p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

sc_status sc_decimal_parse(const char *text, int decimals, int allow_negative,
                           int64_t max_abs, int64_t *out, sc_error *err)
{
    const char *s = text;
    int negative = 0;
    int64_t whole = 0, frac = 0;
    int int_digits = 0, frac_digits = 0;

    if (s == NULL || *s == '\0')
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "empty value where a number is required");
    /* A sign is '-' only: "+5" is refused like any other unusual spelling,
     * so a value is written one way. */
    if (*s == '-') {
        negative = 1;
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++) {
        if (whole > INT64_C(100000000000000000)) /* 10^17: keeps whole*10+9 in range */
            return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "'%s' is too large", text);
        whole = whole * 10 + (*s - '0');
        int_digits++;
    }
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (frac_digits == decimals) {
                if (decimals == 0)
                    return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                                        "'%s' has decimals; whole numbers only here", text);
                return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                                    "'%s' has more than %d decimal place%s", text, decimals,
                                    decimals == 1 ? "" : "s");
            }
            frac = frac * 10 + (*s - '0');
            frac_digits++;
        }
        if (frac_digits == 0 && int_digits > 0 && *s == '\0')
            return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                                "'%s' ends with a decimal point", text);
    }
    if (*s != '\0' || (int_digits == 0 && frac_digits == 0)) {
        if (*s == ',' || *s == ' ' || *s == '\'' || *s == '_')
            return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                                "'%s' is not a plain number (no thousands separators or "
                                "spaces; use '.' for decimals)", text);
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "'%s' is not a number", text);
    }
    int64_t scale = pow10_i64(decimals);
    if (whole > max_abs / scale)
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "'%s' is too large", text);
    int64_t value = whole * scale + frac * pow10_i64(decimals - frac_digits);
    if (value > max_abs)
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "'%s' is too large", text);
    if (negative && value != 0) {
        if (!allow_negative)
            return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "'%s' is negative", text);
        value = -value;
    }
    *out = value;
    return SC_OK;
}

sc_status sc_money_parse(const char *text, const sc_currency *cur, int allow_negative,
                         int64_t *out, sc_error *err)
{
    if (sc_decimal_parse(text, cur->digits, allow_negative, SC_MONEY_MAX, out, NULL) == SC_OK)
        return SC_OK;
    /* Say what the currency allows: "JPY amounts have no decimal places". */
    const char *point = text ? strchr(text, '.') : NULL;
    if (point != NULL && strspn(point + 1, "0123456789") == strlen(point + 1) &&
        strlen(point + 1) > (size_t)cur->digits) {
        if (cur->digits == 0)
            return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                                "'%s': %s amounts have no decimal places", text, cur->code);
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                            "'%s': %s amounts have at most %d decimal places", text, cur->code,
                            cur->digits);
    }
    return sc_decimal_parse(text, cur->digits, allow_negative, SC_MONEY_MAX, out, err);
}

/* num / den rounded half away from zero; den > 0.  The one rounding of
 * every money rule (percentages, scaling, conversion, shares).  In 64 bits
 * when both fit: 128-bit division is several times slower, and every line
 * converted and every simulated draw comes here. */
static inline __int128 round_div(__int128 num, __int128 den)
{
    if (num > INT64_MIN && num <= INT64_MAX && den <= INT64_MAX) {
        int64_t n = (int64_t)num, d = (int64_t)den, q = n / d, r = n % d;
        if (r < 0)
            r = -r;
        if (r >= d - r) /* 2r >= d without overflow */
            q += n < 0 ? -1 : 1;
        return q;
    }
    __int128 q = num / den, r = num % den;
    if (r < 0)
        r = -r;
    if (2 * r >= den)
        q += (num < 0) ? -1 : 1;
    return q;
}

int64_t sc_money_percent(int64_t amount, int64_t pct_hundredths)
{
    return sc_money_scale(amount, pct_hundredths, 10000);
}

int64_t sc_money_scale(int64_t amount, int64_t num, int64_t den)
{
    if (num == 0 || amount == 0)
        return 0;
    return (int64_t)round_div((__int128)amount * num, den);
}

int64_t sc_money_share(int64_t part, int64_t whole)
{
    if (whole <= 0)
        return 0;
    return (int64_t)round_div((__int128)part * 10000, whole);
}

static sc_status check_range(int64_t v, sc_error *err)
{
    if (v > SC_MONEY_MAX || v < -SC_MONEY_MAX)
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                            "amount out of range (more than 10^15 minor units)");
    return SC_OK;
}

sc_status sc_money_mul(int64_t a, int64_t n, int64_t *out, sc_error *err)
{
    int64_t r;
    if (__builtin_mul_overflow(a, n, &r))
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "amount overflows");
    if (check_range(r, err) != SC_OK)
        return SC_EINPUT;
    *out = r;
    return SC_OK;
}

sc_status sc_money_add(int64_t a, int64_t b, int64_t *out, sc_error *err)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "amount overflows");
    if (check_range(r, err) != SC_OK)
        return SC_EINPUT;
    *out = r;
    return SC_OK;
}

sc_status sc_money_convert(int64_t amount, const sc_currency *from, int64_t from_per_usd,
                           const sc_currency *to, int64_t to_per_usd, int64_t *out,
                           sc_error *err)
{
    if (from_per_usd <= 0 || to_per_usd <= 0)
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "exchange rate must be positive");
    /* amount / 10^from.digits major units of `from`
     *   = amount / 10^from.digits / from_rate  USD
     *   = amount * to_rate / from_rate * 10^(to.digits - from.digits)  minor units of `to`.
     * Both rates carry the same 10^6 scale, which cancels. */
    __int128 num = (__int128)amount * to_per_usd;
    __int128 den = from_per_usd;
    if (to->digits >= from->digits)
        num *= pow10_i64(to->digits - from->digits);
    else
        den *= pow10_i64(from->digits - to->digits);
    __int128 r = round_div(num, den);
    if (r > SC_MONEY_MAX || r < -SC_MONEY_MAX)
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "converted amount out of range");
    *out = (int64_t)r;
    return SC_OK;
}

/* Digits of v, most significant first, into out; returns the count.  (Written
 * by hand: reports format millions of amounts, and printf is the bottleneck.) */
static int utoa(uint64_t v, char *out)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

char *sc_decimal_format(int64_t value, int decimals, int trim, char *buf, size_t size)
{
    /* Work on the magnitude as unsigned so INT64_MIN cannot overflow. */
    uint64_t mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    uint64_t scale = (uint64_t)pow10_i64(decimals);
    uint64_t whole = mag / scale, frac = mag % scale;
    char tmp[64];
    int n = 0;
    if (value < 0)
        tmp[n++] = '-';
    n += utoa(whole, tmp + n);
    if (decimals > 0) {
        char f[24];
        for (int i = decimals - 1; i >= 0; i--) {
            f[i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        int keep = decimals;
        if (trim)
            while (keep > 0 && f[keep - 1] == '0')
                keep--;
        if (keep > 0) {
            tmp[n++] = '.';
            memcpy(tmp + n, f, (size_t)keep);
            n += keep;
        }
    }
    tmp[n] = '\0';
    if (size > 0) {
        size_t len = (size_t)n < size - 1 ? (size_t)n : size - 1;
        memcpy(buf, tmp, len);
        buf[len] = '\0';
    }
    return buf;
}

char *sc_money_format_plain(int64_t amount, const sc_currency *cur, char *buf, size_t size)
{
    return sc_decimal_format(amount, cur->digits, 0, buf, size);
}

/* Group the digits of `whole`: threes (1,234,567) or, for INR, the Indian
 * system of a first group of three then twos (12,34,567: lakh and crore). */
/* Written from the right into a local buffer, digit by digit, with no
 * printf: reports format thousands of amounts (a compare page, a batch), and
 * three snprintf calls an amount were most of a page's time.  Grouping: 3
 * digits (1,234,567); INR: the Indian system, 3 then 2 (12,34,567). */
char *sc_money_format_display(int64_t amount, const sc_currency *cur, char *buf, size_t size)
{
    char tmp[96];
    char *end = tmp + sizeof tmp, *p = end;
    uint64_t mag = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
    for (int i = 0; i < cur->digits; i++) {
        *--p = (char)('0' + mag % 10);
        mag /= 10;
    }
    if (cur->digits > 0)
        *--p = '.';
    int indian = cur->code[0] == 'I' && strcmp(cur->code, "INR") == 0;
    int n = 0; /* whole digits written */
    do {
        if (n > 0 && (indian ? (n == 3 || (n > 3 && (n - 3) % 2 == 0)) : n % 3 == 0))
            *--p = ',';
        *--p = (char)('0' + mag % 10);
        mag /= 10;
        n++;
    } while (mag > 0);
    size_t sl = strlen(cur->symbol);
    p -= sl;
    memcpy(p, cur->symbol, sl);
    if (amount < 0)
        *--p = '-';
    /* As snprintf would: cut to size - 1 bytes, always terminated. */
    size_t len = (size_t)(end - p);
    if (size > 0) {
        if (len > size - 1)
            len = size - 1;
        memcpy(buf, p, len);
        buf[len] = '\0';
    }
    return buf;
}
