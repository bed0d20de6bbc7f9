/* libFuzzer harness: money, decimal and date parsing.  Beyond not crashing,
 * a value that parses must format back to text that parses to the same value
 * (checked with abort(), so a violation is a finding). */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/dates.h"
#include "stemcost/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[128];
    if (size >= sizeof text)
        size = sizeof text - 1;
    memcpy(text, data, size);
    text[size] = '\0';
    static const char *const codes[] = {"USD", "JPY", "INR", "EUR", "CAD"};
    for (size_t i = 0; i < 5; i++) {
        const sc_currency *c = sc_currency_find(codes[i]);
        int64_t v, w;
        sc_error e;
        if (sc_money_parse(text, c, 1, &v, &e) == SC_OK) {
            char out[64], shown[96];
            sc_money_format_plain(v, c, out, sizeof out);
            if (sc_money_parse(out, c, 1, &w, &e) != SC_OK || w != v)
                abort();
            sc_money_format_display(v, c, shown, sizeof shown);
            /* percent and conversion must not overflow for accepted amounts */
            (void)sc_money_percent(v, 10000);
            int64_t conv;
            (void)sc_money_convert(v, c, 158000000, sc_currency_find("USD"), 1000000, &conv, &e);
        }
    }
    int64_t d;
    sc_error e;
    for (int decimals = 0; decimals <= 6; decimals++)
        if (sc_decimal_parse(text, decimals, 1, INT64_C(100000000000000000), &d, &e) == SC_OK) {
            char out[64];
            int64_t back;
            sc_decimal_format(d, decimals, 0, out, sizeof out);
            if (sc_decimal_parse(out, decimals, 1, INT64_C(100000000000000000), &back, &e) !=
                    SC_OK ||
                back != d)
                abort();
        }
    sc_date date;
    if (sc_date_parse(text, &date, &e) == SC_OK) {
        char out[11];
        sc_date back;
        sc_date_format(date, out);
        if (strcmp(out, text) != 0 || sc_date_parse(out, &back, &e) != SC_OK)
            abort();
        if (sc_date_compare(sc_date_from_days(sc_date_days(date)), date) != 0)
            abort();
        (void)sc_date_add_months(date, 600);
    }
    return 0;
}
