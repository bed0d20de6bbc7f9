/* libFuzzer harness: the pricing loader.  The input replaces one table
 * (chosen by its first byte) of a small complete set, tests/fuzz/pricing-base
 * (every table, a derived row, fee schedules, stays: it validates clean); the
 * others stay as they are, so cell parsing and the cross-table checks both see
 * hostile data.  (Against the bundled tables an input cost a full load of
 * them, a tenth of the speed.)  Any crash, leak or sanitizer report is a
 * finding; errors are expected. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pricing_internal.h"

typedef struct ctx {
    const uint8_t *data;
    size_t size;
    int target;
} ctx;

/* The base set, read once. */
static struct {
    char *data;
    size_t size;
} base[SC_T_COUNT];

static void read_base(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    for (int id = 0; id < SC_T_COUNT; id++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", FUZZ_PRICING_BASE, sc_table_name((sc_table_id)id));
        FILE *fp = fopen(path, "rb");
        if (fp == NULL)
            continue;
        char buf[1 << 16];
        size_t n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        base[id].data = malloc(n ? n : 1);
        memcpy(base[id].data, buf, n);
        base[id].size = n;
    }
}

static sc_status read_mem(const char *name, const void *data, size_t size, sc_table **out,
                          sc_error *err)
{
    if (size == 0)
        return sc_error_set(err, SC_EINPUT, name, 0, 0, "empty");
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (fp == NULL)
        return sc_error_set(err, SC_EIO, name, 0, 0, "fmemopen");
    sc_status st = sc_table_read(fp, name, out, err);
    fclose(fp);
    return st;
}

static sc_status open_fuzz(void *vp, sc_table_id id, sc_table **out, sc_error *err)
{
    ctx *c = vp;
    char name[64];
    snprintf(name, sizeof name, "%s.csv", sc_table_name(id));
    if ((int)id == c->target)
        return read_mem(name, c->data, c->size, out, err);
    if (base[id].data == NULL)
        return sc_error_set(err, SC_EINPUT, name, 0, 0, "missing");
    return read_mem(name, base[id].data, base[id].size, out, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    read_base();
    ctx c = {data + 1, size - 1, data[0] % SC_T_COUNT};
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    if (sc_pricing_load_with("fuzz", open_fuzz, &c, &p, &d) == SC_OK)
        sc_pricing_free(p);
    for (size_t i = 0; i < d.count; i++) {
        char buf[2048];
        sc_error_format(&d.items[i], buf, sizeof buf); /* every message must format */
    }
    sc_diags_free(&d);
    return 0;
}
