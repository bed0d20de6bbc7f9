/* libFuzzer harness: command-line option handling of estimate, finance,
 * compare and simulate.  The input is split on NUL bytes into arguments.
 * Options that write files or take long are dropped (-o, --output, --force,
 * --draws, --percentiles, --clinics, --pricing); everything else goes to the
 * real command functions.  (Run with -close_fd_mask=3 so their output does
 * not flood the log; sanitizer reports still show.) */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

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
    int (*run)(int, char **) = argv[0][0] == 'e' ? cmd_estimate
                              : argv[0][0] == 'f' ? cmd_finance
                              : argv[0][0] == 'c' ? cmd_compare
                                                   : cmd_simulate;
    run(argc, argv);
    free(buf);
    return 0;
}
