/* Typed cell reading with FILE:LINE:COLUMN diagnostics: see cells.h. */
#include <config.h>

#include "cells.h"

#include "stemcost/dates.h"
#include "stemcost/pricing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sc_cells_error(const sc_cells *c, const char *column, const char *fmt, ...)
{
    sc_error e;
    char msg[SC_MSG_MAX];
    va_list ap;
    int col = column ? sc_table_column(c->table, column) : -1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc_error_set(&e, SC_EINPUT, c->table->name, col >= 0 ? c->row->lines[col] : c->row->line,
                 col >= 0 ? col + 1 : 0, "%s", msg);
    sc_diags_add(c->diags, &e);
}

const char *sc_cells_text(const sc_cells *c, const char *column)
{
    int col = sc_table_column(c->table, column);
    return col >= 0 ? c->row->cells[col] : "";
}

char *sc_cells_dup(const sc_cells *c, const char *column)
{
    const char *s = sc_cells_text(c, column);
    char *d = malloc(strlen(s) + 1);
    if (d == NULL) {
        c->diags->oom = 1;
        return NULL;
    }
    return strcpy(d, s);
}

int sc_cells_required(const sc_cells *c, const char *column)
{
    if (sc_table_column(c->table, column) < 0)
        return 0; /* the missing column was reported once for the table */
    if (sc_cells_text(c, column)[0] == '\0') {
        sc_cells_error(c, column, "%s is empty", column);
        return 0;
    }
    return 1;
}

int sc_cells_id(const sc_cells *c, const char *column)
{
    if (!sc_cells_required(c, column))
        return 0;
    const char *s = sc_cells_text(c, column);
    size_t n = strlen(s);
    if (n > 64) {
        sc_cells_error(c, column, "%s is longer than 64 characters", column);
        return 0;
    }
    for (const char *p = s; *p; p++) {
        char ch = *p;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_' || ch == '.')) {
            sc_cells_error(c, column, "%s '%s' has a character other than letters, digits, "
                                      "'-', '_' or '.'", column, s);
            return 0;
        }
    }
    return 1;
}

int sc_cells_enum(const sc_cells *c, const char *column, const char *const *values, int n,
                  int *out)
{
    if (!sc_cells_required(c, column))
        return 0;
    const char *s = sc_cells_text(c, column);
    for (int i = 0; i < n; i++)
        if (strcmp(values[i], s) == 0) {
            *out = i;
            return 1;
        }
    char list[256] = "";
    for (int i = 0; i < n; i++) {
        strncat(list, values[i], sizeof list - strlen(list) - 1);
        if (i + 1 < n)
            strncat(list, ", ", sizeof list - strlen(list) - 1);
    }
    sc_cells_error(c, column, "%s '%s' is not one of: %s", column, s, list);
    return 0;
}

int sc_cells_bool(const sc_cells *c, const char *column, int *out)
{
    static const char *const yn[] = {"no", "yes"};
    return sc_cells_enum(c, column, yn, 2, out);
}

int sc_cells_decimal(const sc_cells *c, const char *column, int decimals, int64_t min,
                     int64_t max, int64_t *out)
{
    sc_error e;
    int64_t v;
    if (!sc_cells_required(c, column))
        return 0;
    /* Parse with a wide bound, then check the range, so the message gives it. */
    if (sc_decimal_parse(sc_cells_text(c, column), decimals, 1, INT64_C(100000000000000000), &v,
                         &e) != SC_OK) {
        sc_cells_error(c, column, "%s: %s", column, e.msg);
        return 0;
    }
    if (v < min || v > max) {
        char a[40], b[40];
        sc_cells_error(c, column, "%s %s is out of range (%s to %s)", column,
                       sc_cells_text(c, column), sc_decimal_format(min, decimals, 1, a, sizeof a),
                       sc_decimal_format(max, decimals, 1, b, sizeof b));
        return 0;
    }
    *out = v;
    return 1;
}

int sc_cells_int(const sc_cells *c, const char *column, int min, int max, int *out)
{
    int64_t v;
    if (!sc_cells_decimal(c, column, 0, min, max, &v))
        return 0;
    *out = (int)v;
    return 1;
}

int sc_cells_money(const sc_cells *c, const char *column, const sc_currency *cur,
                   int64_t *out)
{
    sc_error e;
    if (!sc_cells_required(c, column))
        return 0;
    if (sc_money_parse(sc_cells_text(c, column), cur, 0, out, &e) != SC_OK) {
        sc_cells_error(c, column, "%s: %s", column, e.msg);
        return 0;
    }
    return 1;
}

int sc_cells_currency(const sc_cells *c, const char *column, const sc_currency **out)
{
    if (!sc_cells_required(c, column))
        return 0;
    const char *s = sc_cells_text(c, column);
    const sc_currency *cur = sc_currency_find(s);
    if (cur == NULL || strcmp(cur->code, s) != 0) {
        sc_cells_error(c, column, "currency '%s' is not a known ISO 4217 code (upper case)", s);
        return 0;
    }
    *out = cur;
    return 1;
}


int sc_cells_date(const sc_cells *c, const char *column)
{
    if (!sc_cells_required(c, column))
        return 0;
    const char *s = sc_cells_text(c, column);
    char buf[64];
    const char *why = sc_date_problem(s, buf, sizeof buf);
    if (why != NULL) {
        sc_cells_error(c, column, "%s '%s' %s", column, s, why);
        return 0;
    }
    return 1;
}

int sc_cells_categories(const sc_cells *c, const char *column, unsigned *out)
{
    const char *s = sc_cells_text(c, column);
    unsigned set = 0;
    char buf[256];
    if (strlen(s) >= sizeof buf) {
        sc_cells_error(c, column, "%s is too long", column);
        return 0;
    }
    strcpy(buf, s);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        int found = 0;
        for (int i = 0; i < SC_CAT_COUNT; i++)
            if (strcmp(tok, sc_category_name((sc_category)i)) == 0) {
                set |= 1u << i;
                found = 1;
            }
        if (!found) {
            sc_cells_error(c, column, "%s: '%s' is not a category (consultation, imaging, "
                                      "labs, harvest, processing, injection, facility, "
                                      "follow-up)", column, tok);
            return 0;
        }
    }
    *out = set;
    return 1;
}
