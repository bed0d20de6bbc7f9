/* libFuzzer harness: the provider-file reader of quotes (CSV or key=value). */
#include <config.h>

#include <stdint.h>
#include <stdio.h>

#include "stemcost/quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *fp = fmemopen((void *)data, size, "rb");
    sc_provider p;
    sc_diags d;
    sc_diags_init(&d);
    if (sc_provider_read(fp, "provider", &p, &d) == SC_OK && !sc_npi_valid(p.npi))
        __builtin_trap(); /* accepted means a valid NPI */
    sc_provider_free(&p);
    sc_diags_free(&d);
    fclose(fp);
    return 0;
}
