/* Benchmark: simulation draws per second and peak memory for a typical
 * episode (adipose cells for a knee in Germany, bundled tables).  Run with
 * `make bench`; figures are reported, never asserted. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "stemcost/simulate.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long draws = argc > 1 ? atol(argv[1]) : 1000000;
    sc_pricing *p = NULL;
    sc_diags d;
    sc_error err;
    sc_diags_init(&d);
    if (sc_pricing_load_builtin(&p, &d) != SC_OK) {
        fprintf(stderr, "cannot load the built-in tables\n");
        return 1;
    }
    sc_diags_free(&d);
    sc_scenario s;
    memset(&s, 0, sizeof s);
    s.procedure = "adipose";
    s.condition = "knee-oa";
    s.country = "DE";
    s.today = "2026-11-24";
    const char *cases[2][2] = {{"DE", NULL}, {"JP", "US"}};
    for (int k = 0; k < 2; k++) {
        s.country = cases[k][0];
        s.home = cases[k][1];
        s.procedure = k == 0 ? "adipose" : "adipose-cultured";
        sc_sim_result r;
        double t0 = now();
        if (sc_simulate(p, &s, draws, SC_SIM_DEFAULT_SEED, &r, &err) != SC_OK) {
            fprintf(stderr, "simulate failed: %s\n", err.msg);
            return 1;
        }
        double t = now() - t0;
        printf("simulate: %s knee in %s%s%s: %ld draws in %.3f s: %.0f draws/s (p50 %lld)\n",
               s.procedure, s.country, s.home ? " from " : "", s.home ? s.home : "", draws, t,
               draws / t, (long long)r.p50);
        sc_sim_result_free(&r);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("simulate: peak resident memory %.1f MB (the draws array is %.1f MB)\n",
           ru.ru_maxrss / 1024.0, draws * sizeof(double) / 1048576.0);
    sc_pricing_free(p);
    return 0;
}
