/* libFuzzer harness: the pricing loader.  The input replaces one table of
 * the built-in set (chosen by its first byte); the others stay as bundled,
 * so cell parsing and the cross-table checks both see hostile data.  Any
 * crash, leak or sanitizer report is a finding; errors are expected. */
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

static sc_status open_fuzz(void *vp, sc_table_id id, sc_table **out, sc_error *err)
{
    ctx *c = vp;
    char name[64];
    snprintf(name, sizeof name, "%s.csv", sc_table_name(id));
    if ((int)id == c->target) {
        if (c->size == 0)
            return sc_error_set(err, SC_EINPUT, name, 0, 0, "empty");
        FILE *fp = fmemopen((void *)c->data, c->size, "rb");
        if (fp == NULL)
            return sc_error_set(err, SC_EIO, name, 0, 0, "fmemopen");
        sc_status st = sc_table_read(fp, name, out, err);
        fclose(fp);
        return st;
    }
    for (unsigned long i = 0; i < sc_builtin_file_count; i++)
        if (strcmp(sc_builtin_files[i].name, name) == 0) {
            FILE *fp = fmemopen((void *)sc_builtin_files[i].data, sc_builtin_files[i].size, "rb");
            sc_status st = sc_table_read(fp, name, out, err);
            fclose(fp);
            return st;
        }
    return sc_error_set(err, SC_EINPUT, name, 0, 0, "missing");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
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
