/* PNG and PDF for a chart description, through cairo: the same items as the
 * SVG, drawn with the same geometry.  Every cairo status is checked; a
 * failure is an SC_EIO error with cairo's words, never a silent partial file
 * (the caller discards the stream). */
#include <config.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "chart_internal.h"

#define PNG_SCALE 2.0   /* device pixels per CSS pixel */
#define PDF_SCALE 0.75  /* points per CSS pixel */
#define FONT "DejaVu Sans"
#define TILE 6.0        /* pattern tile, as chart_svg.c's */

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int n)
{
    return fwrite(data, 1, n, (FILE *)closure) == n ? CAIRO_STATUS_SUCCESS
                                                   : CAIRO_STATUS_WRITE_ERROR;
}

static void rgb(cairo_t *cr, unsigned c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                         (c & 0xFF) / 255.0);
}

static void dash(cairo_t *cr, chart_dash d)
{
    static const double dashed[] = {6, 4}, dotted[] = {1, 3}, dashdot[] = {8, 3, 2, 3};
    cairo_set_line_cap(cr, d == DASH_DOTTED ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    switch (d) {
    case DASH_DASHED: cairo_set_dash(cr, dashed, 2, 0); break;
    case DASH_DOTTED: cairo_set_dash(cr, dotted, 2, 0); break;
    case DASH_DASHDOT: cairo_set_dash(cr, dashdot, 4, 0); break;
    default: cairo_set_dash(cr, NULL, 0, 0); break;
    }
}

/* The pattern tile of a fill, as a repeating cairo pattern (vector in PDF). */
static cairo_pattern_t *tile(const chart_fill *f)
{
    cairo_rectangle_t box = {0, 0, TILE, TILE};
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
    cairo_t *cr = cairo_create(rec);
    rgb(cr, f->colour);
    cairo_paint(cr);
    rgb(cr, f->ink);
    if (f->pattern == PAT_DOTS) {
        cairo_arc(cr, 3, 3, 1.3, 0, 6.283185307179586);
        cairo_fill(cr);
    } else {
        cairo_set_line_width(cr, 1.2);
        if (f->pattern != PAT_BACK) {
            cairo_move_to(cr, 0, 6), cairo_line_to(cr, 6, 0);
            cairo_move_to(cr, -1.5, 1.5), cairo_line_to(cr, 1.5, -1.5);
            cairo_move_to(cr, 4.5, 7.5), cairo_line_to(cr, 7.5, 4.5);
        }
        if (f->pattern != PAT_HATCH) {
            cairo_move_to(cr, 0, 0), cairo_line_to(cr, 6, 6);
            cairo_move_to(cr, -1.5, 4.5), cairo_line_to(cr, 1.5, 7.5);
            cairo_move_to(cr, 4.5, -1.5), cairo_line_to(cr, 7.5, 1.5);
        }
        cairo_stroke(cr);
    }
    cairo_destroy(cr);
    cairo_pattern_t *p = cairo_pattern_create_for_surface(rec);
    cairo_surface_destroy(rec);
    cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT);
    return p;
}

/* Fill the current path with a fill (and its outline), keeping the path. */
static void fill_path(cairo_t *cr, const chart_fill *f)
{
    if (f->pattern == PAT_NONE) {
        rgb(cr, f->colour);
    } else {
        cairo_pattern_t *p = tile(f);
        cairo_set_source(cr, p);
        cairo_pattern_destroy(p);
    }
    cairo_fill_preserve(cr);
    if (f->outline) {
        rgb(cr, f->outline);
        cairo_set_line_width(cr, 1);
        static const double d[] = {4, 2}; /* as chart_svg.c's outline */
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        cairo_set_dash(cr, d, f->dashed_outline ? 2 : 0, 0);
        cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
}

static void mark(cairo_t *cr, const chart_item *it)
{
    double x = it->x, y = it->y, r = it->w;
    switch (it->shape) {
    case SHAPE_CIRCLE: cairo_arc(cr, x, y, r, 0, 6.283185307179586); break;
    case SHAPE_SQUARE: cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r); break;
    case SHAPE_TRIANGLE:
        cairo_move_to(cr, x, y - r);
        cairo_line_to(cr, x + r, y + r * 0.8);
        cairo_line_to(cr, x - r, y + r * 0.8);
        cairo_close_path(cr);
        break;
    default:
        cairo_move_to(cr, x, y - r);
        cairo_line_to(cr, x + r, y);
        cairo_line_to(cr, x, y + r);
        cairo_line_to(cr, x - r, y);
        cairo_close_path(cr);
        break;
    }
    rgb(cr, it->colour);
    cairo_fill_preserve(cr);
    rgb(cr, INK);
    cairo_set_line_width(cr, 1);
    dash(cr, DASH_SOLID);
    cairo_stroke(cr);
}

static void path(cairo_t *cr, const chart_item *it)
{
    for (size_t k = 0; k < it->npts; k++)
        if (k == 0)
            cairo_move_to(cr, it->pts[0], it->pts[1]);
        else
            cairo_line_to(cr, it->pts[2 * k], it->pts[2 * k + 1]);
    if (it->closed)
        cairo_close_path(cr);
}

static void text(cairo_t *cr, const chart_item *it)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           it->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, it->w);
    double x = it->x;
    if (it->anchor != ANCHOR_START) {
        cairo_text_extents_t ext;
        cairo_text_extents(cr, it->text, &ext);
        x -= it->anchor == ANCHOR_MIDDLE ? ext.x_advance / 2 : ext.x_advance;
    }
    rgb(cr, it->colour);
    cairo_move_to(cr, x, it->y);
    cairo_show_text(cr, it->text);
    cairo_new_path(cr);
}

static void draw(cairo_t *cr, const chart *c)
{
    /* Unhinted metrics: text takes the widths the layout measured. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    rgb(cr, PAPER);
    cairo_paint(cr);
    for (size_t i = 0; i < c->n; i++) {
        const chart_item *it = &c->items[i];
        switch (it->kind) {
        case CI_RECT:
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            fill_path(cr, &chart_fills[it->fill]);
            break;
        case CI_LINE:
            cairo_move_to(cr, it->x, it->y);
            cairo_line_to(cr, it->w, it->h);
            rgb(cr, it->colour);
            cairo_set_line_width(cr, it->width);
            dash(cr, it->dash);
            cairo_stroke(cr);
            break;
        case CI_PATH:
            if (it->fill != CS_NONE) {
                path(cr, it);
                fill_path(cr, &chart_fills[it->fill]);
            }
            if (it->width > 0) {
                path(cr, it);
                rgb(cr, it->colour);
                cairo_set_line_width(cr, it->width);
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
                dash(cr, it->dash);
                cairo_stroke(cr);
            }
            cairo_new_path(cr);
            break;
        case CI_MARK: mark(cr, it); break;
        case CI_TEXT: text(cr, it); break;
        default: break;
        }
    }
}

static sc_status failed(cairo_status_t st, const char *what, sc_error *err)
{
    if (st == CAIRO_STATUS_NO_MEMORY)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory drawing the %s chart",
                            what);
    return sc_error_set(err, SC_EIO, NULL, 0, 0, "cannot write the %s chart: %s", what,
                        cairo_status_to_string(st));
}

static sc_status write_png(const chart *c, FILE *fp, sc_error *err)
{
    cairo_surface_t *s = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, (int)(c->width * PNG_SCALE), (int)(c->height * PNG_SCALE));
    cairo_status_t st = cairo_surface_status(s);
    if (st == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, PNG_SCALE, PNG_SCALE);
        draw(cr, c);
        st = cairo_status(cr);
        cairo_destroy(cr);
        if (st == CAIRO_STATUS_SUCCESS)
            st = cairo_surface_write_to_png_stream(s, write_stream, fp);
    }
    cairo_surface_destroy(s);
    if (st == CAIRO_STATUS_SUCCESS && (fflush(fp) != 0 || ferror(fp)))
        st = CAIRO_STATUS_WRITE_ERROR;
    return st == CAIRO_STATUS_SUCCESS ? SC_OK : failed(st, "PNG", err);
}

static sc_status write_pdf(const chart *c, FILE *fp, sc_error *err)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_stream, fp,
                                                             c->width * PDF_SCALE,
                                                             c->height * PDF_SCALE);
    cairo_status_t st = cairo_surface_status(s);
    if (st == CAIRO_STATUS_SUCCESS) {
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
        /* No creation date (an empty one leaves it out): the same bytes each run. */
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, c->title ? c->title : "");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "stemcost");
#endif
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, PDF_SCALE, PDF_SCALE);
        draw(cr, c);
        cairo_show_page(cr);
        st = cairo_status(cr);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        if (st == CAIRO_STATUS_SUCCESS)
            st = cairo_surface_status(s);
    }
    cairo_surface_destroy(s);
    if (st == CAIRO_STATUS_SUCCESS && (fflush(fp) != 0 || ferror(fp)))
        st = CAIRO_STATUS_WRITE_ERROR;
    return st == CAIRO_STATUS_SUCCESS ? SC_OK : failed(st, "PDF", err);
}

sc_status chart_write_cairo(const chart *c, FILE *fp, sc_chart_format fmt, sc_error *err)
{
    return fmt == SC_CHART_PDF ? write_pdf(c, fp, err) : write_png(c, fp, err);
}

void sc_chart_release_fonts(void)
{
    /* As sc_quote_release_fonts: cairo's static data, then fontconfig's. */
    cairo_debug_reset_static_data();
    FcFini();
}
