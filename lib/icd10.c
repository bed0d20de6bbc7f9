/* ICD-10-CM diagnosis codes, as a clerk types them on a quote.
 *
 * The form (CMS/CDC ICD-10-CM Official Guidelines, section I.A): 3 to 7
 * characters; the first a letter, the second a digit, the third a letter or
 * digit; a point after the third when more follow.  The code set itself is
 * not shipped: only the categories of the conditions the tables price are
 * known whole (knee M17 and hip M16 osteoarthritis, from the ICD-10-CM
 * tabular list, FY2025), so that a header code such as M17.1 (not billable)
 * is refused and the side of the body is read from the code.  Other codes are
 * checked for form only. */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "stemcost/quote.h"

typedef struct known {
    const char *code;
    sc_side side;
    const char *title;
} known;

static const known codes[] = {
    {"M16.0", SC_SIDE_BOTH, "Bilateral primary osteoarthritis of hip"},
    {"M16.10", SC_SIDE_UNSPECIFIED, "Unilateral primary osteoarthritis, unspecified hip"},
    {"M16.11", SC_SIDE_RIGHT, "Unilateral primary osteoarthritis, right hip"},
    {"M16.12", SC_SIDE_LEFT, "Unilateral primary osteoarthritis, left hip"},
    {"M16.2", SC_SIDE_BOTH, "Bilateral osteoarthritis resulting from hip dysplasia"},
    {"M16.30", SC_SIDE_UNSPECIFIED,
     "Unilateral osteoarthritis resulting from hip dysplasia, unspecified hip"},
    {"M16.31", SC_SIDE_RIGHT, "Unilateral osteoarthritis resulting from hip dysplasia, right hip"},
    {"M16.32", SC_SIDE_LEFT, "Unilateral osteoarthritis resulting from hip dysplasia, left hip"},
    {"M16.4", SC_SIDE_BOTH, "Bilateral post-traumatic osteoarthritis of hip"},
    {"M16.50", SC_SIDE_UNSPECIFIED, "Unilateral post-traumatic osteoarthritis, unspecified hip"},
    {"M16.51", SC_SIDE_RIGHT, "Unilateral post-traumatic osteoarthritis, right hip"},
    {"M16.52", SC_SIDE_LEFT, "Unilateral post-traumatic osteoarthritis, left hip"},
    {"M16.6", SC_SIDE_BOTH, "Other bilateral secondary osteoarthritis of hip"},
    {"M16.7", SC_SIDE_UNSPECIFIED, "Other unilateral secondary osteoarthritis of hip"},
    {"M16.9", SC_SIDE_NONE, "Osteoarthritis of hip, unspecified"},
    {"M17.0", SC_SIDE_BOTH, "Bilateral primary osteoarthritis of knee"},
    {"M17.10", SC_SIDE_UNSPECIFIED, "Unilateral primary osteoarthritis, unspecified knee"},
    {"M17.11", SC_SIDE_RIGHT, "Unilateral primary osteoarthritis, right knee"},
    {"M17.12", SC_SIDE_LEFT, "Unilateral primary osteoarthritis, left knee"},
    {"M17.2", SC_SIDE_BOTH, "Bilateral post-traumatic osteoarthritis of knee"},
    {"M17.30", SC_SIDE_UNSPECIFIED, "Unilateral post-traumatic osteoarthritis, unspecified knee"},
    {"M17.31", SC_SIDE_RIGHT, "Unilateral post-traumatic osteoarthritis, right knee"},
    {"M17.32", SC_SIDE_LEFT, "Unilateral post-traumatic osteoarthritis, left knee"},
    {"M17.4", SC_SIDE_BOTH, "Other bilateral secondary osteoarthritis of knee"},
    {"M17.5", SC_SIDE_UNSPECIFIED, "Other unilateral secondary osteoarthritis of knee"},
    {"M17.9", SC_SIDE_NONE, "Osteoarthritis of knee, unspecified"},
};
#define NCODES (sizeof codes / sizeof *codes)

/* Categories whose right/left is the last character: 1 right, 2 left
 * (tendon and soft-tissue disorders: M65 synovitis, M70 bursitis, M75
 * shoulder lesions, M76 lower-limb and M77 other enthesopathies). */
static const char *const lateral_categories[] = {"M65", "M70", "M75", "M76", "M77"};

static const known *find(const char *code)
{
    for (size_t i = 0; i < NCODES; i++)
        if (strcmp(codes[i].code, code) == 0)
            return &codes[i];
    return NULL;
}

static int category_known(const char *code)
{
    for (size_t i = 0; i < NCODES; i++)
        if (strncmp(codes[i].code, code, 3) == 0)
            return 1;
    return 0;
}

sc_status sc_icd10_normalise(const char *in, char out[9], sc_error *err)
{
    char raw[8];
    size_t n = 0;
    for (const char *p = in; *p; p++) {
        if (*p == '.' && n == 3 && p[1] != '\0')
            continue;
        if (!isalnum((unsigned char)*p) || n >= 7)
            return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "icd10",
                                  "'%s' is not an ICD-10-CM code (a letter, a digit, a letter "
                                  "or digit, then up to four more: M17.11)", in);
        raw[n++] = (char)toupper((unsigned char)*p);
    }
    if (n < 3 || !isalpha((unsigned char)raw[0]) || !isdigit((unsigned char)raw[1]))
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "icd10",
                              "'%s' is not an ICD-10-CM code (a letter, a digit, a letter or "
                              "digit, then up to four more: M17.11)", in);
    memcpy(out, raw, 3);
    size_t k = 3;
    if (n > 3) {
        out[k++] = '.';
        memcpy(out + k, raw + 3, n - 3);
        k += n - 3;
    }
    out[k] = '\0';
    if (category_known(out) && find(out) == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "icd10",
                              "%s is not a billable ICD-10-CM code of category %.3s (give the "
                              "full code, e.g. %s)", out, out,
                              out[1] == '1' && out[2] == '6' ? "M16.11" : "M17.11");
    return SC_OK;
}

sc_side sc_icd10_side(const char *code, const char **title)
{
    const known *k = find(code);
    if (title)
        *title = k ? k->title : NULL;
    if (k)
        return k->side;
    size_t n = strlen(code);
    for (size_t i = 0; i < sizeof lateral_categories / sizeof *lateral_categories; i++)
        if (strncmp(code, lateral_categories[i], 3) == 0 && n >= 6)
            return code[n - 1] == '1' ? SC_SIDE_RIGHT
                   : code[n - 1] == '2' ? SC_SIDE_LEFT
                                        : SC_SIDE_UNSPECIFIED;
    return SC_SIDE_NONE;
}
