/* libFuzzer harness: the batch scenario reader and the estimate behind it,
 * on the built-in tables.  The input is a scenario CSV. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>

#include "stemcost/batch.h"

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
    FILE *out = fopen("/dev/null", "w");
    sc_batch_options o = {.today = "2026-11-24"};
    sc_batch_stats stats;
    sc_error err;
    sc_batch_run(pricing, in, "fuzz.csv", out, &o, &stats, &err);
    fclose(in);
    fclose(out);
    return 0;
}
