/* Quote renderers: plain text, a self-contained printable HTML page, and PDF
 * through cairo.  They lay out the blocks of sc_quote_build; they compute
 * nothing. */
#include <config.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <string.h>

#include "stemcost/output.h"
#include "stemcost/quote.h"

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

static void render_text(const sc_quote_doc *doc, FILE *fp)
{
    sc_grid g;
    int in_table = 0;
    for (size_t i = 0; i < doc->n; i++) {
        const sc_block *b = &doc->blocks[i];
        int table = b->kind == SC_BLOCK_TABLE_HEAD || b->kind == SC_BLOCK_TABLE_ROW ||
                    b->kind == SC_BLOCK_TABLE_TOTAL;
        if (in_table && !table) {
            sc_grid_print(&g, fp, "  ");
            sc_grid_free(&g);
            in_table = 0;
        }
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
        case SC_BLOCK_FIELD:
            fprintf(fp, "  %s: %s\n", b->cells[0], b->cells[1]);
            break;
        case SC_BLOCK_TEXT:
            wrap(fp, b->cells[0], "  ");
            break;
        case SC_BLOCK_WARNING: {
            char buf[SC_WARNING_MAX + 16];
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
            if (in_table)
                sc_grid_add(&g, (const char *const *)b->cells);
            break;
        }
    }
    if (in_table) {
        sc_grid_print(&g, fp, "  ");
        sc_grid_free(&g);
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
        default: fputc(*s, fp);
        }
}

static void render_html(const sc_quote_doc *doc, FILE *fp)
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
          ".note{border-left:4px solid #b00;padding-left:.6em}\n"
          "@media print{body{margin:0;max-width:none;font-size:10pt}"
          "h2{page-break-after:avoid}tr{page-break-inside:avoid}}\n"
          "@page{size:A4;margin:18mm}\n"
          "</style>\n</head>\n<body>\n",
          fp);
    int in_dl = 0, in_table = 0;
    for (size_t i = 0; i < doc->n; i++) {
        const sc_block *b = &doc->blocks[i];
        int table = b->kind == SC_BLOCK_TABLE_HEAD || b->kind == SC_BLOCK_TABLE_ROW ||
                    b->kind == SC_BLOCK_TABLE_TOTAL;
        if (in_dl && b->kind != SC_BLOCK_FIELD) {
            fputs("</dl>\n", fp);
            in_dl = 0;
        }
        if (in_table && !table) {
            fputs("</table>\n", fp);
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
            const char *cell = b->kind == SC_BLOCK_TABLE_HEAD ? "th" : "td";
            if (!in_table)
                fputs("<table>\n", fp);
            in_table = 1;
            fputs(b->kind == SC_BLOCK_TABLE_TOTAL ? "<tr class=\"total\">" : "<tr>", fp);
            for (int k = 0; k < b->ncells; k++) {
                fprintf(fp, "<%s%s>", cell, (k == 2 || k == 3) ? " class=\"n\"" : "");
                html_escape(fp, b->cells[k]);
                fprintf(fp, "</%s>", cell);
            }
            fputs("</tr>\n", fp);
            break;
        }
        }
    }
    if (in_dl)
        fputs("</dl>\n", fp);
    if (in_table)
        fputs("</table>\n", fp);
    fputs("</body>\n</html>\n", fp);
}

/* ---- PDF ------------------------------------------------------------------------------ */

/* A4 in points; margins; the font that carries $, EUR, INR and JPY signs. */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 50.0
#define FONT "DejaVu Sans"

typedef struct pdf {
    cairo_t *cr;
    double y;
} pdf;

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int n)
{
    return fwrite(data, 1, n, (FILE *)closure) == n ? CAIRO_STATUS_SUCCESS
                                                   : CAIRO_STATUS_WRITE_ERROR;
}

static void need(pdf *p, double h)
{
    if (p->y + h > PAGE_H - MARGIN) {
        cairo_show_page(p->cr);
        p->y = MARGIN;
    }
}

static void font(pdf *p, double size, int bold)
{
    cairo_select_font_face(p->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(p->cr, size);
}

static double text_width(pdf *p, const char *s)
{
    cairo_text_extents_t ext;
    cairo_text_extents(p->cr, s, &ext);
    return ext.x_advance;
}

/* Length in bytes of the UTF-8 sequence that starts with c (input is valid UTF-8). */
static size_t cp_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Draw s wrapped into [x, x + w], advancing y by `lead` a line.  Text is
 * measured on whole code points: cairo refuses (and stops drawing on) a
 * string cut inside a UTF-8 sequence. */
static void para(pdf *p, const char *s, double x, double w, double lead)
{
    char line[1024];
    while (*s) {
        size_t n = 0, last_space = 0;
        while (s[n] && n + 4 < sizeof line) {
            size_t k = cp_len((unsigned char)s[n]);
            memcpy(line, s, n + k);
            line[n + k] = '\0';
            if (n > 0 && text_width(p, line) > w)
                break;
            if (s[n] == ' ')
                last_space = n;
            n += k;
        }
        if (s[n] && last_space > 0)
            n = last_space;
        memcpy(line, s, n);
        line[n] = '\0';
        need(p, lead);
        cairo_move_to(p->cr, x, p->y + lead * 0.8);
        cairo_show_text(p->cr, line);
        p->y += lead;
        s += n;
        while (*s == ' ')
            s++;
    }
}

static sc_status render_pdf(const sc_quote_doc *doc, FILE *fp, sc_error *err)
{
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(write_stream, fp, PAGE_W, PAGE_H);
    /* Fixed metadata, so a reissued quote is the same file. */
    char date[32], d[11];
    snprintf(date, sizeof date, "%sT00:00:00Z", sc_date_format(doc->date, d));
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, doc->number);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "stemcost");
#endif
    pdf p = {cairo_create(surf), MARGIN};
    const double W = PAGE_W - 2 * MARGIN;
    /* table columns: description, code, quantity, charge, range */
    const double col[5] = {0, 0.36, 0.56, 0.66, 0.81};
    for (size_t i = 0; i < doc->n; i++) {
        const sc_block *b = &doc->blocks[i];
        switch (b->kind) {
        case SC_BLOCK_TITLE:
            font(&p, 15, 1);
            para(&p, b->cells[0], MARGIN, W, 20);
            p.y += 6;
            break;
        case SC_BLOCK_HEADING:
            need(&p, 40);
            p.y += 10;
            font(&p, 11.5, 1);
            para(&p, b->cells[0], MARGIN, W, 15);
            cairo_move_to(p.cr, MARGIN, p.y);
            cairo_line_to(p.cr, MARGIN + W, p.y);
            cairo_set_line_width(p.cr, 0.5);
            cairo_stroke(p.cr);
            p.y += 4;
            break;
        case SC_BLOCK_FIELD: {
            font(&p, 9.5, 1);
            need(&p, 13);
            cairo_move_to(p.cr, MARGIN, p.y + 10);
            cairo_show_text(p.cr, b->cells[0]);
            font(&p, 9.5, 0);
            para(&p, b->cells[1], MARGIN + 175, W - 175, 13);
            break;
        }
        case SC_BLOCK_TEXT:
        case SC_BLOCK_WARNING: {
            font(&p, 9.5, b->kind == SC_BLOCK_WARNING);
            char buf[SC_WARNING_MAX + 16];
            snprintf(buf, sizeof buf, "%s%s", b->kind == SC_BLOCK_WARNING ? "Note: " : "",
                     b->cells[0]);
            para(&p, buf, MARGIN, W, 13);
            p.y += 3;
            break;
        }
        case SC_BLOCK_TABLE_HEAD:
        case SC_BLOCK_TABLE_ROW:
        case SC_BLOCK_TABLE_TOTAL: {
            font(&p, 8.5, b->kind != SC_BLOCK_TABLE_ROW);
            need(&p, 24);
            double top = p.y, bottom = p.y;
            for (int k = 0; k < b->ncells && k < 5; k++) {
                double x = MARGIN + col[k] * W;
                double w = (k < 4 ? col[k + 1] * W : W) - col[k] * W - 4;
                p.y = top;
                para(&p, b->cells[k], x, w, 11);
                if (p.y > bottom)
                    bottom = p.y;
            }
            p.y = bottom + 2;
            if (b->kind != SC_BLOCK_TABLE_ROW) {
                cairo_move_to(p.cr, MARGIN, p.y);
                cairo_line_to(p.cr, MARGIN + W, p.y);
                cairo_set_line_width(p.cr, 0.4);
                cairo_stroke(p.cr);
                p.y += 2;
            }
            break;
        }
        }
    }
    cairo_show_page(p.cr);
    /* A failure while drawing (out of memory measuring text) stays on the
     * context, not the surface: either spoils the document. */
    cairo_status_t st = cairo_status(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(surf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (st != CAIRO_STATUS_SUCCESS)
        return sc_error_set(err, st == CAIRO_STATUS_NO_MEMORY ? SC_ENOMEM : SC_EIO, NULL, 0, 0,
                            "PDF: %s", cairo_status_to_string(st));
    return SC_OK;
}

sc_status sc_quote_render(const sc_quote_doc *doc, sc_quote_format fmt, FILE *fp, sc_error *err)
{
    switch (fmt) {
    case SC_QUOTE_HTML: render_html(doc, fp); return SC_OK;
    case SC_QUOTE_PDF: return render_pdf(doc, fp, err);
    default: render_text(doc, fp); return SC_OK;
    }
}

void sc_quote_release_fonts(void)
{
    /* cairo documents this call for memory checkers; FcFini then frees
     * fontconfig's configuration and caches. */
    cairo_debug_reset_static_data();
    FcFini();
}
