/* Text widths for chart layout: the advance widths of DejaVu Sans (Book and
 * Bold), so that a chart's layout, and so its SVG bytes, never depend on the
 * fonts of the machine that draws it.
 *
 * The numbers are the fonts' horizontal advances in font units (2048 to the
 * em) from DejaVuSans.ttf and DejaVuSans-Bold.ttf version 2.37 (Debian
 * fonts-dejavu-core 2.37-6), read unhinted through cairo; tests/unit/
 * check_chart.c measures the installed fonts again and compares.  Characters
 * the table lacks count as a digit's width (an estimate: labels are laid out
 * with room to spare). */
#include <config.h>

#include <string.h>

#include "chart_internal.h"

#define UNITS_PER_EM 2048.0

/* U+0020 to U+007E. */
static const unsigned short ascii_book[95] = {
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739,
    651, 690, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690,
    1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604,
    604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025,
    1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260,
    721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067,
    803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
};
static const unsigned short ascii_bold[95] = {
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850,
    778, 748, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819,
    1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762,
    762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259,
    1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389,
    891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219,
    979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
};

/* Other characters the charts use (currency signs, names, punctuation),
 * sorted by code point. */
static const struct {
    unsigned cp;
    unsigned short book, bold;
} others[] = {
    {0x00A0, 651, 713}, /* no-break space */
    {0x00A3, 1303, 1425}, /* £ */
    {0x00A5, 1303, 1425}, /* ¥ */
    {0x00B0, 1024, 1024}, /* ° */
    {0x00B7, 651, 778}, /* · */
    {0x00C4, 1401, 1585}, /* Ä */
    {0x00D6, 1612, 1741}, /* Ö */
    {0x00D7, 1716, 1716}, /* × */
    {0x00DC, 1499, 1663}, /* Ü */
    {0x00DF, 1290, 1473}, /* ß */
    {0x00E1, 1255, 1382}, /* á */
    {0x00E4, 1255, 1382}, /* ä */
    {0x00E7, 1126, 1214}, /* ç */
    {0x00E8, 1260, 1389}, /* è */
    {0x00E9, 1260, 1389}, /* é */
    {0x00ED, 569, 702}, /* í */
    {0x00F1, 1298, 1458}, /* ñ */
    {0x00F3, 1253, 1407}, /* ó */
    {0x00F6, 1253, 1407}, /* ö */
    {0x00FA, 1298, 1458}, /* ú */
    {0x00FC, 1298, 1458}, /* ü */
    {0x2013, 1024, 1024}, /* – */
    {0x2014, 2048, 2048}, /* — */
    {0x2026, 2048, 2048}, /* … */
    {0x20AC, 1303, 1425}, /* € */
    {0x20B9, 1303, 1425}, /* ₹ */
    {0x2192, 1716, 1716}, /* → */
    {0x2212, 1716, 1716}, /* − */
    {0x2264, 1716, 1716}, /* ≤ */
    {0x2265, 1716, 1716}, /* ≥ */
};

#define DIGIT_BOOK 1303
#define DIGIT_BOLD 1425

/* The next code point of UTF-8 text; a byte that does not start a well-formed
 * sequence (overlong, a surrogate, beyond U+10FFFF, cut short) is U+FFFD and
 * is skipped alone. */
unsigned chart_utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned cp = s[0];
    int n = cp < 0x80 ? 0 : (cp & 0xE0) == 0xC0 ? 1 : (cp & 0xF0) == 0xE0 ? 2
            : (cp & 0xF8) == 0xF0 ? 3 : -1;
    static const unsigned least[4] = {0, 0x80, 0x800, 0x10000};
    *p = s + 1;
    if (n < 0)
        return 0xFFFD;
    if (n > 0)
        cp &= 0x3Fu >> n;
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = cp << 6 | (s[i] & 0x3Fu);
    }
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *p = s + n + 1;
    return cp;
}

static unsigned advance(unsigned cp, int bold)
{
    if (cp >= 0x20 && cp < 0x7F)
        return bold ? ascii_bold[cp - 0x20] : ascii_book[cp - 0x20];
    size_t lo = 0, hi = sizeof others / sizeof *others;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (others[mid].cp == cp)
            return bold ? others[mid].bold : others[mid].book;
        if (others[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return bold ? DIGIT_BOLD : DIGIT_BOOK;
}

/* The advance units of the bytes [p, end): printable ASCII straight from
 * the table, other bytes below 0x80 (control characters) as a digit, as
 * advance() has them; the rest decoded.  A sequence cut by `end` is U+FFFD
 * for its first byte, as chart_utf8_next has it at a terminating NUL. */
static unsigned long units(const unsigned char *p, const unsigned char *end, int bold)
{
    const unsigned short *ascii = bold ? ascii_bold : ascii_book;
    unsigned long u = 0;
    while (p < end) {
        unsigned b = *p;
        if (b < 0x80) {
            u += b >= 0x20 && b < 0x7F ? ascii[b - 0x20] : (bold ? DIGIT_BOLD : DIGIT_BOOK);
            p++;
            continue;
        }
        size_t need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
        if ((size_t)(end - p) < need) {
            u += advance(0xFFFD, bold);
            p++;
            continue;
        }
        u += advance(chart_utf8_next(&p), bold);
    }
    return u;
}

double chart_text_width(const char *s, double size, int bold)
{
    const unsigned char *p = (const unsigned char *)s;
    return (double)units(p, p + strlen(s), bold) * size / UNITS_PER_EM;
}

double chart_span_width(const char *s, size_t n, double size, int bold)
{
    const unsigned char *p = (const unsigned char *)s;
    return (double)units(p, p + n, bold) * size / UNITS_PER_EM;
}
