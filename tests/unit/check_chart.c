/* Charts: formats, scales, labels, text widths, escaping, errors, and the
 * geometry of stacked bars and running totals.  Expected values are worked
 * out by hand in the comments; text widths are measured again from the
 * installed DejaVu Sans through cairo.  Positions against hand-computed
 * figures through the axis are checked on real SVG in tests/cli/chart.sh. */
#include <config.h>

#include <cairo.h>
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "stemcost/chart.h"
#include "stemcost/compare.h"
#include "stemcost/finance.h"

static sc_pricing *builtin;

static void load(void)
{
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_builtin(&builtin, &d), SC_OK);
    sc_diags_free(&d);
}

static void unload(void)
{
    sc_pricing_free(builtin);
}

START_TEST(test_format_from_path)
{
    ck_assert_int_eq(sc_chart_format_from_path("out.svg"), SC_CHART_SVG);
    ck_assert_int_eq(sc_chart_format_from_path("dir/Out.PNG"), SC_CHART_PNG);
    ck_assert_int_eq(sc_chart_format_from_path("a.b.pdf"), SC_CHART_PDF);
    ck_assert_int_eq(sc_chart_format_from_path("out.svgz"), -1);
    ck_assert_int_eq(sc_chart_format_from_path("out"), -1);
    ck_assert_int_eq(sc_chart_format_from_path(".svg"), -1);
    ck_assert_int_eq(sc_chart_format_from_path("dir/.svg"), -1);
    ck_assert_int_eq(sc_chart_format_from_path("dir.svg/out"), -1);
    ck_assert_int_eq(sc_chart_format_from_path(""), -1);
    ck_assert_int_eq(sc_chart_format_from_path(NULL), -1);
}
END_TEST

#define ck_nice(lo, hi, unit, ticks, from, to, by)    \
    do {                                              \
        chart_scale s_;                               \
        chart_nice((lo), (hi), (unit), (ticks), &s_); \
        ck_assert_int_eq(s_.d0, (from));              \
        ck_assert_int_eq(s_.d1, (to));                \
        ck_assert_int_eq(s_.step, (by));              \
    } while (0)

START_TEST(test_nice_scales)
{
    /* $0 to $5,077.06 in cents, whole dollars, at most 6 intervals: $1 ... $500
     * steps need 5,078 to 11 intervals; $1,000 needs 6 (0 to 6,000). */
    ck_nice(0, 507706, 100, 6, 0, 600000, 100000);
    /* Counts 0 to 4,371, at most 4: 1,000 needs 5; 2,000 needs 3 (0 to 6,000). */
    ck_nice(0, 4371, 1, 4, 0, 6000, 2000);
    /* 2.5 when it stays whole: 0 to 9,000, at most 4: 1,000 (9), 2,000 (5),
     * 2,500 (4: 0 to 10,000). */
    ck_nice(0, 9000, 1, 4, 0, 10000, 2500);
    /* ...but never $2.50 ticks in cents: 0 to $9 at most 4 intervals takes
     * $1 (9), $2 (5), not $2.50 (250 cents is not whole dollars), $5 (2). */
    ck_nice(0, 900, 100, 4, 0, 1000, 500);
    /* Away from zero: 2,517 to 15,854, at most 6: 1,000 (2,000-16,000: 14),
     * 2,000 (7), 2,500 (2,500-17,500: 6). */
    ck_nice(2517, 15854, 1, 6, 2500, 17500, 2500);
    /* JPY, no minor unit: 0 to 948,000, at most 5: 100,000 (10), 200,000 (5). */
    ck_nice(0, 948000, 1, 5, 0, 1000000, 200000);
    /* Nothing to show still makes an axis: one step. */
    ck_nice(0, 0, 100, 5, 0, 100, 100);
}
END_TEST

START_TEST(test_labels)
{
    char b[64];
    const sc_currency *usd = sc_currency_find("USD"), *jpy = sc_currency_find("JPY"),
                      *inr = sc_currency_find("INR");
    ck_assert_str_eq(chart_money(500000, usd, 1, b, sizeof b), "$5,000");
    ck_assert_str_eq(chart_money(500000, usd, 0, b, sizeof b), "$5,000.00");
    ck_assert_str_eq(chart_money(500050, usd, 1, b, sizeof b), "$5,000.50");
    ck_assert_str_eq(chart_money(948000, jpy, 1, b, sizeof b), "\xC2\xA5" "948,000");
    ck_assert_str_eq(chart_money(12500000, inr, 1, b, sizeof b), "\xE2\x82\xB9" "1,25,000");
    ck_assert_str_eq(chart_pct(7205, b, sizeof b), "72.05 %");
    ck_assert_str_eq(chart_pct(10000, b, sizeof b), "100 %");
    ck_assert_str_eq(chart_pct(250, b, sizeof b), "2.5 %");
    ck_assert_str_eq(chart_count(10000, b, sizeof b), "10,000");
    ck_assert_str_eq(chart_count(999, b, sizeof b), "999");
    ck_assert_str_eq(chart_count(1234567, b, sizeof b), "1,234,567");
}
END_TEST

/* The width table against the font itself: cairo's unhinted advance of the
 * installed DejaVu Sans at 2048 px is the advance in font units. */
START_TEST(test_text_widths_match_the_font)
{
    static const char *const samples[] = {
        "Bone marrow aspirate concentrate (same day)", "$1,234,567.89 \xE2\x82\xAC\xC2\xA5\xE2\x82\xB9",
        "Knee osteoarthritis \xC2\xB7 GO\xC3\x84 \xC3\xBC\xC3\xA9 \xE2\x80\xA6 \xC3\x97",
        "WMQ@%&|/_{}[]~^`"};
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
    cairo_t *cr = cairo_create(s);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    for (int bold = 0; bold <= 1; bold++) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 2048);
        for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
            cairo_text_extents_t e;
            cairo_text_extents(cr, samples[i], &e);
            double mine = chart_text_width(samples[i], 2048, bold);
            ck_assert_msg(fabs(mine - e.x_advance) < 0.5 * strlen(samples[i]),
                          "'%s' %s: table %.1f, font %.1f", samples[i], bold ? "bold" : "book",
                          mine, e.x_advance);
        }
    }
    cairo_font_options_destroy(fo);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    sc_chart_release_fonts(); /* the test's process ends: leave nothing to leak checkers */
    /* 12.5 px of "$0" is (1303 + 1303) x 12.5 / 2048 = 15.90 px. */
    ck_assert(fabs(chart_text_width("$0", 12.5, 0) - 2606 * 12.5 / 2048) < 1e-9);
}
END_TEST

static char *render(const chart *c, sc_chart_format fmt, size_t *len)
{
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);
    ck_assert_ptr_nonnull(fp);
    sc_error e;
    ck_assert_msg(chart_render(c, fp, fmt, &e) == SC_OK, "%s", e.msg);
    fclose(fp);
    return buf;
}

START_TEST(test_svg_text_is_escaped_and_clean)
{
    chart c;
    chart_init(&c, "compare", NULL);
    chart_text(&c, NULL, 1, 2, 12, 0, ANCHOR_START, INK, "<script>alert('x')</script> & \"q\"");
    chart_text(&c, NULL, 1, 2, 12, 0, ANCHOR_START, INK, "bad \xFF\xC3 byte\x01tab\tend");
    chart_text(&c, NULL, 1, 2, 12, 0, ANCHOR_START, INK, "surrogate \xED\xA0\x80 overlong \xC0\xAF");
    chart_group(&c, "row", "Clinic \"A\" <b>");
    chart_end(&c);
    chart_set_title(&c, "T < U", "D & E");
    c.height = 10;
    size_t len;
    char *svg = render(&c, SC_CHART_SVG, &len);
    ck_assert_ptr_nonnull(strstr(svg, ">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                      "&quot;q&quot;</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">bad \xEF\xBF\xBD\xEF\xBF\xBD byte tab end</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD overlong "
                                      "\xEF\xBF\xBD\xEF\xBF\xBD</text>"));
    ck_assert_ptr_nonnull(strstr(svg, "data-label=\"Clinic &quot;A&quot; &lt;b&gt;\""));
    ck_assert_ptr_nonnull(strstr(svg, "<title id=\"sc-compare-title\">T &lt; U</title>"));
    ck_assert_ptr_null(strstr(svg, "<script"));
    ck_assert_ptr_null(strstr(svg, "\xFF"));
    free(svg);
    chart_free(&c);
}
END_TEST

START_TEST(test_svg_numbers_round_to_hundredths)
{
    chart c;
    chart_init(&c, "estimate", NULL);
    chart_rect(&c, "r", 0.004, 1.005, 12.3456, -3, CS_LAWFUL);
    chart_line(&c, NULL, -0.004, 2.5, 100, 7.25, INK, 1, DASH_SOLID);
    c.height = 20;
    size_t len;
    char *svg = render(&c, SC_CHART_SVG, &len);
    /* 0.004 -> 0, 1.005 -> 1 or 1.01 (binary 1.005 is just below), 12.3456 ->
     * 12.35, a negative height -> 0; -0.004 -> 0, never "-0". */
    ck_assert_msg(strstr(svg, "<rect class=\"r\" x=\"0\" y=\"1\" width=\"12.35\" height=\"0\"") ||
                      strstr(svg, "<rect class=\"r\" x=\"0\" y=\"1.01\" width=\"12.35\" height=\"0\""),
                  "%s", svg);
    ck_assert_ptr_nonnull(strstr(svg, "x1=\"0\" y1=\"2.5\" x2=\"100\" y2=\"7.25\""));
    ck_assert_ptr_nonnull(strstr(svg, "width=\"640\" height=\"20\" viewBox=\"0 0 640 20\""));
    free(svg);
    chart_free(&c);
}
END_TEST

static sc_status estimate_of(const char *country, const char *home, const char *insurance,
                             const char *contingency, sc_estimate_result *r)
{
    sc_scenario s;
    sc_error e;
    memset(&s, 0, sizeof s);
    s.procedure = "bmac";
    s.condition = "knee-oa";
    s.country = country;
    s.home = home;
    s.insurance = insurance;
    s.contingency = contingency;
    s.sites = "2";
    s.today = "2026-11-24";
    sc_status st = sc_estimate(builtin, &s, r, &e);
    ck_assert_msg(st == SC_OK, "%s", e.msg);
    return st;
}

/* The right end of the last rect of group `cls` (the stacked bar's end). */
static double bar_end(const chart *c, const char *cls, size_t *segments)
{
    double end = -1;
    int in = 0;
    *segments = 0;
    for (size_t i = 0; i < c->n; i++) {
        const chart_item *it = &c->items[i];
        if (it->kind == CI_GROUP)
            in = it->cls && strcmp(it->cls, cls) == 0;
        else if (it->kind == CI_END)
            in = 0;
        else if (in && it->kind == CI_RECT && strcmp(it->cls, "segment") == 0) {
            ck_assert_msg(end < 0 || fabs(it->x - end) < 1e-9, "segments do not touch");
            end = it->x + it->w;
            (*segments)++;
        }
    }
    return end;
}

/* A money tick label read as people read it: "$12,500" -> 1250000 cents. */
static int64_t label_value(const char *text, const sc_currency *cur)
{
    int64_t v = 0;
    for (const char *p = text; *p; p++)
        if (*p >= '0' && *p <= '9')
            v = v * 10 + (*p - '0');
    for (int i = 0; i < cur->digits; i++)
        v *= 10;
    return v;
}

/* The horizontal axis's scale, read back from its first two tick labels. */
static chart_scale axis_of(const chart *c, const sc_currency *cur)
{
    chart_scale s = {0, 0, 0, 0, 0};
    int found = 0;
    for (size_t i = 0; i + 3 < c->n && found < 2; i++) {
        const chart_item *g = &c->items[i];
        if (g->kind != CI_GROUP || g->cls == NULL || strcmp(g->cls, "tick") != 0)
            continue;
        const chart_item *line = &c->items[i + 1], *text = &c->items[i + 3];
        ck_assert_int_eq(text->kind, CI_TEXT);
        if (found++ == 0)
            s.d0 = label_value(text->text, cur), s.p0 = line->x;
        else
            s.d1 = label_value(text->text, cur), s.p1 = line->x;
    }
    ck_assert_int_eq(found, 2);
    return s;
}

START_TEST(test_stacked_bars_reach_the_totals)
{
    /* The patient's bar is the lines' widths less what the plan pays of each,
     * then tax, travel and contingency: its end must be the out of pocket on
     * the axis, and the insurer's bar must end at what the plan pays. */
    static const struct {
        const char *country, *home, *insurance, *contingency;
    } cases[] = {{"US", "US", "us-ppo", "10"}, {"JP", "US", NULL, "5"}, {"IN", "US", NULL, NULL}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sc_estimate_result r;
        estimate_of(cases[k].country, cases[k].home, cases[k].insurance, cases[k].contingency, &r);
        chart c;
        sc_error e;
        chart_init(&c, "estimate", NULL);
        ck_assert_int_eq(chart_build_estimate(&c, &r, &e), SC_OK);
        chart_scale s = axis_of(&c, r.currency);
        size_t n;
        double end = bar_end(&c, "bar patient", &n);
        ck_assert_msg(fabs(end - chart_px(&s, r.out_of_pocket.typical)) < 1e-6,
                      "%s: the bar ends at %f, the out of pocket is at %f", cases[k].country, end,
                      chart_px(&s, r.out_of_pocket.typical));
        ck_assert_uint_gt(n, 3);
        if (r.insurance_pays.typical > 0) {
            end = bar_end(&c, "bar insurance", &n);
            ck_assert(fabs(end - chart_px(&s, r.insurance_pays.typical)) < 1e-6);
        } else {
            ck_assert(bar_end(&c, "bar insurance", &n) < 0);
        }
        chart_free(&c);
        sc_estimate_result_free(&r);
    }
}
END_TEST

START_TEST(test_interest_line_reaches_the_total)
{
    /* Interest paid so far is drawn by stacking each payment's interest in
     * pixels: its last point must sit on the schedule's total interest. */
    sc_finance_request q;
    memset(&q, 0, sizeof q);
    q.amount = "12000";
    q.plan = "fixed-60";
    q.start = "2026-01-15";
    q.today = "2026-01-15";
    sc_finance_result r;
    sc_error e;
    ck_assert_int_eq(sc_finance_run(builtin, &q, &r, &e), SC_OK);
    chart c;
    chart_init(&c, "finance", NULL);
    ck_assert_int_eq(chart_build_finance(&c, &r, &e), SC_OK);
    const chart_item *interest = NULL, *balance = NULL;
    chart_scale y = {0, 0, 0, 0, 0};
    int ticks = 0;
    for (size_t i = 0; i < c.n; i++) {
        const chart_item *it = &c.items[i];
        if (it->kind == CI_PATH && strcmp(it->cls, "interest") == 0)
            interest = it;
        if (it->kind == CI_PATH && strcmp(it->cls, "balance") == 0)
            balance = it;
        /* the y axis (horizontal gridlines): its first two ticks */
        if (it->kind == CI_GROUP && it->cls && strcmp(it->cls, "tick") == 0 && ticks < 2 &&
            c.items[i + 1].kind == CI_LINE && c.items[i + 1].y == c.items[i + 1].h) {
            const sc_currency *usd = sc_currency_find("USD");
            if (ticks++ == 0)
                y.p0 = c.items[i + 1].y, y.d0 = label_value(c.items[i + 2].text, usd);
            else
                y.p1 = c.items[i + 1].y, y.d1 = label_value(c.items[i + 2].text, usd);
        }
    }
    ck_assert_ptr_nonnull(interest);
    ck_assert_ptr_nonnull(balance);
    ck_assert_int_eq(ticks, 2);
    const sc_schedule *s = &r.options[0].schedule;
    ck_assert_int_eq(s->nrows, 60);
    ck_assert_uint_eq(interest->npts, 61);
    ck_assert_uint_eq(balance->npts, 61);
    /* The axis: 0 to $12,000 (the loan; the interest is less) in at most 5
     * steps: $1,000 needs 12, $2,000 needs 6, $2,500 needs 5: $0, $2,500, ... */
    ck_assert_int_eq(y.d0, 0);
    ck_assert_int_eq(y.d1, 250000);
    ck_assert(fabs(interest->pts[2 * 60 + 1] - chart_px(&y, s->total_interest)) < 1e-6);
    ck_assert(fabs(balance->pts[1] - chart_px(&y, 1200000)) < 1e-6);
    ck_assert(fabs(balance->pts[2 * 60 + 1] - chart_px(&y, 0)) < 1e-6);
    chart_free(&c);
    sc_finance_result_free(&r);
}
END_TEST

START_TEST(test_write_errors_are_errors)
{
    sc_estimate_result r;
    estimate_of("US", "US", NULL, NULL, &r);
    for (int fmt = SC_CHART_SVG; fmt <= SC_CHART_PDF; fmt++) {
        FILE *full = fopen("/dev/full", "w");
        if (full == NULL)
            break; /* not Linux */
        sc_error e;
        ck_assert_int_eq(sc_chart_estimate(full, &r, (sc_chart_format)fmt, NULL, &e), SC_EIO);
        ck_assert_int_eq(sc_chart_estimate(full, &r, (sc_chart_format)fmt, NULL, NULL), SC_EIO);
        fclose(full);
    }
    sc_estimate_result_free(&r);
    sc_chart_release_fonts();
}
END_TEST

START_TEST(test_widths_and_limits)
{
    sc_estimate_result r;
    estimate_of("US", "US", NULL, NULL, &r);
    sc_chart_options narrow = {SC_CHART_MIN_WIDTH}, thin = {SC_CHART_MIN_WIDTH - 1},
                     wide = {SC_CHART_MAX_WIDTH + 1};
    sc_error e;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_int_eq(sc_chart_estimate(fp, &r, SC_CHART_SVG, &thin, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "width");
    ck_assert_int_eq(sc_chart_estimate(fp, &r, SC_CHART_SVG, &wide, NULL), SC_EUSAGE);
    ck_assert_int_eq(sc_chart_estimate(fp, &r, (sc_chart_format)7, NULL, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_chart_estimate(fp, &r, SC_CHART_SVG, &narrow, &e), SC_OK);
    fclose(fp);
    ck_assert_ptr_nonnull(strstr(buf, "width=\"320\""));
    free(buf);
    /* The same result twice: the same bytes. */
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    fp = open_memstream(&a, &la);
    ck_assert_int_eq(sc_chart_estimate(fp, &r, SC_CHART_SVG, NULL, &e), SC_OK);
    fclose(fp);
    fp = open_memstream(&b, &lb);
    ck_assert_int_eq(sc_chart_estimate(fp, &r, SC_CHART_SVG, NULL, &e), SC_OK);
    fclose(fp);
    ck_assert_uint_eq(la, lb);
    ck_assert_int_eq(memcmp(a, b, la), 0);
    free(a);
    free(b);
    sc_estimate_result_free(&r);

    /* More options than a chart holds: refused, nothing drawn. */
    sc_compare_result big;
    memset(&big, 0, sizeof big);
    big.nrows = SC_CHART_MAX_ROWS + 1;
    big.rows = calloc(big.nrows, sizeof *big.rows);
    for (size_t i = 0; i < big.nrows; i++) {
        big.rows[i].priced = 1;
        snprintf(big.rows[i].est.pricing_as_of, sizeof big.rows[i].est.pricing_as_of,
                 "2026-01-01");
    }
    buf = NULL;
    fp = open_memstream(&buf, &len);
    ck_assert_int_eq(sc_chart_compare(fp, &big, SC_CHART_SVG, NULL, &e), SC_ELIMIT);
    ck_assert_str_eq(e.field, "chart");
    fclose(fp);
    ck_assert_uint_eq(len, 0);
    free(buf);
    free(big.rows);
}
END_TEST

START_TEST(test_png_and_pdf)
{
    sc_estimate_result r;
    estimate_of("IN", "US", NULL, "10", &r);
    char *buf = NULL;
    size_t len = 0;
    sc_error e;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_int_eq(sc_chart_estimate(fp, &r, SC_CHART_PNG, NULL, &e), SC_OK);
    fclose(fp);
    /* The PNG signature, then IHDR: the width is 2 x 640. */
    ck_assert_int_eq(memcmp(buf, "\x89PNG\r\n\x1a\n", 8), 0);
    const unsigned char *u = (const unsigned char *)buf;
    ck_assert_uint_eq((unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19], 1280);
    free(buf);
    buf = NULL;
    fp = open_memstream(&buf, &len);
    ck_assert_int_eq(sc_chart_estimate(fp, &r, SC_CHART_PDF, NULL, &e), SC_OK);
    fclose(fp);
    ck_assert_int_eq(memcmp(buf, "%PDF-", 5), 0);
    /* 640 px at 0.75 pt: a 480 pt wide page (16.9 cm, inside A4's margins). */
    ck_assert_ptr_nonnull(memmem(buf, len, "/MediaBox [ 0 0 480 ", 20));
    ck_assert_ptr_null(memmem(buf, len, "/CreationDate", 13));
    free(buf);
    sc_estimate_result_free(&r);
    sc_chart_release_fonts();
}
END_TEST

/* Nothing drawn outside the chart's width: text (by its anchor and measured
 * width), boxes, lines and marks, at a phone's width and the default. */
static void ck_inside(const chart *c, const char *what)
{
    for (size_t i = 0; i < c->n; i++) {
        const chart_item *it = &c->items[i];
        double x0 = 0, x1 = 0;
        switch (it->kind) {
        case CI_TEXT: {
            double w = chart_text_width(it->text, it->w, it->bold);
            x0 = it->anchor == ANCHOR_START ? it->x : it->anchor == ANCHOR_MIDDLE ? it->x - w / 2
                                                                                  : it->x - w;
            x1 = x0 + w;
            break;
        }
        case CI_RECT: x0 = it->x, x1 = it->x + it->w; break;
        case CI_LINE: x0 = fmin(it->x, it->w), x1 = fmax(it->x, it->w); break;
        case CI_MARK: x0 = it->x - it->w, x1 = it->x + it->w; break;
        case CI_PATH:
            x0 = x1 = it->pts[0];
            for (size_t k = 0; k < it->npts; k++)
                x0 = fmin(x0, it->pts[2 * k]), x1 = fmax(x1, it->pts[2 * k]);
            break;
        default: continue;
        }
        ck_assert_msg(x0 >= -0.01 && x1 <= c->width + 0.01,
                      "%s at %.0f px: item %zu ('%s') spans %.2f to %.2f", what, c->width, i,
                      it->text ? it->text : (it->cls ? it->cls : "?"), x0, x1);
    }
    ck_assert(c->height > 100);
}

START_TEST(test_everything_fits_the_width)
{
    static const int widths[] = {SC_CHART_MIN_WIDTH, 360, SC_CHART_NARROW, SC_CHART_WIDTH, 1000};
    sc_estimate_result est, far;
    estimate_of("US", "US", "us-ppo", "10", &est);
    estimate_of("JP", "US", NULL, "5", &far);
    sc_sim_result sim;
    sc_scenario sc;
    memset(&sc, 0, sizeof sc);
    sc.procedure = "bmac", sc.condition = "knee-oa", sc.country = "JP", sc.home = "US";
    sc.sites = "2", sc.contingency = "5", sc.today = "2026-11-24";
    ck_assert_int_eq(sc_simulate(builtin, &sc, 2000, 7, &sim, NULL), SC_OK);
    sc_compare_request q;
    memset(&q, 0, sizeof q);
    q.base = sc;
    q.base.country = NULL;
    sc_compare_result cmp;
    ck_assert_int_eq(sc_compare(builtin, &q, &cmp, NULL), SC_OK);
    sc_finance_request fq;
    memset(&fq, 0, sizeof fq);
    fq.amount = "12000", fq.start = "2026-01-15", fq.today = "2026-01-15";
    sc_finance_result fin[3];
    fq.plan = "promo-24";
    ck_assert_int_eq(sc_finance_run(builtin, &fq, &fin[0], NULL), SC_OK);
    fq.plan = NULL, fq.compare = 1;
    ck_assert_int_eq(sc_finance_run(builtin, &fq, &fin[1], NULL), SC_OK);
    fq.compare = 0, fq.apr = "15.9", fq.months = "36", fq.extra = "150";
    ck_assert_int_eq(sc_finance_run(builtin, &fq, &fin[2], NULL), SC_OK);
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        sc_chart_options o = {widths[w]};
        chart c;
        chart_init(&c, "estimate", &o);
        ck_assert_int_eq(chart_build_estimate(&c, &est, NULL), SC_OK);
        ck_inside(&c, "estimate (insured)");
        chart_free(&c);
        chart_init(&c, "estimate", &o);
        ck_assert_int_eq(chart_build_estimate(&c, &far, NULL), SC_OK);
        ck_inside(&c, "estimate (abroad)");
        chart_free(&c);
        chart_init(&c, "simulate", &o);
        ck_assert_int_eq(chart_build_simulate(&c, &sim, &far, NULL), SC_OK);
        ck_inside(&c, "simulate");
        chart_free(&c);
        chart_init(&c, "compare", &o);
        ck_assert_int_eq(chart_build_compare(&c, &cmp, NULL), SC_OK);
        ck_inside(&c, "compare");
        chart_free(&c);
        for (int k = 0; k < 3; k++) {
            chart_init(&c, "finance", &o);
            ck_assert_int_eq(chart_build_finance(&c, &fin[k], NULL), SC_OK);
            ck_inside(&c, "finance");
            chart_free(&c);
        }
    }
    for (int k = 0; k < 3; k++)
        sc_finance_result_free(&fin[k]);
    sc_compare_result_free(&cmp);
    sc_sim_result_free(&sim);
    sc_estimate_result_free(&far);
    sc_estimate_result_free(&est);
}
END_TEST

static Suite *chart_suite(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("chart");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_add_test(tc, test_format_from_path);
    tcase_add_test(tc, test_nice_scales);
    tcase_add_test(tc, test_labels);
    tcase_add_test(tc, test_text_widths_match_the_font);
    tcase_add_test(tc, test_svg_text_is_escaped_and_clean);
    tcase_add_test(tc, test_svg_numbers_round_to_hundredths);
    tcase_add_test(tc, test_stacked_bars_reach_the_totals);
    tcase_add_test(tc, test_interest_line_reaches_the_total);
    tcase_add_test(tc, test_write_errors_are_errors);
    tcase_add_test(tc, test_widths_and_limits);
    tcase_add_test(tc, test_png_and_pdf);
    tcase_add_test(tc, test_everything_fits_the_width);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(chart_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
