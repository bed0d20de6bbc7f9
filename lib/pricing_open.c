/* Where pricing tables come from: a directory of CSV files, or the copy
 * compiled into the library. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pricing_internal.h"

/* An optional table left out of a directory (no entry by its name) loads as a table with its header
 * and no rows, so that every later step sees the same shape. */
static sc_status empty_table(sc_table_id id, const char *display, sc_table **out,
                             sc_error *err)
{
    char header[1024] = "";
    for (const char *const *col = sc_table_columns(id); *col; col++) {
        if (header[0] != '\0')
            strncat(header, ",", sizeof header - strlen(header) - 1);
        strncat(header, *col, sizeof header - strlen(header) - 1);
    }
    strncat(header, "\n", sizeof header - strlen(header) - 1);
    FILE *fp = fmemopen(header, strlen(header), "rb");
    if (fp == NULL)
        return sc_error_set(err, SC_EIO, display, 0, 0, "cannot read: %s", strerror(errno));
    sc_status st = sc_table_read(fp, display, out, err);
    fclose(fp);
    return st;
}

static sc_status open_dir(void *ctx, sc_table_id id, sc_table **out, sc_error *err)
{
    const char *dir = ctx;
    char path[4096];
    struct stat sb;
    int n = snprintf(path, sizeof path, "%s/%s.csv", dir, sc_table_name(id));
    if (n < 0 || (size_t)n >= sizeof path)
        return sc_error_set(err, SC_EINPUT, dir, 0, 0, "path too long");
    /* Absent means no directory entry at all: lstat, not stat, so that a
     * symbolic link to a missing file (a broken install, a typo in the link)
     * fails to open with an error naming it instead of silently pricing the
     * trip without the table. */
    if (sc_table_optional(id) && lstat(path, &sb) != 0 && errno == ENOENT)
        return empty_table(id, path, out, err);
    return sc_table_read_path(path, NULL, out, err);
}

sc_status sc_pricing_load_dir(const char *dir, sc_pricing **out, sc_diags *diags)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        sc_diags_addf(diags, SC_EINPUT, dir, 0, 0, "cannot open pricing directory: %s",
                      strerror(errno));
        return SC_EINPUT;
    }
    if (!S_ISDIR(sb.st_mode)) {
        sc_diags_addf(diags, SC_EINPUT, dir, 0, 0, "not a directory (expected a pricing "
                                                   "directory of CSV files)");
        return SC_EINPUT;
    }
    return sc_pricing_load_with(dir, open_dir, (void *)dir, out, diags);
}

static sc_status open_builtin(void *ctx, sc_table_id id, sc_table **out, sc_error *err)
{
    char name[64], display[96];
    (void)ctx;
    snprintf(name, sizeof name, "%s.csv", sc_table_name(id));
    snprintf(display, sizeof display, "built-in:%s", name);
    for (unsigned long i = 0; i < sc_builtin_file_count; i++) {
        const sc_builtin_file *f = &sc_builtin_files[i];
        if (strcmp(f->name, name) != 0)
            continue;
        /* fmemopen needs a non-empty buffer; an empty table is an empty-file error. */
        if (f->size == 0)
            return sc_error_set(err, SC_EINPUT, display, 0, 0, "empty file: no header row");
        FILE *fp = fmemopen((void *)f->data, f->size, "rb");
        if (fp == NULL)
            return sc_error_set(err, SC_EIO, display, 0, 0, "cannot read: %s", strerror(errno));
        sc_status st = sc_table_read(fp, display, out, err);
        fclose(fp);
        return st;
    }
    if (sc_table_optional(id))
        return empty_table(id, display, out, err);
    return sc_error_set(err, SC_EINPUT, display, 0, 0, "missing from the built-in tables");
}

sc_status sc_pricing_load_builtin(sc_pricing **out, sc_diags *diags)
{
    return sc_pricing_load_with("built-in", open_builtin, NULL, out, diags);
}
