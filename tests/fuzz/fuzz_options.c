/* libFuzzer harness: command-line option handling of estimate, finance,
 * compare and simulate.  The input is split on NUL bytes into arguments.
 * Options that write files or take long are dropped (-o, --output, --force,
 * --draws, --percentiles, --clinics, --pricing); everything else goes to the
 * real command functions.  The tables are the small complete set of
 * tests/fuzz/pricing-base (STEMCOST_PRICING), so that an input costs
 * microseconds, not a load of the bundled tables.  (Run with -close_fd_mask=3
 * so their output does not flood the log; sanitizer reports still show.) */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_command.h"

static int dropped(const char *a)
{
    static const char *const bad[] = {"-o", "--o", "--output", "--force", "--draws", "--percentiles",
                                      "--clinics", "--pricing", "--promo",
                                      "--pe", "--pr", "--cl", "--d",
                                      "--fo", "--ou"};
    if (a[0] == '-' && a[1] != '-' && strchr(a, 'o') != NULL)
        return 1; /* short option cluster with -o */
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (strncmp(a, bad[i], strlen(bad[i])) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 4096)
        return 0;
    setenv("STEMCOST_PRICING", FUZZ_PRICING_BASE, 1);
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *argv[64];
    int argc = 0;
    static const char *const commands[] = {"estimate", "finance", "compare", "simulate"};
    argv[argc++] = (char *)commands[(unsigned char)buf[0] % 4];
    for (size_t i = 1; i < size && argc < 63;) {
        char *arg = buf + i;
        size_t n = strlen(arg);
        if (!dropped(arg))
            argv[argc++] = arg;
        i += n + 1;
    }
    argv[argc] = NULL;
    switch (argv[0][0]) {
    case 'e': cli_command_main(&cli_cmd_estimate, argc, argv); break;
    case 'c': cli_command_main(&cli_cmd_compare, argc, argv); break;
    case 's': cli_command_main(&cli_cmd_simulate, argc, argv); break;
    default: cli_command_main(&cli_cmd_finance, argc, argv); break;
    }
    free(buf);
    return 0;
}
