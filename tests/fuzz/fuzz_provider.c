/* libFuzzer harness: the provider-file reader of quotes (CSV or key=value),
 * for a US provider and a German one, and the provider's price file. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stemcost/quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *countries[] = {"US", "DE"};
    for (int c = 0; c < 2; c++) {
        FILE *fp = fmemopen((void *)data, size, "rb");
        sc_provider p;
        sc_diags d;
        sc_diags_init(&d);
        if (sc_provider_read(fp, "provider", countries[c], &p, &d) == SC_OK) {
            if (c == 0 && !sc_npi_valid(p.npi))
                __builtin_trap(); /* accepted in the US means a valid NPI */
            if (!sc_utf8_valid(p.name, strlen(p.name)) || !sc_utf8_valid(p.address, strlen(p.address)))
                __builtin_trap(); /* accepted means valid UTF-8 */
        }
        sc_provider_free(&p);
        sc_diags_free(&d);
        fclose(fp);
    }
    FILE *fp = fmemopen((void *)data, size, "rb");
    sc_price_list l;
    sc_diags d;
    sc_diags_init(&d);
    if (sc_price_list_read(fp, "prices", sc_currency_find("USD"), &l, &d) == SC_OK)
        sc_price_list_free(&l);
    sc_diags_free(&d);
    fclose(fp);
    return 0;
}
