/* The provider or facility of a quote: file reading and NPI/TIN checks. */
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

/* The 9 digits of a TIN into buf; 0 if it is not one. */
static int normalise_tin(const char *t, char buf[10])
{
    size_t n = 0;
    for (const char *p = t; *p; p++) {
        if (*p == '-' && n == 2)
            continue;
        if (!isdigit((unsigned char)*p) || n >= 9)
            return 0;
        buf[n++] = *p;
    }
    buf[n] = '\0';
    return n == 9;
}

static const char *const keys[] = {"name", "npi", "tin", "address", "phone"};

static char **slot(sc_provider *p, int i)
{
    char **s[] = {&p->name, &p->npi, &p->tin, &p->address, &p->phone};
    return s[i];
}

static void check(sc_provider *p, const char *file, const long lines[5], const long cols[5],
                  sc_diags *d)
{
    /* A value lost for lack of memory is not a missing one. */
    if (d->oom) {
        sc_diags_addf(d, SC_ENOMEM, file, 0, 0, "out of memory");
        return;
    }
    for (int i = 0; i < 5; i++)
        if (*slot(p, i) == NULL || (*slot(p, i))[0] == '\0')
            sc_diags_addf(d, SC_EINPUT, file, lines[i], cols[i], "the provider's %s is missing",
                          keys[i]);
    if (p->npi && p->npi[0] && !sc_npi_valid(p->npi))
        sc_diags_addf(d, SC_EINPUT, file, lines[1], cols[1],
                      "NPI '%s' is not valid (10 digits with a Luhn check digit)", p->npi);
    if (p->tin && p->tin[0]) {
        char digits[10], *t;
        if (!normalise_tin(p->tin, digits))
            sc_diags_addf(d, SC_EINPUT, file, lines[2], cols[2],
                          "TIN '%s' is not 9 digits (e.g. 12-3456789)", p->tin);
        else if ((t = strdup(digits)) == NULL)
            sc_diags_addf(d, SC_ENOMEM, file, 0, 0, "out of memory");
        else {
            free(p->tin);
            p->tin = t;
        }
    }
}

/* key=value lines */
static sc_status read_pairs(const char *text, const char *file, sc_provider *p, sc_diags *d)
{
    long lines[5] = {0}, cols[5] = {0};
    long line = 0;
    const char *s = text;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *next = e ? e + 1 : s + n; /* before n is trimmed below */
        line++;
        char buf[1024];
        if (n >= sizeof buf) {
            sc_diags_addf(d, SC_EINPUT, file, line, 0, "line too long");
            return SC_EINPUT;
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
                sc_diags_addf(d, SC_EINPUT, file, line, 0, "expected key=value");
            } else {
                *eq = '\0';
                char *v = eq + 1;
                for (char *t = eq - 1; t >= k && (*t == ' ' || *t == '\t'); t--)
                    *t = '\0';
                while (*v == ' ' || *v == '\t')
                    v++;
                int found = 0;
                for (int i = 0; i < 5; i++)
                    if (strcmp(k, keys[i]) == 0) {
                        free(*slot(p, i));
                        if ((*slot(p, i) = strdup(v)) == NULL)
                            d->oom = 1;
                        lines[i] = line;
                        found = 1;
                    }
                if (!found)
                    sc_diags_addf(d, SC_EINPUT, file, line, 0,
                                  "unknown key '%s' (name, npi, tin, address, phone)", k);
            }
        }
        s = next;
    }
    check(p, file, lines, cols, d);
    return SC_OK;
}

sc_status sc_provider_read(FILE *fp, const char *name, sc_provider *p, sc_diags *d)
{
    size_t before = d->count;
    memset(p, 0, sizeof *p);
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
    if (memchr(body, '=', first) != NULL || body[0] == '#') {
        read_pairs(body, name, p, d);
    } else {
        FILE *mem = fmemopen((void *)body, strlen(body) ? strlen(body) : 1, "rb");
        sc_table *t = NULL;
        sc_error e;
        if (mem == NULL) {
            sc_diags_addf(d, SC_ENOMEM, name, 0, 0, "out of memory");
        } else if (sc_table_read(mem, name, &t, &e) != SC_OK) {
            sc_diags_add(d, &e);
        } else if (t->nrows != 1) {
            sc_diags_addf(d, SC_EINPUT, name, t->header_line, 0,
                          "a provider CSV has a header row and exactly one data row");
        } else {
            long lines[5], cols[5];
            for (int i = 0; i < 5; i++) {
                int c = sc_table_column(t, keys[i]);
                lines[i] = c >= 0 ? t->rows[0].lines[c] : t->header_line;
                cols[i] = c >= 0 ? c + 1 : 0;
                if (c >= 0 && (*slot(p, i) = strdup(t->rows[0].cells[c])) == NULL)
                    d->oom = 1;
            }
            check(p, name, lines, cols, d);
        }
        sc_table_free(t);
        if (mem)
            fclose(mem);
    }
    return d->count > before ? SC_EINPUT : SC_OK;
}

void sc_provider_free(sc_provider *p)
{
    for (int i = 0; i < 5; i++)
        free(*slot(p, i));
    memset(p, 0, sizeof *p);
}
