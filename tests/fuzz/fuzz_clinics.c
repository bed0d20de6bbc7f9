/* libFuzzer harness: the clinics-quotes reader, then a comparison with the
 * quotes it accepted. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stemcost/compare.h"

static sc_pricing *pricing;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (pricing == NULL) {
        sc_diags d;
        sc_diags_init(&d);
        if (sc_pricing_load_builtin(&pricing, &d) != SC_OK)
            return 0;
        sc_diags_free(&d);
    }
    if (size == 0)
        return 0;
    FILE *in = fmemopen((void *)data, size, "rb");
    sc_clinics c;
    sc_diags d;
    sc_diags_init(&d);
    if (sc_clinics_read(in, "clinics.csv", pricing, &c, &d) == SC_OK && c.n > 0 && c.n < 20) {
        sc_compare_request q;
        memset(&q, 0, sizeof q);
        q.base.procedure = c.quotes[0].procedure;
        q.base.condition = "knee-oa";
        q.base.home = "US";
        q.base.today = "2026-11-24";
        static const char *const one[] = {"US"};
        q.countries = one;
        q.ncountries = 1;
        q.clinics = &c;
        sc_compare_result r;
        sc_error e;
        if (sc_compare(pricing, &q, &r, &e) == SC_OK)
            sc_compare_result_free(&r);
    }
    sc_clinics_free(&c);
    sc_diags_free(&d);
    fclose(in);
    return 0;
}
