/* The strict CSV reader and tables, on each libcsv pitfall listed in the
 * project's library notes, plus line counting and limits. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copy_short.h"
#include "stemcost/csvin.h"
#include "stemcost/table.h"
#include "stemcost/text.h"

static sc_status read_table(const char *text, size_t len, sc_table **t, sc_error *e)
{
    FILE *fp = fmemopen((void *)text, len, "rb");
    ck_assert_ptr_nonnull(fp);
    sc_error_clear(e);
    sc_status st = sc_table_read(fp, "t.csv", t, e);
    fclose(fp);
    return st;
}
#define READ(lit, t, e) read_table(lit, sizeof(lit) - 1, t, e)

START_TEST(test_stray_quote_is_an_error)
{
    /* Pitfall 1: without strict mode libcsv merges `"1.5"x` silently. */
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("a,b,c\nx,\"1.5\"x,z\n", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.line, 2);
    ck_assert_int_eq(e.column, 2);
    ck_assert_ptr_nonnull(strstr(e.msg, "malformed CSV"));
}
END_TEST

START_TEST(test_unterminated_quote_at_eof)
{
    /* Pitfall 1 (STRICT_FINI): the open quote starts on line 3, field 2. */
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("a,b\nx,y\nz,\"open\nstill open\n", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.line, 3);
    ck_assert_int_eq(e.column, 2);
    ck_assert_ptr_nonnull(strstr(e.msg, "unterminated"));
}
END_TEST

START_TEST(test_bom_stripped)
{
    /* Pitfall 4: a UTF-8 byte-order mark must not stick to the first name. */
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("\xEF\xBB\xBFid,name\nk,v\n", &t, &e), SC_OK);
    ck_assert_int_eq(sc_table_column(t, "id"), 0);
    ck_assert_str_eq(t->rows[0].cells[0], "k");
    sc_table_free(t);
}
END_TEST

START_TEST(test_blank_lines_and_line_numbers)
{
    /* Pitfall 5: blank lines are skipped, but line numbers stay physical. */
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("h1,h2\n\n\na,b\n\nc,d\n", &t, &e), SC_OK);
    ck_assert_int_eq(t->nrows, 2);
    ck_assert_int_eq(t->rows[0].line, 4);
    ck_assert_int_eq(t->rows[1].line, 6);
    sc_table_free(t);
}
END_TEST

START_TEST(test_quoted_newlines_and_commas)
{
    /* A quoted field spanning lines 2-3 holds a comma and a newline; the next
     * record starts on line 4; CRLF line ends leave no '\r' in fields. */
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("id,note\r\n1,\"a, b\r\nc\"\r\n2,plain\r\n", &t, &e), SC_OK);
    ck_assert_int_eq(t->nrows, 2);
    ck_assert_str_eq(t->rows[0].cells[1], "a, b\r\nc");
    ck_assert_int_eq(t->rows[0].lines[1], 2);
    ck_assert_int_eq(t->rows[1].line, 4);
    ck_assert_str_eq(t->rows[1].cells[1], "plain");
    ck_assert_str_eq(t->header[1], "note");
    sc_table_free(t);
}
END_TEST

START_TEST(test_trimming)
{
    /* Pitfall 6: unquoted fields are trimmed of spaces and tabs, quoted ones kept. */
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("a,b,c\n  x ,\ty\t,\" z \"\n", &t, &e), SC_OK);
    ck_assert_str_eq(t->rows[0].cells[0], "x");
    ck_assert_str_eq(t->rows[0].cells[1], "y");
    ck_assert_str_eq(t->rows[0].cells[2], " z ");
    sc_table_free(t);
}
END_TEST

START_TEST(test_doubled_quotes)
{
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("a\n\"say \"\"hi\"\"\"\n", &t, &e), SC_OK);
    ck_assert_str_eq(t->rows[0].cells[0], "say \"hi\"");
    sc_table_free(t);
}
END_TEST

START_TEST(test_ragged_rows)
{
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("a,b,c\n1,2\n", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.line, 2);
    ck_assert_int_eq(e.column, 3); /* the first missing field */
    ck_assert_int_eq(READ("a,b\n1,2\n1,2,3\n", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.line, 3);
    ck_assert_int_eq(e.column, 3); /* the first extra field */
}
END_TEST

START_TEST(test_nul_and_utf8)
{
    sc_table *t = NULL;
    sc_error e;
    static const char nul[] = "a,b\nx,y\0z\n";
    ck_assert_int_eq(read_table(nul, sizeof nul - 1, &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.line, 2);
    ck_assert_int_eq(e.column, 2);
    ck_assert_ptr_nonnull(strstr(e.msg, "NUL"));
    ck_assert_int_eq(READ("a\n\xC3\x28\n", &t, &e), SC_EINPUT);       /* bad continuation */
    ck_assert_ptr_nonnull(strstr(e.msg, "UTF-8"));
    ck_assert_int_eq(READ("a\n\xC0\xAF\n", &t, &e), SC_EINPUT);       /* overlong */
    ck_assert_int_eq(READ("a\n\xED\xA0\x80\n", &t, &e), SC_EINPUT);   /* surrogate */
    ck_assert_int_eq(READ("a\n\xE2\x82\xAC \xC2\xA5\n", &t, &e), SC_OK); /* euro, yen */
    ck_assert_str_eq(t->rows[0].cells[0], "\xE2\x82\xAC \xC2\xA5");
    sc_table_free(t);
}
END_TEST

/* Control characters are not text (a terminal obeys them): C0 but line breaks
 * inside a quoted field, DEL, and C1 (two bytes in UTF-8), wherever they are in
 * a cell; typed text follows the same rule. */
START_TEST(test_control_characters)
{
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("a,b\nx,\"\x1B]0;pwned\x07\"\n", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.line, 2);
    ck_assert_int_eq(e.column, 2);
    ck_assert_ptr_nonnull(strstr(e.msg, "U+001B"));
    ck_assert_int_eq(READ("a,b\nx,y\x7Fz\n", &t, &e), SC_EINPUT);
    ck_assert_ptr_nonnull(strstr(e.msg, "U+007F"));
    ck_assert_int_eq(READ("a,b\nx,\"y\bz\"\n", &t, &e), SC_EINPUT);  /* backspace */
    ck_assert_ptr_nonnull(strstr(e.msg, "U+0008"));
    /* A tab is white space: kept in a quoted field (batch carries it). */
    ck_assert_int_eq(READ("a,b\nx,\"y\tz\"\n", &t, &e), SC_OK);
    ck_assert_str_eq(t->rows[0].cells[1], "y\tz");
    sc_table_free(t);
    ck_assert_int_eq(READ("a\n\xC2\x9B" "2J\n", &t, &e), SC_EINPUT);     /* CSI, U+009B */
    ck_assert_ptr_nonnull(strstr(e.msg, "U+009B"));
    ck_assert_int_eq(e.column, 1);
    /* U+00A0 (C2 A0) is the first code point after C1: text. */
    ck_assert_int_eq(READ("a\n\xC2\xA0\xC2\x7F\n", &t, &e), SC_EINPUT);
    ck_assert_ptr_nonnull(strstr(e.msg, "UTF-8")); /* C2 7F is not UTF-8 at all */
    ck_assert_int_eq(READ("a\nx\xC2\xA0y\n", &t, &e), SC_OK);
    sc_table_free(t);
    /* A line break in a quoted field is allowed. */
    ck_assert_int_eq(READ("a\n\"x\r\ny\nz\"\n", &t, &e), SC_OK);
    ck_assert_str_eq(t->rows[0].cells[0], "x\r\ny\nz");
    sc_table_free(t);
    /* Typed text: the same rule, line breaks only where multi-line. */
    ck_assert_int_eq(sc_text_check("a\xC2\x85" "b", "name", 1, 100, &e), SC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(e.msg, "U+0085"));
    ck_assert_int_eq(sc_text_check("a\x1B" "b", "name", 1, 100, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_text_check("a\nb", "name", 0, 100, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_text_check("a\tb", "name", 1, 100, &e), SC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(e.msg, "U+0009"));
    ck_assert_int_eq(sc_text_check("a\nb", "name", 1, 100, &e), SC_OK);
    /* Printable ASCII is checked eight bytes at a time: a control byte in
     * any position of a long cell (inside a word or in the tail) is found,
     * and the edges of printable, ' ' and '~', are text. */
    static const unsigned char bad[] = {0x01, 0x08, 0x1B, 0x1F, 0x7F};
    for (size_t b = 0; b < sizeof bad; b++)
        for (int at = 0; at < 19; at++) {
            char csv[64] = "a\n\"";
            char *cell = csv + strlen(csv);
            memset(cell, at % 2 ? ' ' : '~', 19);
            cell[at] = (char)bad[b];
            memcpy(cell + 19, "\"\n", 3);
            ck_assert_msg(read_table(csv, strlen(csv), &t, &e) == SC_EINPUT, "byte 0x%02X at %d",
                          bad[b], at);
            ck_assert_int_eq(e.column, 1);
            cell[at] = at % 2 ? '~' : ' ';
            ck_assert_msg(read_table(csv, strlen(csv), &t, &e) == SC_OK, "printable at %d", at);
            sc_table_free(t);
        }
}
END_TEST

/* A bare CR ends a line as LF and CR LF do (old Mac files): libcsv ends the
 * record there, and the line numbers must follow.  A CR inside a quoted field
 * is part of the field, and still a line end for the count. */
START_TEST(test_cr_line_ends)
{
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(READ("a,b\r\"p\rq\",2\r3,4\r", &t, &e), SC_OK);
    ck_assert_uint_eq(t->nrows, 2);
    ck_assert_str_eq(t->rows[0].cells[0], "p\rq");
    ck_assert_int_eq(t->rows[0].line, 2);
    ck_assert_int_eq(t->rows[1].line, 4);
    sc_table_free(t);
    /* CR LF, a bare CR and LF mixed: one line end each. */
    ck_assert_int_eq(READ("a\r\nb\rc\nd\r\n", &t, &e), SC_OK);
    ck_assert_int_eq(t->rows[0].line, 2);
    ck_assert_int_eq(t->rows[1].line, 3);
    ck_assert_int_eq(t->rows[2].line, 4);
    sc_table_free(t);
    ck_assert_int_eq(READ("a,b,c\rx,y,z\r1,\"p\rq\",\xff\r", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.line, 4);
    ck_assert_int_eq(e.column, 3);
    /* A CR LF split between two reads of 64 KiB is one line end: the CR is the
     * last byte of the first read. */
    size_t first = 65536, len = first + 64;
    char *big = malloc(len);
    ck_assert_ptr_nonnull(big);
    memcpy(big, "a\n", 2);                      /* line 1 */
    memset(big + 2, 'x', first - 3);             /* line 2 ... */
    big[first - 1] = '\r';                       /* ... ends in CR | LF */
    size_t n = first;
    n += (size_t)sprintf(big + n, "\nok\n\"open\n");  /* line 3, then line 4 */
    ck_assert_int_eq(read_table(big, n, &t, &e), SC_EINPUT);
    ck_assert_ptr_nonnull(strstr(e.msg, "unterminated"));
    ck_assert_int_eq(e.line, 4);
    free(big);
}
END_TEST

START_TEST(test_header_problems)
{
    sc_table *t = NULL;
    sc_error e;
    ck_assert_int_eq(read_table("", 0, &t, &e), SC_EINPUT);
    ck_assert_ptr_nonnull(strstr(e.msg, "empty file"));
    ck_assert_int_eq(READ("a,b,a\n", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.column, 3);
    ck_assert_int_eq(READ("a,,c\n", &t, &e), SC_EINPUT);
    ck_assert_int_eq(e.column, 2);
}
END_TEST

START_TEST(test_field_limits)
{
    /* Pitfall 8 and the limits: a field longer than the limit, too many fields. */
    sc_table *t = NULL;
    sc_error e;
    size_t n = SC_CSV_DEFAULT_MAX_FIELD + 10;
    char *big = malloc(n + 8);
    ck_assert_ptr_nonnull(big);
    memcpy(big, "a\n", 2);
    memset(big + 2, 'x', n);
    memcpy(big + 2 + n, "\n", 1);
    ck_assert_int_eq(read_table(big, n + 3, &t, &e), SC_ELIMIT);
    ck_assert_int_eq(e.line, 2);
    /* The same inside quotes (the buffer grows inside libcsv). */
    big[2] = '"';
    big[n + 1] = '"';
    ck_assert_int_eq(read_table(big, n + 3, &t, &e), SC_ELIMIT);
    free(big);

    size_t cols = SC_CSV_DEFAULT_MAX_FIELDS + 1;
    char *wide = malloc(cols * 2 + 1);
    ck_assert_ptr_nonnull(wide);
    for (size_t i = 0; i < cols; i++) {
        wide[2 * i] = 'c';
        wide[2 * i + 1] = (i + 1 == cols) ? '\n' : ',';
    }
    ck_assert_int_eq(read_table(wide, cols * 2, &t, &e), SC_ELIMIT);
    ck_assert_int_eq(e.column, (long)cols);
    free(wide);
}
END_TEST

/* Streaming: every record reaches the callback with its line number. */
static sc_status count_records(const sc_csv_record *rec, void *ctx, sc_error *err)
{
    long *lines = ctx;
    (void)err;
    lines[rec->number - 1] = rec->line;
    return SC_OK;
}

START_TEST(test_streaming_no_trailing_newline)
{
    static const char text[] = "a,b\n1,2\n3,4";
    long lines[3] = {0, 0, 0};
    sc_error e;
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "rb");
    ck_assert_int_eq(sc_csv_read(fp, "s.csv", NULL, count_records, lines, &e), SC_OK);
    fclose(fp);
    ck_assert_int_eq(lines[0], 1);
    ck_assert_int_eq(lines[1], 2);
    ck_assert_int_eq(lines[2], 3);
}
END_TEST

/* The line each field starts on, after fields that span lines (counted by
 * hand below), and an invalid byte named at its own field's first line. */
typedef struct field_lines {
    long lines[3][3];
    size_t records;
} field_lines;

static sc_status keep_lines(const sc_csv_record *rec, void *ctx, sc_error *err)
{
    (void)err;
    field_lines *fl = ctx;
    for (size_t i = 0; i < rec->count && i < 3 && fl->records < 3; i++)
        fl->lines[fl->records][i] = rec->lines[i];
    fl->records++;
    return SC_OK;
}

START_TEST(test_field_start_lines)
{
    /* line 1: a,b,c
     * lines 2-3: "x<LF>y" (starts on 2), 2 and 3 (both on 3)
     * lines 4-6: 4 (on 4), "p<LF>q<LF>r" (starts on 4), z (on 6) */
    static const char text[] = "a,b,c\n\"x\ny\",2,3\n4,\"p\nq\nr\",z\n";
    static const long want[3][3] = {{1, 1, 1}, {2, 3, 3}, {4, 4, 6}};
    field_lines fl = {{{0}}, 0};
    sc_error e;
    FILE *fp = fmemopen((void *)text, sizeof text - 1, "rb");
    ck_assert_int_eq(sc_csv_read(fp, "t.csv", NULL, keep_lines, &fl, &e), SC_OK);
    fclose(fp);
    ck_assert_uint_eq(fl.records, 3);
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++)
            ck_assert_msg(fl.lines[r][c] == want[r][c], "record %d field %d: line %ld, not %ld",
                          r + 1, c + 1, fl.lines[r][c], want[r][c]);
    /* The same with the last field not UTF-8: line 6, column 3. */
    static const char bad[] = "a,b,c\n\"x\ny\",2,3\n4,\"p\nq\nr\",\xff\n";
    fp = fmemopen((void *)bad, sizeof bad - 1, "rb");
    fl.records = 0;
    ck_assert_int_eq(sc_csv_read(fp, "t.csv", NULL, keep_lines, &fl, &e), SC_EINPUT);
    fclose(fp);
    ck_assert_int_eq(e.line, 6);
    ck_assert_int_eq(e.column, 3);
}
END_TEST

/* Every length a cell may have up to past the short cases: exactly the n
 * bytes copied, none before or after touched. */
START_TEST(test_copy_short)
{
    char src[64], dst[64 + 2];
    for (size_t i = 0; i < sizeof src; i++)
        src[i] = (char)('A' + i % 26);
    for (size_t n = 0; n <= 40; n++) {
        memset(dst, '#', sizeof dst);
        sc_copy_short(dst + 1, src, n);
        ck_assert_msg(dst[0] == '#', "byte before, n = %zu", n);
        ck_assert_msg(memcmp(dst + 1, src, n) == 0, "copy, n = %zu", n);
        for (size_t k = n + 1; k < sizeof dst; k++)
            ck_assert_msg(dst[k] == '#', "byte %zu after, n = %zu", k - n - 1, n);
    }
}
END_TEST

static Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("reader");
    tcase_add_test(tc, test_stray_quote_is_an_error);
    tcase_add_test(tc, test_unterminated_quote_at_eof);
    tcase_add_test(tc, test_bom_stripped);
    tcase_add_test(tc, test_blank_lines_and_line_numbers);
    tcase_add_test(tc, test_quoted_newlines_and_commas);
    tcase_add_test(tc, test_trimming);
    tcase_add_test(tc, test_doubled_quotes);
    tcase_add_test(tc, test_ragged_rows);
    tcase_add_test(tc, test_nul_and_utf8);
    tcase_add_test(tc, test_control_characters);
    tcase_add_test(tc, test_cr_line_ends);
    tcase_add_test(tc, test_header_problems);
    tcase_add_test(tc, test_field_limits);
    tcase_add_test(tc, test_streaming_no_trailing_newline);
    tcase_add_test(tc, test_field_start_lines);
    tcase_add_test(tc, test_copy_short);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(csv_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
