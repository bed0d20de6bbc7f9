/* `stemcost list`: print a pricing table in one of the three formats. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "stemcost/report.h"
#include "pricing_internal.h"

static void list_csv(FILE *fp, const sc_table *t)
{
    sc_csv_row(fp, (const char *const *)t->header, t->ncols);
    for (size_t r = 0; r < t->nrows; r++)
        sc_csv_row(fp, (const char *const *)t->rows[r].cells, t->ncols);
}

static void json_cell(sc_json *j, sc_table_id id, const sc_table *t, size_t r, size_t c)
{
    const char *v = t->rows[r].cells[c];
    sc_column_kind kind = sc_table_column_kind(id, t->header[c]);
    if (kind == SC_COL_TEXT) {
        sc_json_string(j, v);
        return;
    }
    if (v[0] == '\0') {
        sc_json_null(j);
        return;
    }
    if (kind == SC_COL_MONEY) {
        int cc = sc_table_column(t, sc_table_money_currency_column(id));
        const sc_currency *cur = cc >= 0 ? sc_currency_find(t->rows[r].cells[cc]) : NULL;
        int64_t minor;
        char buf[64];
        if (cur != NULL && sc_money_parse(v, cur, 0, &minor, NULL) == SC_OK) {
            sc_json_number_text(j, sc_money_format_plain(minor, cur, buf, sizeof buf));
            return;
        }
    }
    /* Validated numbers are plain decimals, which are valid JSON numbers. */
    sc_json_number_text(j, v);
}

static void list_json(FILE *fp, sc_table_id id, const sc_table *t)
{
    sc_json j;
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    sc_json_key(&j, "table");
    sc_json_string(&j, sc_table_name(id));
    sc_json_key(&j, "rows");
    sc_json_begin_array(&j);
    for (size_t r = 0; r < t->nrows; r++) {
        sc_json_begin_object(&j);
        for (size_t c = 0; c < t->ncols; c++) {
            sc_json_key(&j, t->header[c]);
            json_cell(&j, id, t, r, c);
        }
        sc_json_end_object(&j);
    }
    sc_json_end_array(&j);
    sc_json_end_object(&j);
    sc_json_finish(&j);
}

/* Shorten to SC_LIST_CELL_MAX code points, on a code-point boundary; newlines
 * become spaces so each row stays on one line. */
static char *shorten(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 4);
    if (out == NULL)
        return NULL;
    size_t cps = 0, i = 0, o = 0;
    while (i < n) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (cps == SC_LIST_CELL_MAX - 3 && sc_utf8_width(s + i) > 3) {
                memcpy(out + o, "...", 3);
                o += 3;
                break;
            }
            cps++;
        }
        out[o++] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i];
        i++;
    }
    out[o] = '\0';
    return out;
}

static void list_table(FILE *fp, sc_table_id id, const sc_table *t)
{
    sc_grid g;
    char **cells = calloc(t->ncols ? t->ncols : 1, sizeof *cells);
    if (cells == NULL) {
        sc_output_fail(fp);
        return;
    }
    sc_grid_init(&g, t->ncols);
    sc_grid_add(&g, (const char *const *)t->header);
    for (size_t c = 0; c < t->ncols; c++)
        if (sc_table_column_kind(id, t->header[c]) != SC_COL_TEXT)
            sc_grid_align_right(&g, c);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++)
            if ((cells[c] = shorten(t->rows[r].cells[c])) == NULL)
                g.failed = 1; /* a cell lost: printing says so */
        sc_grid_add(&g, (const char *const *)cells);
        for (size_t c = 0; c < t->ncols; c++)
            free(cells[c]);
    }
    sc_grid_print(&g, fp, "");
    fprintf(fp, "\n%zu row%s from %s\n", t->nrows, t->nrows == 1 ? "" : "s", t->name);
    sc_grid_free(&g);
    free(cells);
}

void sc_report_list(FILE *fp, const sc_pricing *p, sc_table_id id, sc_format fmt)
{
    const sc_table *t = p->raw[id];
    switch (fmt) {
    case SC_FORMAT_CSV: list_csv(fp, t); break;
    case SC_FORMAT_JSON: list_json(fp, id, t); break;
    default: list_table(fp, id, t); break;
    }
}
