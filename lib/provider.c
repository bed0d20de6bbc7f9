/* The providers and facilities of a quote: provider files, their identifiers
 * (US: NPI and TIN; elsewhere a registration number, in Germany LANR/BSNR). */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/quote.h"
#include "stemcost/table.h"

int sc_npi_valid(const char *npi)
{
    if (npi == NULL || strlen(npi) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (!isdigit((unsigned char)npi[i]))
            return 0;
    /* Luhn over "80840" + the first nine digits (the NPI's issuer prefix, as
     * the CMS NPI check-digit note describes): double every other digit from
     * the right of the 14-digit string, starting with its last. */
    char s[15];
    memcpy(s, "80840", 5);
    memcpy(s + 5, npi, 9);
    int sum = 0;
    for (int i = 13, dbl = 1; i >= 0; i--, dbl = !dbl) {
        int d = s[i] - '0';
        if (dbl) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    int check = (10 - sum % 10) % 10;
    return check == npi[9] - '0';
}

/* `n` digits (n < 32) into buf, with one hyphen allowed after digit
 * `hyphen_at` (0: none); 0 if `t` is not that. */
static int digits(const char *t, size_t n, size_t hyphen_at, char buf[32])
{
    size_t k = 0;
    for (const char *p = t; *p; p++) {
        if (*p == '-' && hyphen_at && k == hyphen_at)
            continue;
        if (!isdigit((unsigned char)*p) || k >= n)
            return 0;
        buf[k++] = *p;
    }
    buf[k] = '\0';
    return k == n;
}

/* Replace *value by its digits (as digits() reads them): 1 if it was such a
 * number; 0 if not (*value is left for the caller's message, then freed by
 * the caller); out of memory is said as such, never as a bad number. */
static int keep_digits(char **value, size_t n, size_t hyphen_at, sc_diags *d, const char *file)
{
    char buf[32], *t;
    if (!digits(*value, n, hyphen_at, buf))
        return 0;
    if ((t = strdup(buf)) == NULL) {
        d->oom = 1;
        sc_diags_addf(d, SC_ENOMEM, file, 0, 0, "out of memory");
        return 1;
    }
    free(*value);
    *value = t;
    return 1;
}

enum { K_NAME, K_ADDRESS, K_PHONE, K_NPI, K_TIN, K_REG, K_REG_LABEL, K_LANR, K_BSNR, K_ROLE,
       K_ITEMS, K_PRICES, NKEYS };
static const char *const keys[NKEYS] = {"name", "address", "phone", "npi", "tin",
                                        "registration", "registration_label", "lanr", "bsnr",
                                        "role", "items", "prices"};

/* The longest value of each key, in bytes of UTF-8.  A quote prints the
 * name, phone and labels inside sentences and headings of fixed size (the
 * name twice in one sentence): bounded here, where the clerk can be told
 * which line to shorten, a value is never cut inside a document (a cut can
 * split a character, and a document of invalid UTF-8 cannot be drawn or
 * reissued).  200 bytes is some 66 CJK characters or 200 Latin ones. */
static const size_t key_max[NKEYS] = {200, 1024, 64, 32, 32, 64, 64, 32, 32, 32, 4096, 4096};

static char **slot(sc_provider *p, int i)
{
    char **s[NKEYS] = {&p->name, &p->address, &p->phone, &p->npi, &p->tin, &p->registration,
                       &p->registration_label, &p->lanr, &p->bsnr, NULL, &p->items,
                       &p->prices};
    return s[i];
}

typedef struct where {
    const char *file;
    long line[NKEYS], col[NKEYS];
    char *role;
} where;

static int given(const sc_provider *p, int k)
{
    char **s = slot((sc_provider *)p, k);
    return s && *s && (*s)[0];
}

static void check(sc_provider *p, const char *country, where *w, sc_diags *d)
{
    const char *file = w->file;
    for (int i = 0; i < NKEYS; i++) {
        char **s = i == K_ROLE ? &w->role : slot(p, i);
        sc_error e;
        if (*s && sc_text_check(*s, keys[i], i == K_ADDRESS, key_max[i], &e) != SC_OK)
            sc_diags_addf(d, SC_EINPUT, file, w->line[i], w->col[i], "the provider's %s: %s",
                          keys[i], e.msg);
    }
    if (d->count > 0)
        return;
    if (p->address) {
        int lines = 1;
        for (const char *a = p->address; *a; a++)
            lines += *a == '\n';
        if (lines > 8)
            sc_diags_addf(d, SC_EINPUT, file, w->line[K_ADDRESS], w->col[K_ADDRESS],
                          "the provider's address has %d lines; at most 8", lines);
    }
    const int required[] = {K_NAME, K_ADDRESS, K_PHONE};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!given(p, required[i]))
            sc_diags_addf(d, SC_EINPUT, file, w->line[required[i]], w->col[required[i]],
                          "the provider's %s is missing", keys[required[i]]);
    int us = strcmp(country, "US") == 0;
    if (us) {
        if (!given(p, K_NPI))
            sc_diags_addf(d, SC_EINPUT, file, w->line[K_NPI], w->col[K_NPI],
                          "the provider's npi is missing (a US Good Faith Estimate needs it)");
        if (!given(p, K_TIN))
            sc_diags_addf(d, SC_EINPUT, file, w->line[K_TIN], w->col[K_TIN],
                          "the provider's tin is missing (a US Good Faith Estimate needs it)");
    } else if (!given(p, K_REG) && !given(p, K_LANR) && !given(p, K_BSNR) && !given(p, K_NPI)) {
        sc_diags_addf(d, SC_EINPUT, file, 0, 0,
                      "the provider has no identifier: give its registration number "
                      "(registration=, with registration_label= saying what it is)%s",
                      strcmp(country, "DE") == 0 ? ", or lanr= / bsnr=" : "");
    }
    if (given(p, K_NPI) && !sc_npi_valid(p->npi))
        sc_diags_addf(d, SC_EINPUT, file, w->line[K_NPI], w->col[K_NPI],
                      "NPI '%s' is not valid (10 digits with a Luhn check digit)", p->npi);
    if (given(p, K_TIN) && !keep_digits(&p->tin, 9, 2, d, file)) {
        sc_diags_addf(d, SC_EINPUT, file, w->line[K_TIN], w->col[K_TIN],
                      "TIN '%s' is not 9 digits (e.g. 12-3456789)", p->tin);
        free(p->tin);
        p->tin = NULL;
    }
    /* LANR: 9 digits (6 for the physician, a check digit, 2 for the specialty);
     * BSNR: 9 digits (KBV); the check digit is not verified here. */
    const int nine[] = {K_LANR, K_BSNR};
    for (int i = 0; i < 2; i++)
        if (given(p, nine[i]) && !keep_digits(slot(p, nine[i]), 9, 0, d, file)) {
            sc_diags_addf(d, SC_EINPUT, file, w->line[nine[i]], w->col[nine[i]],
                          "%s '%s' is not 9 digits", i == 0 ? "LANR" : "BSNR",
                          *slot(p, nine[i]));
            free(*slot(p, nine[i]));
            *slot(p, nine[i]) = NULL;
        }
    p->role = SC_ROLE_CONVENING;
    if (w->role && w->role[0]) {
        if (strcmp(w->role, "co-provider") == 0)
            p->role = SC_ROLE_CO_PROVIDER;
        else if (strcmp(w->role, "co-facility") == 0)
            p->role = SC_ROLE_CO_FACILITY;
        else if (strcmp(w->role, "convening") != 0)
            sc_diags_addf(d, SC_EINPUT, file, w->line[K_ROLE], w->col[K_ROLE],
                          "role '%s' is not one of convening, co-provider, co-facility",
                          w->role);
    }
}

static int set_key(sc_provider *p, where *w, const char *k, const char *v, long line, long col,
                   sc_diags *d)
{
    for (int i = 0; i < NKEYS; i++)
        if (strcmp(k, keys[i]) == 0) {
            char **s = i == K_ROLE ? &w->role : slot(p, i);
            free(*s);
            *s = strdup(v);
            if (*s == NULL) {
                d->oom = 1;
                return -1;
            }
            w->line[i] = line;
            w->col[i] = col;
            return 1;
        }
    return 0;
}

/* key=value lines */
static void read_pairs(const char *text, sc_provider *p, where *w, sc_diags *d)
{
    long line = 0;
    const char *s = text;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *next = e ? e + 1 : s + n; /* before n is trimmed below */
        line++;
        char buf[4096];
        if (n >= sizeof buf) {
            sc_diags_addf(d, SC_EINPUT, w->file, line, 0, "line too long");
            return;
        }
        memcpy(buf, s, n);
        buf[n] = '\0';
        if (n > 0 && buf[n - 1] == '\r')
            buf[--n] = '\0';
        char *k = buf;
        while (*k == ' ' || *k == '\t')
            k++;
        if (*k != '\0' && *k != '#') {
            char *eq = strchr(k, '=');
            if (eq == NULL) {
                sc_diags_addf(d, SC_EINPUT, w->file, line, 0, "expected key=value");
            } else {
                *eq = '\0';
                char *v = eq + 1;
                for (char *t = eq - 1; t >= k && (*t == ' ' || *t == '\t'); t--)
                    *t = '\0';
                while (*v == ' ' || *v == '\t')
                    v++;
                int r = set_key(p, w, k, v, line, 0, d);
                if (r < 0)
                    return;
                if (r == 0)
                    sc_diags_addf(d, SC_EINPUT, w->file, line, 0,
                                  "unknown key '%s' (name, address, phone, npi, tin, "
                                  "registration, registration_label, lanr, bsnr, role, items, "
                                  "prices)", k);
            }
        }
        s = next;
    }
}

static void read_csv(const char *body, sc_provider *p, where *w, sc_diags *d)
{
    FILE *mem = fmemopen((void *)body, strlen(body) ? strlen(body) : 1, "rb");
    sc_table *t = NULL;
    sc_error e;
    if (mem == NULL) {
        d->oom = 1;
        return;
    }
    if (sc_table_read(mem, w->file, &t, &e) != SC_OK) {
        sc_diags_add(d, &e);
    } else if (t->nrows != 1) {
        sc_diags_addf(d, SC_EINPUT, w->file, t->header_line, 0,
                      "a provider CSV has a header row and exactly one data row");
    } else {
        for (size_t c = 0; c < t->ncols; c++) {
            int r = set_key(p, w, t->header[c], t->rows[0].cells[c], t->rows[0].lines[c],
                            (long)c + 1, d);
            if (r < 0)
                break;
            if (r == 0)
                sc_diags_addf(d, SC_EINPUT, w->file, t->header_line, (long)c + 1,
                              "unknown column '%s'", t->header[c]);
        }
    }
    sc_table_free(t);
    fclose(mem);
}

sc_status sc_provider_read(FILE *fp, const char *name, const char *country, sc_provider *p,
                           sc_diags *d)
{
    size_t before = d->count;
    memset(p, 0, sizeof *p);
    where w;
    memset(&w, 0, sizeof w);
    w.file = name;
    char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    if (n == sizeof text - 1) {
        sc_diags_addf(d, SC_ELIMIT, name, 0, 0, "a provider file is at most 16 KiB");
        return SC_ELIMIT;
    }
    text[n] = '\0';
    if (memchr(text, '\0', n) != NULL) {
        sc_diags_addf(d, SC_EINPUT, name, 0, 0, "NUL byte: not a text file");
        return SC_EINPUT;
    }
    const char *body = text;
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        body += 3;
    /* A CSV header names the columns; a key=value file has '=' on its first line. */
    const char *eol = strchr(body, '\n');
    size_t first = eol ? (size_t)(eol - body) : strlen(body);
    if (memchr(body, '=', first) != NULL || body[0] == '#')
        read_pairs(body, p, &w, d);
    else
        read_csv(body, p, &w, d);
    if (d->count == before && !d->oom)
        check(p, country ? country : "US", &w, d);
    free(w.role);
    if (d->oom)
        return SC_ENOMEM;
    return d->count > before ? SC_EINPUT : SC_OK;
}

void sc_provider_free(sc_provider *p)
{
    for (int i = 0; i < NKEYS; i++)
        if (i != K_ROLE)
            free(*slot(p, i));
    memset(p, 0, sizeof *p);
}

/* ---- the provider's own prices ----------------------------------------------------- */

sc_status sc_price_list_read(FILE *fp, const char *name, const sc_currency *cur,
                             sc_price_list *out, sc_diags *d)
{
    size_t before = d->count;
    memset(out, 0, sizeof *out);
    out->currency = cur;
    sc_table *t = NULL;
    sc_error e;
    if (sc_table_read(fp, name, &t, &e) != SC_OK) {
        sc_diags_add(d, &e);
        return e.status;
    }
    int ci = sc_table_column(t, "item"), cp = sc_table_column(t, "price"),
        cc = sc_table_column(t, "currency"), ck = sc_table_column(t, "code");
    if (ci < 0 || cp < 0) {
        sc_diags_addf(d, SC_EINPUT, name, t->header_line, 0,
                      "a price file has the columns item,price (and optionally currency "
                      "and code)");
        sc_table_free(t);
        return SC_EINPUT;
    }
    out->name = strdup(name);
    out->entries = calloc(t->nrows ? t->nrows : 1, sizeof *out->entries);
    if (out->name == NULL || out->entries == NULL) {
        sc_table_free(t);
        sc_price_list_free(out);
        return SC_ENOMEM;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const sc_table_row *row = &t->rows[r];
        const char *item = row->cells[ci];
        if (item[0] == '\0') {
            sc_diags_addf(d, SC_EINPUT, name, row->lines[ci], ci + 1, "empty item");
            continue;
        }
        if (cc >= 0 && strcmp(row->cells[cc], cur->code) != 0) {
            sc_diags_addf(d, SC_EINPUT, name, row->lines[cc], cc + 1,
                          "currency '%s': this quote is in %s", row->cells[cc], cur->code);
            continue;
        }
        int64_t v;
        if (sc_money_parse(row->cells[cp], cur, 0, &v, &e) != SC_OK) {
            sc_diags_addf(d, SC_EINPUT, name, row->lines[cp], cp + 1, "price: %s", e.msg);
            continue;
        }
        /* The service code the provider bills the item under (a US Good
         * Faith Estimate lists one per item: 45 CFR 149.610(c)(1)(iv)):
         * CPT/HCPCS-like, letters, digits, '.' and '-'. */
        const char *code = ck >= 0 ? row->cells[ck] : "";
        if (strlen(code) > 16 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789.-") != strlen(code)) {
            sc_diags_addf(d, SC_EINPUT, name, row->lines[ck], ck + 1,
                          "code '%s': a service code is at most 16 letters, digits, '.' or '-'",
                          code);
            continue;
        }
        for (size_t k = 0; k < out->n; k++)
            if (strcmp(out->entries[k].item, item) == 0)
                sc_diags_addf(d, SC_EINPUT, name, row->lines[ci], ci + 1,
                              "item '%s' is priced twice (first on line %ld)", item,
                              out->entries[k].line);
        sc_price_entry *pe = &out->entries[out->n];
        pe->item = strdup(item);
        pe->code = code[0] ? strdup(code) : NULL;
        if (pe->item == NULL || (code[0] && pe->code == NULL)) {
            out->n++; /* freed with the list */
            sc_table_free(t);
            sc_price_list_free(out);
            return SC_ENOMEM;
        }
        pe->price = v;
        pe->line = row->line;
        out->n++;
    }
    sc_table_free(t);
    if (d->count > before) {
        sc_price_list_free(out);
        return SC_EINPUT;
    }
    return SC_OK;
}

void sc_price_list_free(sc_price_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->entries[i].item);
        free(l->entries[i].code);
    }
    free(l->entries);
    free(l->name);
    memset(l, 0, sizeof *l);
}
