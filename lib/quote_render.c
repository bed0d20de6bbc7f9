/* Quote renderers: plain text and a self-contained printable HTML page (the
 * PDF is in quote_pdf.c).  They lay out the blocks of a quote's document, one
 * copy after the other; they compute nothing. */
#include <config.h>

#include <string.h>

#include "quote_internal.h"
#include "stemcost/output.h"

/* ---- text ----------------------------------------------------------------------------- */

#define TEXT_WIDTH 78

/* Print `s` wrapped at TEXT_WIDTH code points, each line after `indent`. */
static void wrap(FILE *fp, const char *s, const char *indent)
{
    size_t width = TEXT_WIDTH - strlen(indent);
    while (*s) {
        const char *p = s, *brk = NULL;
        size_t cps = 0;
        while (*p && cps < width) {
            if (*p == ' ')
                brk = p;
            if (((unsigned char)*p & 0xC0) != 0x80)
                cps++;
            p++;
        }
        while (*p && ((unsigned char)*p & 0xC0) == 0x80)
            p++;
        const char *end = (*p == '\0' || brk == NULL) ? p : brk;
        fprintf(fp, "%s%.*s\n", indent, (int)(end - s), s);
        s = end;
        while (*s == ' ')
            s++;
    }
}

static const char *const copy_names[2] = {"Patient copy", "Provider copy"};

static int wanted(sc_quote_copies copies, int c)
{
    return !((c == 0 && copies == SC_COPIES_PROVIDER) || (c == 1 && copies == SC_COPIES_PATIENT));
}

static void flush_grid(sc_grid *g, int *in_table, FILE *fp)
{
    if (*in_table) {
        sc_grid_print(g, fp, "  ");
        sc_grid_free(g);
        *in_table = 0;
    }
}

static void text_copy(const sc_quote_doc *doc, const char *copy, FILE *fp)
{
    sc_grid g;
    int in_table = 0;
    fprintf(fp, "%s | %s | Patient: %s\n", copy, doc->number, doc->patient);
    if (doc->reissued[0])
        fprintf(fp, "COPY - reissued on %s\n", doc->reissued);
    if (doc->state_note)
        fprintf(fp, "%s\n", doc->state_note);
    fputc('\n', fp);
    for (size_t i = 0; i < doc->n; i++) {
        const sc_block *b = &doc->blocks[i];
        int table = b->kind == SC_BLOCK_TABLE_HEAD || b->kind == SC_BLOCK_TABLE_ROW ||
                    b->kind == SC_BLOCK_TABLE_TOTAL;
        if (!table || b->kind == SC_BLOCK_TABLE_HEAD)
            flush_grid(&g, &in_table, fp);
        switch (b->kind) {
        case SC_BLOCK_TITLE: {
            size_t w = sc_utf8_width(b->cells[0]);
            fprintf(fp, "%s\n", b->cells[0]);
            for (size_t k = 0; k < w; k++)
                fputc('=', fp);
            fputc('\n', fp);
            break;
        }
        case SC_BLOCK_HEADING:
            fprintf(fp, "\n%s\n", b->cells[0]);
            for (size_t k = 0; k < sc_utf8_width(b->cells[0]); k++)
                fputc('-', fp);
            fputc('\n', fp);
            break;
        case SC_BLOCK_FIELD: {
            /* a value of several lines (an address) continues under itself */
            const char *v = b->cells[1];
            size_t indent = 4 + sc_utf8_width(b->cells[0]);
            fprintf(fp, "  %s: ", b->cells[0]);
            for (; *v; v++) {
                if (*v == '\r')
                    continue;
                fputc(*v, fp);
                if (*v == '\n' && v[1])
                    fprintf(fp, "%*s", (int)indent, "");
            }
            fputc('\n', fp);
            break;
        }
        case SC_BLOCK_TEXT:
            wrap(fp, b->cells[0], "  ");
            break;
        case SC_BLOCK_WARNING: {
            char buf[4096];
            snprintf(buf, sizeof buf, "NOTE: %s", b->cells[0]);
            wrap(fp, buf, "  ");
            break;
        }
        case SC_BLOCK_TABLE_HEAD:
            sc_grid_init(&g, (size_t)b->ncells);
            sc_grid_add(&g, (const char *const *)b->cells);
            sc_grid_align_right(&g, 2);
            sc_grid_align_right(&g, 3);
            in_table = 1;
            break;
        case SC_BLOCK_TABLE_ROW:
        case SC_BLOCK_TABLE_TOTAL:
            if (in_table && (size_t)b->ncells == g.ncols)
                sc_grid_add(&g, (const char *const *)b->cells);
            break;
        case SC_BLOCK_SIGNATURE:
            for (int k = 0; k < b->ncells; k++)
                fprintf(fp, "\n  %s: ________________________________________\n", b->cells[k]);
            break;
        }
    }
    flush_grid(&g, &in_table, fp);
}

static void render_text(const sc_quote_doc *doc, sc_quote_copies copies, FILE *fp)
{
    int first = 1;
    for (int c = 0; c < 2; c++) {
        if (!wanted(copies, c))
            continue;
        if (!first) {
            fputc('\n', fp);
            for (int k = 0; k < TEXT_WIDTH; k++)
                fputc('=', fp);
            fputs("\n\n", fp);
        }
        text_copy(doc, copy_names[c], fp);
        first = 0;
    }
}

/* ---- HTML ----------------------------------------------------------------------------- */

static void html_escape(FILE *fp, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\r': break;
        case '\n': fputs("<br>", fp); break;
        default: fputc(*s, fp);
        }
}

static void html_copy(const sc_quote_doc *doc, const char *copy, int first, FILE *fp)
{
    fprintf(fp, "<section class=\"copy%s\">\n<p class=\"head\">", first ? "" : " next");
    html_escape(fp, copy);
    fputs(" | ", fp);
    html_escape(fp, doc->number);
    fputs(" | Patient: ", fp);
    html_escape(fp, doc->patient);
    fputs("</p>\n", fp);
    if (doc->reissued[0])
        fprintf(fp, "<p class=\"mark\">COPY - reissued on %s</p>\n", doc->reissued);
    if (doc->state_note) {
        fputs("<p class=\"mark\">", fp);
        html_escape(fp, doc->state_note);
        fputs("</p>\n", fp);
    }
    int in_dl = 0, in_table = 0;
    for (size_t i = 0; i < doc->n; i++) {
        const sc_block *b = &doc->blocks[i];
        int table = b->kind == SC_BLOCK_TABLE_HEAD || b->kind == SC_BLOCK_TABLE_ROW ||
                    b->kind == SC_BLOCK_TABLE_TOTAL;
        if (in_dl && b->kind != SC_BLOCK_FIELD) {
            fputs("</dl>\n", fp);
            in_dl = 0;
        }
        if (in_table && (!table || b->kind == SC_BLOCK_TABLE_HEAD)) {
            fputs("</tbody></table>\n", fp);
            in_table = 0;
        }
        switch (b->kind) {
        case SC_BLOCK_TITLE:
            fputs("<h1>", fp);
            html_escape(fp, b->cells[0]);
            fputs("</h1>\n", fp);
            break;
        case SC_BLOCK_HEADING:
            fputs("<h2>", fp);
            html_escape(fp, b->cells[0]);
            fputs("</h2>\n", fp);
            break;
        case SC_BLOCK_FIELD:
            if (!in_dl)
                fputs("<dl>\n", fp);
            in_dl = 1;
            fputs("<dt>", fp);
            html_escape(fp, b->cells[0]);
            fputs("</dt><dd>", fp);
            html_escape(fp, b->cells[1]);
            fputs("</dd>\n", fp);
            break;
        case SC_BLOCK_TEXT:
            fputs("<p>", fp);
            html_escape(fp, b->cells[0]);
            fputs("</p>\n", fp);
            break;
        case SC_BLOCK_WARNING:
            fputs("<p class=\"note\">", fp);
            html_escape(fp, b->cells[0]);
            fputs("</p>\n", fp);
            break;
        case SC_BLOCK_TABLE_HEAD:
        case SC_BLOCK_TABLE_ROW:
        case SC_BLOCK_TABLE_TOTAL: {
            int head = b->kind == SC_BLOCK_TABLE_HEAD;
            const char *cell = head ? "th" : "td";
            if (head) {
                fputs("<table>\n<thead>", fp);
                in_table = 1;
            } else if (!in_table) {
                fputs("<table>\n<tbody>", fp);
                in_table = 1;
            }
            fputs(b->kind == SC_BLOCK_TABLE_TOTAL ? "<tr class=\"total\">" : "<tr>", fp);
            for (int k = 0; k < b->ncells; k++) {
                fprintf(fp, "<%s%s>", cell, (k == 2 || k == 3) ? " class=\"n\"" : "");
                html_escape(fp, b->cells[k]);
                fprintf(fp, "</%s>", cell);
            }
            fputs(head ? "</tr></thead>\n<tbody>\n" : "</tr>\n", fp);
            break;
        }
        case SC_BLOCK_SIGNATURE:
            fputs("<table class=\"sign\">\n", fp);
            for (int k = 0; k < b->ncells; k++) {
                fputs("<tr><th>", fp);
                html_escape(fp, b->cells[k]);
                fputs("</th><td></td></tr>\n", fp);
            }
            fputs("</table>\n", fp);
            break;
        }
    }
    if (in_dl)
        fputs("</dl>\n", fp);
    if (in_table)
        fputs("</tbody></table>\n", fp);
    fputs("</section>\n", fp);
}

static void render_html(const sc_quote_doc *doc, sc_quote_copies copies, FILE *fp)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", fp);
    html_escape(fp, doc->number);
    fputs("</title>\n<style>\n"
          "body{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:11pt;color:#111;"
          "max-width:46em;margin:2em auto;line-height:1.4}\n"
          "h1{font-size:16pt;border-bottom:2px solid #111;padding-bottom:.2em}\n"
          "h2{font-size:12pt;margin-top:1.4em;border-bottom:1px solid #999}\n"
          "dl{display:grid;grid-template-columns:14em 1fr;gap:.1em 1em;margin:.3em 0}\n"
          "dt{font-weight:bold}dd{margin:0}\n"
          "table{border-collapse:collapse;width:100%;margin:.5em 0}\n"
          "th,td{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top}\n"
          "td.n,th.n{text-align:right;white-space:nowrap}tr.total td{font-weight:bold}\n"
          "table.sign td{width:65%;height:2em}\n"
          ".note{border-left:4px solid #b00;padding-left:.6em}\n"
          ".head{font-size:9pt;color:#444;border-bottom:1px solid #999}.mark{font-weight:bold}\n"
          "@media print{body{margin:0;max-width:none;font-size:10pt}"
          "h2{page-break-after:avoid}tr{page-break-inside:avoid}thead{display:table-header-group}"
          ".next{page-break-before:always}}\n"
          "@page{size:A4;margin:18mm}\n"
          "</style>\n</head>\n<body>\n",
          fp);
    int first = 1;
    for (int c = 0; c < 2; c++)
        if (wanted(copies, c)) {
            html_copy(doc, copy_names[c], first, fp);
            first = 0;
        }
    fputs("</body>\n</html>\n", fp);
}

sc_status sc_quote_render(const sc_quote_doc *doc, sc_quote_format fmt, sc_quote_copies copies,
                          FILE *fp, sc_error *err)
{
    switch (fmt) {
    case SC_QUOTE_PDF:
        return quote_render_pdf(doc, copies, fp, err);
    case SC_QUOTE_HTML:
        render_html(doc, copies, fp);
        break;
    default:
        render_text(doc, copies, fp);
        break;
    }
    if (ferror(fp))
        return sc_error_set(err, SC_EIO, NULL, 0, 0, "cannot write the document");
    return SC_OK;
}
