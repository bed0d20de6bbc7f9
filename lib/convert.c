/* Conversion into an estimate's display currency, recording each rate used
 * (reports show the rates and their dates).  Rounding point 2 of estimate.h. */
#include <config.h>

#include "estimate_internal.h"

sc_status sc_estimate_convert(const sc_pricing *p, sc_estimate_result *r, int64_t amount,
                              const sc_currency *from, int64_t *out, sc_error *err)
{
    if (from == r->currency) {
        *out = amount;
        return SC_OK;
    }
    /* A rate this estimate already used (most lines share a currency; every
     * rate recorded converts into r->currency, fixed when it was prepared). */
    for (size_t k = 0; k < r->nfx; k++)
        if (r->fx[k].from == from)
            return sc_money_convert(amount, from, r->fx[k].from_per_usd, r->currency,
                                    r->fx[k].to_per_usd, out, err);
    const sc_fx *f = sc_pricing_fx(p, from);
    const sc_fx *t = r->display_fx ? r->display_fx : sc_pricing_fx(p, r->currency);
    if (f == NULL || t == NULL) {
        sc_error_set(err, SC_EINPUT, "fx.csv", 0, 0, "no exchange rate for %s",
                     f == NULL ? from->code : r->currency->code);
        return sc_error_reason(err, SC_R_NO_RATE);
    }
    if (r->nfx < sizeof r->fx / sizeof r->fx[0]) { /* not used yet: recorded */
        r->fx[r->nfx] = (sc_fx_used){from, r->currency, f->per_usd, t->per_usd, f->as_of,
                                     t->as_of};
        r->nfx++;
    }
    return sc_money_convert(amount, from, f->per_usd, r->currency, t->per_usd, out, err);
}
