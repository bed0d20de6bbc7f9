/* HTML pieces every page shares: the one escaping function, query links, the
 * page frame, and the static style sheet and script (served by the program
 * itself: no request ever leaves the machine). */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_internal.h"
#include "markup_escape.h"
#include "stemcost/output.h"

/* ---- lines: pieces gathered, then one fwrite ------------------------------------ */

void sc_html_line_init(sc_html_line *l, FILE *fp)
{
    l->fp = fp;
    l->n = 0;
}

void sc_html_line_flush(sc_html_line *l)
{
    if (l->n > 0)
        fwrite(l->buf, 1, l->n, l->fp);
    l->n = 0;
}

void sc_html_put(sc_html_line *l, const char *s, size_t n)
{
    if (l->n + n > sizeof l->buf) {
        sc_html_line_flush(l);
        if (n > sizeof l->buf) {
            fwrite(s, 1, n, l->fp);
            return;
        }
    }
    memcpy(l->buf + l->n, s, n);
    l->n += n;
}

void sc_html_puts(sc_html_line *l, const char *s)
{
    sc_html_put(l, s, strlen(s));
}

void sc_html_put_escaped(sc_html_line *l, const char *s)
{
    if (s == NULL)
        return;
    /* Runs of ordinary bytes are copied whole (pages are mostly text). */
    for (;;) {
        size_t run = sc_markup_plain_run(s);
        sc_html_put(l, s, run);
        s += run;
        if (*s == '\0')
            return;
        sc_html_puts(l, sc_markup_ref(*s++));
    }
}

void sc_html_put_url(sc_html_line *l, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (s == NULL)
        return;
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~')
            continue;
        char pct[3] = {'%', hex[c >> 4], hex[c & 15]};
        sc_html_put(l, run, (size_t)(s - run));
        sc_html_put(l, pct, 3);
        run = s + 1;
    }
    sc_html_put(l, run, (size_t)(s - run));
}

void sc_html_escape(FILE *fp, const char *s)
{
    sc_html_line l;
    sc_html_line_init(&l, fp);
    sc_html_put_escaped(&l, s);
    sc_html_line_flush(&l);
}

void sc_url_escape(FILE *fp, const char *s)
{
    sc_html_line l;
    sc_html_line_init(&l, fp);
    sc_html_put_url(&l, s);
    sc_html_line_flush(&l);
}

/* ---- links ---------------------------------------------------------------------- */

void sc_html_put_param(sc_html_line *l, int *first, const char *name, const char *value)
{
    if (value == NULL)
        return;
    if (!*first)
        SC_HTML_LIT(l, "&amp;");
    *first = 0;
    sc_html_puts(l, name); /* field names are plain ASCII identifiers */
    SC_HTML_LIT(l, "=");
    sc_html_put_url(l, value);
}

void sc_html_put_scenario_params(sc_html_line *l, int *first, const sc_scenario *s,
                                 unsigned skip)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < SC_SCENARIO_NFIELDS; i++) {
        if (skip & (1u << i))
            continue;
        sc_html_put_param(l, first, sc_scenario_fields[i], sc_scenario_get_index(s, i));
    }
}

void sc_html_param(FILE *fp, int *first, const char *name, const char *value)
{
    sc_html_line l;
    sc_html_line_init(&l, fp);
    sc_html_put_param(&l, first, name, value);
    sc_html_line_flush(&l);
}

void sc_html_scenario_params(FILE *fp, int *first, const sc_scenario *s, unsigned skip)
{
    sc_html_line l;
    sc_html_line_init(&l, fp);
    sc_html_put_scenario_params(&l, first, s, skip);
    sc_html_line_flush(&l);
}

void sc_html_query_params(FILE *fp, int *first, const sc_html_query *q, unsigned skip)
{
    sc_html_line l;
    sc_html_line_init(&l, fp);
    sc_html_put_scenario_params(&l, first, q->scenario, skip);
    sc_html_put_param(&l, first, "countries", q->countries);
    sc_html_put_param(&l, first, "tiers", q->tiers);
    sc_html_put_param(&l, first, "plan", q->plan);
    sc_html_put_param(&l, first, "today", q->today);
    sc_html_line_flush(&l);
}

/* ---- values --------------------------------------------------------------------- */

void sc_html_int(FILE *fp, long long v)
{
    char b[24];
    int n = (int)sizeof b;
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        b[--n] = (char)('0' + m % 10);
        m /= 10;
    } while (m > 0);
    if (v < 0)
        b[--n] = '-';
    fwrite(b + n, 1, sizeof b - (size_t)n, fp);
}

void sc_html_put_money(sc_html_line *l, int64_t amount, const sc_currency *c)
{
    char b[64];
    sc_html_put_escaped(l, sc_money_format_display(amount, c, b, sizeof b));
}

void sc_html_money(FILE *fp, int64_t amount, const sc_currency *c)
{
    sc_html_line l;
    sc_html_line_init(&l, fp);
    sc_html_put_money(&l, amount, c);
    sc_html_line_flush(&l);
}

void sc_html_range(FILE *fp, const sc_range *r, const sc_currency *c)
{
    sc_html_money(fp, r->low, c);
    fputs(" to ", fp);
    sc_html_money(fp, r->high, c);
}

const char *sc_html_pct(int64_t hundredths, char *buf, size_t n)
{
    return sc_decimal_format(hundredths, SC_PCT_DECIMALS, 1, buf, n);
}

/* ---- the frame ------------------------------------------------------------------ */

void sc_html_begin(FILE *fp, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n<title>",
          fp);
    sc_html_escape(fp, title);
    fputs(" - stemcost</title>\n"
          "<link rel=\"stylesheet\" href=\"/static/stemcost.css\">\n"
          "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">\n"
          "<script src=\"/static/stemcost.js\" defer></script>\n"
          "</head>\n<body>\n"
          "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
          "<header class=\"site\"><p class=\"brand\"><a href=\"/\">stemcost</a></p>"
          "<p class=\"tagline\">What stem cell therapy for chronic pain costs you, all in. "
          "Runs on your own computer: nothing you type leaves it.</p></header>\n"
          "<main id=\"main\">\n",
          fp);
}

void sc_html_end(FILE *fp)
{
    fputs("</main>\n<footer class=\"site\"><p>An estimate from published prices, not a bill, "
          "and not medical, legal or financial advice. Every figure names its source; "
          "ask the clinic for a written quote.</p></footer>\n</body>\n</html>\n",
          fp);
}

void sc_html_message_page(FILE *fp, const char *title, const char *text)
{
    sc_html_begin(fp, title);
    fputs("<h1>", fp);
    sc_html_escape(fp, title);
    fputs("</h1>\n<p>", fp);
    sc_html_escape(fp, text);
    fputs("</p>\n<p><a href=\"/\">Start again from the form</a></p>\n", fp);
    sc_html_end(fp);
}

/* ---- the form's pieces ---------------------------------------------------------- */

void sc_html_field_error(FILE *fp, const char *field, const sc_error *err)
{
    if (err == NULL || strcmp(err->field, field) != 0)
        return;
    fprintf(fp, "<p class=\"error\" id=\"%s-error\"><span class=\"visually-hidden\">Error: "
                "</span>",
            field);
    sc_html_escape(fp, err->msg);
    fputs("</p>\n", fp);
}

void sc_html_field_attrs(FILE *fp, const char *field, const char *hint, const sc_error *err)
{
    int bad = err != NULL && strcmp(err->field, field) == 0;
    fprintf(fp, " id=\"f-%s\" name=\"%s\"", field, field);
    if (bad)
        fputs(" aria-invalid=\"true\"", fp);
    if (hint != NULL || bad) {
        fputs(" aria-describedby=\"", fp);
        if (hint != NULL)
            fprintf(fp, "%s-hint", field);
        if (bad)
            fprintf(fp, "%s%s-error", hint != NULL ? " " : "", field);
        fputc('"', fp);
    }
}

void sc_html_text_field(FILE *fp, const char *field, const char *label, const char *hint,
                        const char *value, const char *inputmode, const sc_error *err)
{
    int bad = err != NULL && strcmp(err->field, field) == 0;
    fprintf(fp, "<div class=\"field%s\">\n<label for=\"f-%s\">", bad ? " invalid" : "", field);
    sc_html_escape(fp, label);
    fputs("</label>\n", fp);
    if (hint != NULL) {
        fprintf(fp, "<p class=\"hint\" id=\"%s-hint\">", field);
        sc_html_escape(fp, hint);
        fputs("</p>\n", fp);
    }
    sc_html_field_error(fp, field, err);
    fputs("<input type=\"text\"", fp);
    sc_html_field_attrs(fp, field, hint, err);
    if (inputmode != NULL)
        fprintf(fp, " inputmode=\"%s\"", inputmode);
    fputs(" autocomplete=\"off\" value=\"", fp);
    sc_html_escape(fp, value);
    fputs("\">\n</div>\n", fp);
}

void sc_html_option(FILE *fp, const char *value, const char *text, const char *current)
{
    fputs("<option value=\"", fp);
    sc_html_escape(fp, value);
    fputc('"', fp);
    if (current != NULL && strcasecmp(current, value) == 0)
        fputs(" selected", fp);
    fputc('>', fp);
    sc_html_escape(fp, text);
    fputs("</option>\n", fp);
}

/* Is `id` one of the comma-separated `list` (case-insensitive)? */
int sc_html_in_list(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; p != NULL && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncasecmp(p, id, n) == 0)
            return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

void sc_html_error_summary(FILE *fp, const sc_error *err, const char *label)
{
    if (err == NULL)
        return;
    fputs("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"problem\">\n"
          "<h2>Please check your answers</h2>\n<p>",
          fp);
    if (label != NULL) {
        fputs("<a href=\"#f-", fp);
        sc_html_escape(fp, err->field);
        fputs("\">", fp);
        sc_html_escape(fp, label);
        fputs("</a>: ", fp);
    } else if (err->field[0] != '\0') {
        sc_html_escape(fp, err->field);
        fputs(": ", fp);
    }
    sc_html_escape(fp, err->msg);
    fputs("</p>\n</div>\n", fp);
}

/* ---- static files --------------------------------------------------------------- */

/* Colours: text #1b1b1b and links #0b4f9c on white, 15:1 and 8:1; the error
 * red #a4161a on white, 7.5:1; muted text #4a4a4a, 9:1 (WCAG 2.1 AA asks 4.5:1). */
static const char css[] =
    ":root{--ink:#1b1b1b;--muted:#4a4a4a;--link:#0b4f9c;--line:#c8c8c8;--bad:#a4161a;"
    "--warn-bg:#fff4d6;--warn:#7a4d00;--ok-bg:#eef5ee;--focus:#ffbf47}\n"
    "*{box-sizing:border-box}\n"
    "html{font-size:100%}\n"
    "body{margin:0 auto;max-width:82rem;padding:0 1rem 2rem;font-family:system-ui,\"DejaVu Sans\","
    "Arial,sans-serif;line-height:1.5;color:var(--ink);background:#fff}\n"
    "a{color:var(--link)}\n"
    "a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,"
    "summary:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--ink);"
    "box-shadow:0 0 0 6px var(--focus);outline-offset:2px}\n"
    ".skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:1rem;background:#fff;"
    "padding:.5rem;z-index:1}\n"
    ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}\n"
    "header.site{border-bottom:3px solid var(--ink);margin-bottom:1.5rem;padding:.75rem 0}\n"
    "header.site p{margin:0}.brand a{font-weight:700;font-size:1.4rem;text-decoration:none;"
    "color:var(--ink)}.tagline{color:var(--muted)}\n"
    "footer.site{margin-top:3rem;border-top:1px solid var(--line);color:var(--muted);"
    "font-size:.9rem}\n"
    "h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}h2{font-size:1.3rem;"
    "margin:2rem 0 .5rem}\n"
    "fieldset{border:1px solid var(--line);margin:0 0 1.25rem;padding:.75rem 1rem}\n"
    "legend{font-weight:700;font-size:1.1rem;padding:0 .25rem}\n"
    ".field{margin:0 0 1rem}label{display:block;font-weight:600}\n"
    ".choice{display:grid;grid-template-columns:2rem 1fr;align-items:start;margin:.4rem 0}\n"
    ".choice input{grid-row:1/span 2;margin:.15rem 0 0}\n"
    ".choice label{font-weight:400;grid-column:2}.choice .hint{grid-column:2;margin:0}\n"
    "th small{font-weight:400}\n"
    ".hint{color:var(--muted);margin:.1rem 0 .3rem;font-size:.95rem}\n"
    "input[type=text],select{font:inherit;padding:.4rem .5rem;border:2px solid var(--ink);"
    "border-radius:0;width:100%;max-width:24rem;background:#fff;color:var(--ink)}\n"
    "input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem;margin:0 .5rem 0 0;"
    "vertical-align:middle}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:0 1.5rem}\n"
    "button{font:inherit;font-weight:700;padding:.6rem 1.4rem;border:0;background:#00703c;"
    "color:#fff;cursor:pointer}\n"
    ".invalid input,.invalid select{border-color:var(--bad);border-width:3px}\n"
    ".invalid{border-left:5px solid var(--bad);padding-left:.75rem}\n"
    ".error{color:var(--bad);font-weight:700;margin:.2rem 0}\n"
    ".error-summary{border:4px solid var(--bad);padding:.5rem 1rem;margin:0 0 1.5rem}\n"
    ".error-summary h2{margin:.25rem 0}\n"
    ".warning{background:var(--warn-bg);border-left:6px solid var(--warn);padding:.5rem 1rem;"
    "margin:.5rem 0}\n"
    ".lede{font-size:1.15rem}\n"
    ".total{font-size:1.3rem;background:var(--ok-bg);padding:.75rem 1rem}\n"
    ".table-wrap{overflow-x:auto;margin:.5rem 0 1rem}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "caption{text-align:left;font-weight:700;padding:.25rem 0}\n"
    "th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;"
    "vertical-align:top}\n"
    "thead th{border-bottom:2px solid var(--ink)}\n"
    "td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "tr.sum td,tr.sum th{font-weight:700;border-top:2px solid var(--ink)}\n"
    ".saves{color:#00603a;font-weight:600}.dearer{color:var(--bad)}\n"
    "td.saving .amount{white-space:nowrap}td.saving .pct{display:block}\n"
    "th.option{min-width:8rem;font-weight:600}\n"
    "table.compare{font-size:.92rem}table.compare th,table.compare td{padding:.35rem .4rem}\n"
    ".status{white-space:nowrap}\n"
    ".chart{margin:1rem 0}.chart svg{max-width:100%;height:auto}\n"
    ".links a{margin-right:1.25rem}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\n"
    "dl.facts dt{font-weight:600}dl.facts dd{margin:0}\n"
    "@media (max-width:40rem){\n"
    " body{padding:0 .6rem 1rem}h1{font-size:1.4rem}fieldset{padding:.5rem .6rem}\n"
    " table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0)}\n"
    " table.cards tr{display:block;border:1px solid var(--line);margin:0 0 .75rem;"
    "padding:.25rem .5rem}\n"
    " table.cards td,table.cards th{display:flex;justify-content:space-between;gap:1rem;"
    "border:0;padding:.2rem 0;text-align:right;white-space:normal}\n"
    " table.cards td::before,table.cards th::before{content:attr(data-label);font-weight:600;"
    "text-align:left}\n"
    " table.cards td:empty{display:none}\n"
    " td.saving .pct{display:inline}\n"
    "}\n"
    "@media print{\n"
    " header.site .tagline,.skip,form,.links,.no-print{display:none}\n"
    " body{max-width:none;font-size:10pt;padding:0}\n"
    " a{color:var(--ink);text-decoration:none}\n"
    " .table-wrap{overflow:visible}\n"
    " tr,.warning{break-inside:avoid}h2{break-after:avoid}\n"
    " .total{background:none;border:1px solid var(--ink)}\n"
    "}\n";

/* Only an improvement: blank fields are left out of the address so it stays
 * short to bookmark or send; the pages work the same without it. */
static const char js[] =
    "\"use strict\";\n"
    "document.addEventListener(\"submit\", function (e) {\n"
    "  var f = e.target;\n"
    "  for (var i = 0; i < f.elements.length; i++) {\n"
    "    var el = f.elements[i];\n"
    "    if (el.name && (el.tagName === \"INPUT\" && el.type === \"text\" ||\n"
    "                    el.tagName === \"SELECT\") && el.value === \"\")\n"
    "      el.disabled = true;\n"
    "  }\n"
    "});\n"
    "window.addEventListener(\"pageshow\", function () {\n"
    "  var els = document.querySelectorAll(\"input:disabled, select:disabled\");\n"
    "  for (var i = 0; i < els.length; i++) els[i].disabled = false;\n"
    "  var p = document.getElementById(\"problem\");\n"
    "  if (p) p.focus();\n"
    "});\n";

/* A plain mark for the browser's tab (it asks for one on every page). */
static const char icon[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
    "<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#00703c\"/>"
    "<path d=\"M4 8h8M8 4v8\" stroke=\"#fff\" stroke-width=\"2.5\"/></svg>\n";

const char *sc_html_asset(const char *name, const char **media_type, size_t *length)
{
    if (strcmp(name, "icon.svg") == 0) {
        *media_type = "image/svg+xml";
        *length = sizeof icon - 1;
        return icon;
    }
    if (strcmp(name, "stemcost.css") == 0) {
        *media_type = "text/css; charset=utf-8";
        *length = sizeof css - 1;
        return css;
    }
    if (strcmp(name, "stemcost.js") == 0) {
        *media_type = "text/javascript; charset=utf-8";
        *length = sizeof js - 1;
        return js;
    }
    return NULL;
}

void sc_html_chart(FILE *fp, sc_html_draw draw, const void *a, const void *b)
{
    sc_chart_text svg;
    sc_status st = draw(&svg, a, b, NULL);
    if (st == SC_ENOMEM) {
        sc_output_fail(fp); /* the page is incomplete: a 500, as any page out of memory */
        return;
    }
    if (st != SC_OK) {
        fputs("<p class=\"hint\">The chart cannot be drawn for this many options; the table "
              "below has every figure.</p>", fp);
        return;
    }
    fwrite(svg.data, 1, svg.len, fp);
    free(svg.data);
}
