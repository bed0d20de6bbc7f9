/* Money: integer minor units with an ISO 4217 currency.
 *
 * Amounts are never held in floating point.  Decimal text is parsed straight into
 * integer minor units (cents, yen); arithmetic is integer with overflow checks;
 * rounding happens only in the functions below that say so, always half away
 * from zero (the usual invoice convention), and each caller names the point at
 * which it rounds.
 *
 * Ownership: no function here allocates.  Currency records are static.
 */
#ifndef STEMCOST_MONEY_H
#define STEMCOST_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "stemcost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sc_currency {
    const char *code;   /* ISO 4217 alphabetic code, upper case */
    int digits;         /* ISO 4217 minor unit: 2 for USD, 0 for JPY */
    const char *symbol; /* for people: "$", "CA$", "€", "₹", "¥" */
    const char *name;
} sc_currency;

/* Look up an ISO 4217 code (case-insensitive); NULL if unknown. */
const sc_currency *sc_currency_find(const char *code);

/* FX rates are units of a currency per 1 USD, held as integers scaled by 10^6
 * ("158.0" -> 158000000), so that conversion is exact integer arithmetic. */
#define SC_RATE_DECIMALS 6
#define SC_RATE_SCALE INT64_C(1000000)

/* Largest amount accepted anywhere, in minor units: 10^15 (ten trillion dollars,
 * or 10^15 yen).  Far above any price, far below INT64_MAX, so sums of a few
 * thousand such amounts cannot overflow. */
#define SC_MONEY_MAX INT64_C(1000000000000000)

/* Parse plain decimal text ("1234", "1234.5", "-0.25") into an integer scaled by
 * 10^decimals.  No plus sign, no exponent, no thousands separators, no spaces, no NaN or
 * infinity; at most `decimals` digits after the point (an error otherwise, even
 * for trailing zeros, so "10.50" for JPY is refused).  |value| must not exceed
 * `max_abs` (in scaled units; callers keep it at most 10^17).  Negative values are refused unless
 * allow_negative.  On error, err->msg says what is wrong (location left blank
 * for the caller to fill). */
sc_status sc_decimal_parse(const char *text, int decimals, int allow_negative,
                           int64_t max_abs, int64_t *out, sc_error *err);

/* Parse a money amount in `cur`'s minor units (decimals = cur->digits,
 * magnitude at most SC_MONEY_MAX). */
sc_status sc_money_parse(const char *text, const sc_currency *cur, int allow_negative,
                         int64_t *out, sc_error *err);

/* Percentages are held as hundredths of a percent ("9.69" -> 969). */
#define SC_PCT_DECIMALS 2

/* round(amount * pct_hundredths / 10000), half away from zero. Exact. */
int64_t sc_money_percent(int64_t amount, int64_t pct_hundredths);

/* round(amount * num / den), half away from zero, exact: the product is
 * taken in 128 bits.  den > 0 (every caller scales by a fixed positive
 * denominator), and the result must fit in 64 bits: money is at most
 * SC_MONEY_MAX and the factors used are fractions or at most 10^6. */
int64_t sc_money_scale(int64_t amount, int64_t num, int64_t den);

/* part / whole as hundredths of a percent (2/3 -> 6667), half away from
 * zero; 0 when whole <= 0.  The one rounding of shares and savings. */
int64_t sc_money_share(int64_t part, int64_t whole);

/* a * n with overflow and SC_MONEY_MAX checks; SC_EINPUT on overflow. */
sc_status sc_money_mul(int64_t a, int64_t n, int64_t *out, sc_error *err);

/* a + b with the same checks. */
sc_status sc_money_add(int64_t a, int64_t b, int64_t *out, sc_error *err);

/* Convert `amount` in `from` to `to` through USD rates (units per USD, scaled by
 * SC_RATE_SCALE):  amount * to_rate / from_rate, adjusted for the two
 * currencies' minor digits, rounded once, half away from zero. */
sc_status sc_money_convert(int64_t amount, const sc_currency *from, int64_t from_per_usd,
                           const sc_currency *to, int64_t to_per_usd, int64_t *out,
                           sc_error *err);

/* "1037.03", "948000", "-0.50": for CSV and JSON. Returns buf. */
char *sc_money_format_plain(int64_t amount, const sc_currency *cur, char *buf, size_t size);

/* "$1,037.03", "¥948,000", "₹1,25,000.00" (Indian lakh grouping), "-€12.50":
 * for people. Returns buf. */
char *sc_money_format_display(int64_t amount, const sc_currency *cur, char *buf, size_t size);

/* Format a scaled decimal (value / 10^decimals) as plain text: "9.69", "158".
 * Trailing fractional zeros are kept to `decimals` places unless trim is set. */
char *sc_decimal_format(int64_t value, int decimals, int trim, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
