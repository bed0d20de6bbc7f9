/* In-memory CSV tables: see include/stemcost/table.h. */
#include <config.h>

#include "stemcost/table.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stemcost/csvin.h"

static char *dup_str(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void free_row(sc_table_row *row, size_t ncols)
{
    if (row->cells != NULL)
        for (size_t i = 0; i < ncols; i++)
            free(row->cells[i]);
    free(row->cells);
    free(row->lines);
}

void sc_table_free(sc_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nrows; i++)
        free_row(&t->rows[i], t->ncols);
    if (t->header != NULL)
        for (size_t i = 0; i < t->ncols; i++)
            free(t->header[i]);
    free(t->header);
    free(t->rows);
    free(t->name);
    free(t);
}

int sc_table_column(const sc_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->header[i], name) == 0)
            return (int)i;
    return -1;
}

static sc_status take_header(sc_table *t, const sc_csv_record *rec, sc_error *err)
{
    t->header = calloc(rec->count, sizeof *t->header);
    if (t->header == NULL)
        return sc_error_set(err, SC_ENOMEM, t->name, rec->line, 0, "out of memory");
    int other = sc_csv_guess_delimiter(rec, t->delimiter);
    if (other != 0)
        return sc_error_set(err, SC_EINPUT, t->name, rec->line, 1,
                            "the header is one column with %s in it: the file looks "
                            "%s-separated, not %s-separated (save it as comma-separated CSV, "
                            "or give --delimiter %s where the command takes it)",
                            sc_csv_delimiter_name((char)other), sc_csv_delimiter_name((char)other),
                            sc_csv_delimiter_name(t->delimiter),
                            sc_csv_delimiter_name((char)other));
    t->ncols = rec->count;
    t->header_line = rec->line;
    for (size_t i = 0; i < rec->count; i++) {
        if (rec->lengths[i] == 0)
            return sc_error_set(err, SC_EINPUT, t->name, rec->lines[i], (long)i + 1,
                                "empty column name in header");
        for (size_t j = 0; j < i; j++)
            if (strcmp(t->header[j], rec->fields[i]) == 0)
                return sc_error_set(err, SC_EINPUT, t->name, rec->lines[i], (long)i + 1,
                                    "duplicate column '%s' in header (also column %zu)",
                                    rec->fields[i], j + 1);
        t->header[i] = dup_str(rec->fields[i], rec->lengths[i]);
        if (t->header[i] == NULL)
            return sc_error_set(err, SC_ENOMEM, t->name, rec->line, 0, "out of memory");
    }
    return SC_OK;
}

static sc_status on_record(const sc_csv_record *rec, void *ctx, sc_error *err)
{
    sc_table *t = ctx;
    if (rec->number == 1)
        return take_header(t, rec, err);
    if (rec->count != t->ncols)
        return sc_error_set(err, SC_EINPUT, t->name, rec->line,
                            (long)(rec->count < t->ncols ? rec->count + 1 : t->ncols + 1),
                            "row has %zu field%s but the header has %zu", rec->count,
                            rec->count == 1 ? "" : "s", t->ncols);
    if (t->nrows >= SC_TABLE_MAX_ROWS)
        return sc_error_set(err, SC_ELIMIT, t->name, rec->line, 0,
                            "more than %u data rows in one table", SC_TABLE_MAX_ROWS);
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        sc_table_row *rows = realloc(t->rows, cap * sizeof *rows);
        if (rows == NULL)
            return sc_error_set(err, SC_ENOMEM, t->name, rec->line, 0, "out of memory");
        t->rows = rows;
        t->cap = cap;
    }
    sc_table_row *row = &t->rows[t->nrows];
    row->line = rec->line;
    row->cells = calloc(t->ncols, sizeof *row->cells);
    row->lines = calloc(t->ncols, sizeof *row->lines);
    t->nrows++; /* counted now so that sc_table_free releases a half-built row */
    if (row->cells == NULL || row->lines == NULL)
        return sc_error_set(err, SC_ENOMEM, t->name, rec->line, 0, "out of memory");
    for (size_t i = 0; i < t->ncols; i++) {
        row->cells[i] = dup_str(rec->fields[i], rec->lengths[i]);
        if (row->cells[i] == NULL)
            return sc_error_set(err, SC_ENOMEM, t->name, rec->line, 0, "out of memory");
        row->lines[i] = rec->lines[i];
    }
    return SC_OK;
}

sc_status sc_table_read(FILE *fp, const char *name, sc_table **out, sc_error *err)
{
    return sc_table_read_delim(fp, name, ',', out, err);
}

sc_status sc_table_read_delim(FILE *fp, const char *name, char delimiter, sc_table **out,
                              sc_error *err)
{
    sc_table *t = calloc(1, sizeof *t);
    if (t == NULL || (t->name = dup_str(name, strlen(name))) == NULL) {
        free(t);
        return sc_error_set(err, SC_ENOMEM, name, 0, 0, "out of memory");
    }
    t->delimiter = delimiter ? delimiter : ',';
    sc_csv_options opts = {0, 0, t->delimiter, 0};
    sc_status st = sc_csv_read(fp, name, &opts, on_record, t, err);
    if (st == SC_OK && t->header == NULL)
        st = sc_error_set(err, SC_EINPUT, name, 0, 0, "empty file: no header row");
    if (st != SC_OK) {
        sc_table_free(t);
        return st;
    }
    *out = t;
    return SC_OK;
}

/* What kind of thing a path that is not a regular file names, for the message. */
static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "is a directory, not a CSV file";
    if (S_ISFIFO(mode))
        return "is a FIFO (named pipe), not a regular file";
    if (S_ISSOCK(mode))
        return "is a socket, not a regular file";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "is a device, not a regular file";
    return "is not a regular file";
}

sc_status sc_table_read_path(const char *path, const char *display_name, sc_table **out,
                             sc_error *err)
{
    struct stat sb;
    const char *name = display_name ? display_name : path;
    /* O_NONBLOCK: opening a FIFO for reading blocks until a writer appears, so
     * a FIFO in place of a table would hang every command before fstat could
     * refuse it.  Only a regular file (symbolic links followed) is read: a
     * FIFO, socket or device is never a table and may never end. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return sc_error_set(err, SC_EINPUT, name, 0, 0, "cannot open: %s", strerror(errno));
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        return sc_error_set(err, SC_EIO, name, 0, 0, "cannot read: %s", strerror(e));
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return sc_error_set(err, SC_EINPUT, name, 0, 0, "%s", file_kind(sb.st_mode));
    }
    /* A regular file never blocks, but reads go through stdio: back to the
     * ordinary blocking mode all the same. */
    int flags = fcntl(fd, F_GETFL);
    FILE *fp = NULL;
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 ||
        (fp = fdopen(fd, "rb")) == NULL) {
        int e = errno;
        close(fd);
        return sc_error_set(err, SC_EIO, name, 0, 0, "cannot read: %s", strerror(e));
    }
    sc_status st = sc_table_read(fp, name, out, err);
    fclose(fp);
    return st;
}
