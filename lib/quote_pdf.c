/* The PDF of a quote, through cairo (A4).
 *
 * Each copy (patient's, provider's) is laid out twice: once to count its
 * pages, once to draw them, so that every page says "Page x of y" beside the
 * quote number, the patient and the copy.  A table row is measured before it
 * is drawn and moves whole to the next page when it does not fit, where the
 * table's header is drawn again; amounts and quantities are aligned right.
 *
 * Text is drawn in DejaVu Sans; a character it lacks (Chinese, Japanese,
 * Korean, Devanagari names) is drawn in the first font fontconfig lists that
 * has it (Debian: fonts-droid-fallback, fonts-lohit-deva).  cairo's text API
 * does not shape: Devanagari comes out letter by letter, readable but
 * without conjuncts (shaping would need HarfBuzz or Pango).
 *
 * cairo stops drawing at its first error and only reports it when asked:
 * the context's status is checked after every page and the surface's at the
 * end, so a document is never produced short. */
#include <config.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "quote_internal.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 50.0
#define TOP 62.0
#define BOTTOM (PAGE_H - 56.0)
#define W (PAGE_W - 2 * MARGIN)
#define FONT "DejaVu Sans"
#define LABEL_W 170.0

/* ---- fonts ---------------------------------------------------------------------------- */

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static FcCharSet *primary;    /* what DejaVu Sans covers */
static FcFontSet *fallbacks;  /* every font, nearest first, for what it lacks */

static void load_fonts(void)
{
    if (!FcInit())
        return;
    FcPattern *pat = FcNameParse((const FcChar8 *)FONT);
    if (pat == NULL)
        return;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    FcCharSet *cs;
    if (m != NULL && FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch)
        primary = FcCharSetCopy(cs);
    if (m != NULL)
        FcPatternDestroy(m);
    fallbacks = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    FcPatternDestroy(pat);
}

void quote_pdf_warm(void)
{
    pthread_once(&fonts_once, load_fonts);
}

static const char *family_for(uint32_t cp)
{
    if (primary == NULL || FcCharSetHasChar(primary, cp))
        return FONT;
    for (int i = 0; fallbacks && i < fallbacks->nfont; i++) {
        FcCharSet *cs;
        FcChar8 *fam;
        if (FcPatternGetCharSet(fallbacks->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch &&
            FcCharSetHasChar(cs, cp) &&
            FcPatternGetString(fallbacks->fonts[i], FC_FAMILY, 0, &fam) == FcResultMatch)
            return (const char *)fam;
    }
    return FONT; /* no font has it: DejaVu's box for a missing glyph */
}

/* Decode one code point of valid UTF-8 at s; its length in *len. */
static uint32_t decode(const char *s, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    size_t n = u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
    uint32_t cp = u[0] & (0xFF >> (n + 1));
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (u[i] & 0x3F);
    *len = n;
    return cp;
}

/* ---- drawing -------------------------------------------------------------------------- */

typedef struct pdf {
    cairo_t *cr;
    int draw;                   /* second pass: draw; first pass: count pages */
    double y, size;
    int bold;
    int page, pages;
    const sc_quote_doc *doc;
    const char *copy;
    const sc_block *head;       /* the header of the table in progress */
    const char *heading;        /* the heading over it */
} pdf;

static void font(pdf *p, double size, int bold)
{
    p->size = size;
    p->bold = bold;
}

/* Measure (and, with draw, show at x, baseline) s[0..n) run by run of one font. */
static double text_run(pdf *p, const char *s, size_t n, double x, double base, int draw)
{
    double adv = 0;
    size_t i = 0;
    char buf[1024];
    while (i < n) {
        size_t k, start = i;
        const char *fam = family_for(decode(s + i, &k));
        i += k;
        while (i < n) {
            const char *f2 = family_for(decode(s + i, &k));
            if (strcmp(f2, fam) != 0)
                break;
            i += k;
        }
        size_t len = i - start < sizeof buf - 1 ? i - start : sizeof buf - 1;
        memcpy(buf, s + start, len);
        buf[len] = '\0';
        cairo_select_font_face(p->cr, fam, CAIRO_FONT_SLANT_NORMAL,
                               p->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(p->cr, p->size);
        cairo_text_extents_t ext;
        cairo_text_extents(p->cr, buf, &ext);
        if (draw) {
            cairo_move_to(p->cr, x + adv, base);
            cairo_show_text(p->cr, buf);
        }
        adv += ext.x_advance;
    }
    return adv;
}

static double width(pdf *p, const char *s, size_t n)
{
    return text_run(p, s, n, 0, 0, 0);
}

static void show(pdf *p, const char *s, size_t n, double x, double base)
{
    if (p->draw)
        text_run(p, s, n, x, base, 1);
}

#define MAX_LINES 64

typedef struct span {
    const char *s;
    size_t n;
} span;

/* Break s into lines of at most w points: at spaces where it can, inside a
 * word (on a code point boundary) where a word is wider than the line, and
 * always at a line break of the text. */
static int wrap(pdf *p, const char *s, double w, span *out)
{
    int count = 0;
    while (*s && count < MAX_LINES) {
        size_t n = 0, last_space = 0;
        while (s[n] && s[n] != '\n') {
            size_t k;
            decode(s + n, &k);
            if (n > 0 && width(p, s, n + k) > w)
                break;
            if (s[n] == ' ')
                last_space = n;
            n += k;
        }
        if (s[n] && s[n] != '\n' && last_space > 0)
            n = last_space;
        out[count++] = (span){s, n};
        s += n;
        if (*s == '\n')
            s++;
        else
            while (*s == ' ')
                s++;
    }
    if (count == 0)
        out[count++] = (span){s, 0};
    return count;
}

static void rule(pdf *p, double x0, double x1, double y, double lw)
{
    if (!p->draw)
        return;
    cairo_move_to(p->cr, x0, y);
    cairo_line_to(p->cr, x1, y);
    cairo_set_line_width(p->cr, lw);
    cairo_stroke(p->cr);
}

static void page_header(pdf *p)
{
    char left[512], right[64];
    const sc_quote_doc *d = p->doc;
    snprintf(left, sizeof left, "%s  |  %s  |  Patient: %s", p->copy, d->number, d->patient);
    double size = p->size;
    int bold = p->bold;
    font(p, 8, 0);
    /* a very long name is cut (on a code point) to leave room for the copy mark */
    size_t n = strlen(left);
    while (n > 0 && width(p, left, n) > W * 0.68) {
        do
            n--;
        while (n > 0 && ((unsigned char)left[n] & 0xC0) == 0x80);
        strcpy(left + n, "...");
    }
    show(p, left, strlen(left), MARGIN, 32);
    if (d->reissued[0]) {
        snprintf(right, sizeof right, "COPY - reissued on %s", d->reissued);
        font(p, 8, 1);
        show(p, right, strlen(right), PAGE_W - MARGIN - width(p, right, strlen(right)), 32);
    }
    rule(p, MARGIN, PAGE_W - MARGIN, 38, 0.4);
    font(p, 8, 0);
    snprintf(right, sizeof right, "Page %d of %d", p->page, p->pages);
    rule(p, MARGIN, PAGE_W - MARGIN, PAGE_H - 44, 0.4);
    show(p, d->number, strlen(d->number), MARGIN, PAGE_H - 32);
    show(p, right, strlen(right), PAGE_W - MARGIN - width(p, right, strlen(right)), PAGE_H - 32);
    font(p, size, bold);
    p->y = TOP;
}

static void table_row(pdf *p, const sc_block *b, int head_again);

/* Start a new page when h more points do not fit; the table in progress gets
 * its header again. */
static void need(pdf *p, double h)
{
    if (p->y + h <= BOTTOM || p->y <= TOP)
        return;
    if (p->draw)
        cairo_show_page(p->cr);
    p->page++;
    page_header(p);
    if (p->head != NULL) {
        if (p->heading != NULL) {
            char cont[600];
            snprintf(cont, sizeof cont, "%s (continued)", p->heading);
            double size = p->size;
            int bold = p->bold;
            font(p, 9.5, 1);
            show(p, cont, strlen(cont), MARGIN, p->y + 10);
            p->y += 16;
            font(p, size, bold);
        }
        table_row(p, p->head, 1);
    }
}

static void para(pdf *p, const char *s, double x, double w, double lead)
{
    span lines[MAX_LINES];
    int n = wrap(p, s, w, lines);
    for (int i = 0; i < n; i++) {
        need(p, lead);
        show(p, lines[i].s, lines[i].n, x, p->y + lead * 0.8);
        p->y += lead;
    }
}

/* Table columns: item, code, quantity (right), charge (right). */
static const double col_x[5] = {0, 0.50, 0.66, 0.76, 1.0};

static double row_height(pdf *p, const sc_block *b, span lines[4][MAX_LINES], int count[4])
{
    int most = 1;
    for (int k = 0; k < 4; k++) {
        double w = (col_x[k + 1] - col_x[k]) * W - 6;
        count[k] = k < b->ncells ? wrap(p, b->cells[k], w, lines[k]) : 0;
        if (count[k] > most)
            most = count[k];
    }
    return most * 11.0 + 5;
}

static void table_row(pdf *p, const sc_block *b, int head_again)
{
    span lines[4][MAX_LINES];
    int count[4];
    font(p, 8.5, b->kind != SC_BLOCK_TABLE_ROW);
    double h = row_height(p, b, lines, count);
    if (!head_again) {
        /* a header keeps its first row with it */
        need(p, b->kind == SC_BLOCK_TABLE_HEAD ? h + 30 : h);
        font(p, 8.5, b->kind != SC_BLOCK_TABLE_ROW);
    }
    if (b->kind == SC_BLOCK_TABLE_TOTAL)
        rule(p, MARGIN, MARGIN + W, p->y, 0.4);
    for (int k = 0; k < 4; k++) {
        double x0 = MARGIN + col_x[k] * W, x1 = MARGIN + col_x[k + 1] * W - 6;
        for (int i = 0; i < count[k]; i++) {
            double x = k >= 2 ? x1 - width(p, lines[k][i].s, lines[k][i].n) : x0;
            show(p, lines[k][i].s, lines[k][i].n, x, p->y + 2 + 11 * i + 8.8);
        }
    }
    p->y += h;
    if (b->kind == SC_BLOCK_TABLE_HEAD)
        rule(p, MARGIN, MARGIN + W, p->y - 1, 0.6);
}

static void block(pdf *p, const sc_block *b, const sc_block *next)
{
    int table = b->kind == SC_BLOCK_TABLE_HEAD || b->kind == SC_BLOCK_TABLE_ROW ||
                b->kind == SC_BLOCK_TABLE_TOTAL;
    if (!table)
        p->head = NULL;
    switch (b->kind) {
    case SC_BLOCK_TITLE:
        font(p, 15, 1);
        para(p, b->cells[0], MARGIN, W, 20);
        p->y += 4;
        if (p->doc->reissued[0]) {
            char mark[64];
            snprintf(mark, sizeof mark, "COPY - reissued on %s", p->doc->reissued);
            font(p, 11, 1);
            para(p, mark, MARGIN, W, 15);
        }
        if (p->doc->state_note) {
            font(p, 11, 1);
            para(p, p->doc->state_note, MARGIN, W, 15);
        }
        p->y += 4;
        break;
    case SC_BLOCK_HEADING:
        /* keep a heading with what follows it */
        need(p, next && next->kind == SC_BLOCK_TABLE_HEAD ? 90 : 50);
        p->heading = b->cells[0];
        p->y += 10;
        font(p, 11.5, 1);
        para(p, b->cells[0], MARGIN, W, 15);
        rule(p, MARGIN, MARGIN + W, p->y, 0.5);
        p->y += 4;
        break;
    case SC_BLOCK_FIELD: {
        span lines[MAX_LINES];
        font(p, 9.5, 0);
        int n = wrap(p, b->cells[1], W - LABEL_W, lines);
        need(p, 13.0 * n);
        font(p, 9.5, 1);
        show(p, b->cells[0], strlen(b->cells[0]), MARGIN, p->y + 10);
        font(p, 9.5, 0);
        for (int i = 0; i < n; i++)
            show(p, lines[i].s, lines[i].n, MARGIN + LABEL_W, p->y + 10 + 13.0 * i);
        p->y += 13.0 * n;
        break;
    }
    case SC_BLOCK_TEXT:
    case SC_BLOCK_WARNING: {
        char buf[4096];
        snprintf(buf, sizeof buf, "%s%s", b->kind == SC_BLOCK_WARNING ? "Note: " : "",
                 b->cells[0]);
        font(p, 9.5, b->kind == SC_BLOCK_WARNING);
        span lines[MAX_LINES];
        int n = wrap(p, buf, W, lines);
        need(p, 13.0 * (n < 4 ? n : 2)); /* a short paragraph stays whole */
        para(p, buf, MARGIN, W, 13);
        p->y += 3;
        break;
    }
    case SC_BLOCK_TABLE_HEAD:
        p->y += 4;
        table_row(p, b, 0);
        p->head = b; /* after: a header moved to a new page is not drawn twice */
        break;
    case SC_BLOCK_TABLE_ROW:
    case SC_BLOCK_TABLE_TOTAL:
        table_row(p, b, 0);
        break;
    case SC_BLOCK_SIGNATURE:
        need(p, 30.0 * b->ncells + 6);
        font(p, 9.5, 0);
        for (int k = 0; k < b->ncells; k++) {
            p->y += 24;
            show(p, b->cells[k], strlen(b->cells[k]), MARGIN, p->y);
            rule(p, MARGIN + LABEL_W, MARGIN + W, p->y + 1, 0.5);
            p->y += 6;
        }
        break;
    }
}

static void lay_out(pdf *p)
{
    p->page = 1;
    p->head = NULL;
    p->heading = NULL;
    font(p, 9.5, 0);
    page_header(p);
    for (size_t i = 0; i < p->doc->n; i++)
        block(p, &p->doc->blocks[i], i + 1 < p->doc->n ? &p->doc->blocks[i + 1] : NULL);
    if (p->draw)
        cairo_show_page(p->cr);
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int n)
{
    return fwrite(data, 1, n, (FILE *)closure) == n ? CAIRO_STATUS_SUCCESS
                                                   : CAIRO_STATUS_WRITE_ERROR;
}

sc_status quote_render_pdf(const sc_quote_doc *doc, sc_quote_copies copies, FILE *fp,
                           sc_error *err)
{
    quote_pdf_warm();
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(write_stream, fp, PAGE_W, PAGE_H);
    /* Fixed metadata, so that the same document is the same file. */
    char date[32], d[11];
    snprintf(date, sizeof date, "%sT00:00:00Z", sc_date_format(doc->date, d));
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, doc->number);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "stemcost");
#endif
    cairo_t *cr = cairo_create(surf);
    const char *names[2] = {"Patient copy", "Provider copy"};
    cairo_status_t st = cairo_status(cr);
    for (int c = 0; c < 2 && st == CAIRO_STATUS_SUCCESS; c++) {
        if ((c == 0 && copies == SC_COPIES_PROVIDER) || (c == 1 && copies == SC_COPIES_PATIENT))
            continue;
        pdf p = {cr, 0, 0, 9.5, 0, 1, 1, doc, names[c], NULL, NULL};
        lay_out(&p);        /* count the pages */
        p.pages = p.page;
        p.draw = 1;
        lay_out(&p);
        st = cairo_status(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (st != CAIRO_STATUS_SUCCESS)
        return sc_error_set(err, SC_EIO, NULL, 0, 0, "cannot draw the PDF: %s",
                            cairo_status_to_string(st));
    return SC_OK;
}

void sc_quote_release_fonts(void)
{
    /* cairo documents this call for memory checkers; FcFini then frees
     * fontconfig's configuration and caches. */
    if (fallbacks)
        FcFontSetDestroy(fallbacks);
    if (primary)
        FcCharSetDestroy(primary);
    fallbacks = NULL;
    primary = NULL;
    cairo_debug_reset_static_data();
    FcFini();
}
