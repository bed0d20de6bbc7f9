/* Benchmark: 360-month schedules per second (each with its exact level
 * payment and its APR solve) and APR solves per second.  Run with
 * `make bench`.  Timing is wall-clock over a fixed number of repetitions;
 * nothing here is asserted (see the issue notes for figures).  The rates are
 * 7.5 % (a two-decimal rate) and 7.123457 % (six decimals: the longest exact
 * fractions). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "stemcost/finance.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 20000;
    sc_date start = {2026, 1, 15};
    sc_first_period fp = {1, 0.0, 0};
    sc_error err;
    long long check = 0;
    const int64_t rates[2] = {7500000, 7123457}; /* millionths of a percent */
    double elapsed[2];

    for (int r = 0; r < 2; r++) {
        double t0 = now();
        for (int i = 0; i < reps; i++) {
            sc_schedule s;
            sc_loan_terms t = {.loan = 2500000 + i, /* vary the input so nothing is cached */
                               .apr = rates[r], .months = 360, .start = start,
                               .due = sc_due_dates_default(start)};
            if (sc_level_payment(t.loan, t.apr, 360, fp, &t.payment, &err) != SC_OK ||
                sc_schedule_build(&t, &s, &err) != SC_OK) {
                fprintf(stderr, "schedule failed: %s\n", err.msg);
                return 1;
            }
            check += s.total_interest;
            sc_schedule_free(&s);
        }
        elapsed[r] = now() - t0;
    }
    double t1 = now();

    int64_t pays[360];
    for (int k = 0; k < 360; k++)
        pays[k] = 17480;
    double apr = 0;
    for (int i = 0; i < reps; i++) {
        if (sc_apr_solve(2500000 - (i % 1000), pays, 360, fp, &apr, &err) != SC_OK) {
            fprintf(stderr, "APR failed: %s\n", err.msg);
            return 1;
        }
        check += (long long)apr;
    }
    double t2 = now();
    for (int r = 0; r < 2; r++)
        printf("finance: %d schedules of 360 months at %s %% (each with its payment and APR "
               "solve) in %.3f s: %.0f schedules/s\n", reps, r == 0 ? "7.5" : "7.123457",
               elapsed[r], reps / elapsed[r]);
    printf("finance: %d APR solves over 360 payments in %.3f s: %.0f solves/s\n", reps, t2 - t1,
           reps / (t2 - t1));
    printf("(checksum %lld)\n", check);
    return 0;
}
