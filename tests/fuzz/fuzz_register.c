/* libFuzzer harness: the quote register read back, damaged or edited by hand.
 *
 * Driven only through the public functions and the `quote --reissue` and
 * `quotes` commands.  The first byte chooses:
 *   even: the rest is the register file itself, byte for byte (a damaged
 *         file: a torn copy, another program's database, garbage);
 *   odd:  the rest is one quote record, its columns in the order of the
 *         register's `quotes` table (whatever its schema version: the
 *         columns are read from the table itself) separated by 0x1f,
 *         written into a good register the way a person with the sqlite3 shell
 *         could: a column starting 0x01 is stored as a blob, 0x02 as NULL,
 *         0x03 as an integer; a checksum of "=" is the one of the tables in use
 *         (so that reissue goes past its check to rebuild the quote).
 * Then `quote --reissue 1` (text or HTML: the second byte), `quotes show 1`
 * and `quotes export` (CSV, JSON) run on it, on the small table set
 * tests/fuzz/pricing-base.  Errors are expected; a crash, a leak or a
 * sanitizer report is a finding.  (Run with -close_fd_mask=3.) */
#include <config.h>

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_command.h"
#include "stemcost/quote.h"

static char path[256];
static char checksum[17];

static void setup(void)
{
    if (path[0] != '\0')
        return;
    /* Memory-backed when possible: SQLite syncs on every commit. */
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof path, "%s/stemcost-fuzz-register-%ld.sqlite", dir, (long)getpid());
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    if (sc_pricing_load_dir(FUZZ_PRICING_BASE, &p, &d) != SC_OK)
        abort();
    sc_diags_free(&d);
    sc_pricing_checksum(p, checksum);
    sc_pricing_free(p);
}

static void write_file(const uint8_t *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    if (fp == NULL)
        abort();
    fwrite(data, 1, size, fp);
    fclose(fp);
}

/* A good register (as the program makes it) holding the record in `data`. */
static void write_record(const uint8_t *data, size_t size)
{
    sc_register *reg;
    sc_error err;
    if (sc_register_open(path, NULL, &reg, NULL, &err) != SC_OK)
        abort();
    sc_register_close(reg);
    sqlite3 *db;
    sqlite3_stmt *cols, *ins;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        abort();
    sqlite3_exec(db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
    /* INSERT INTO quotes (every column) VALUES (?, ...), from the table. */
    char sql[4096] = "INSERT INTO quotes (", names[64][64];
    int ncols = 0, checksum_col = 0;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('quotes')", -1, &cols,
                           NULL) != SQLITE_OK)
        abort();
    while (sqlite3_step(cols) == SQLITE_ROW && ncols < 64) {
        snprintf(names[ncols], sizeof names[ncols], "%s", sqlite3_column_text(cols, 0));
        if (strcmp(names[ncols], "checksum") == 0)
            checksum_col = ncols + 1;
        ncols++;
    }
    sqlite3_finalize(cols);
    for (int i = 0; i < ncols; i++) {
        strcat(sql, i ? ", " : "");
        strcat(sql, names[i]);
    }
    strcat(sql, ") VALUES (");
    for (int i = 0; i < ncols; i++)
        strcat(sql, i ? ", ?" : "?");
    strcat(sql, ")");
    if (ncols == 0 || sqlite3_prepare_v2(db, sql, -1, &ins, NULL) != SQLITE_OK)
        abort();
    size_t start = 0;
    for (int col = 1; col <= ncols; col++) {
        size_t end = start;
        while (end < size && data[end] != 0x1f)
            end++;
        const char *f = start < size ? (const char *)data + start : "";
        int n = start < size ? (int)(end - start) : 0;
        if (n > 0 && f[0] == 0x01) {
            sqlite3_bind_blob(ins, col, f + 1, n - 1, SQLITE_TRANSIENT);
        } else if (n > 0 && f[0] == 0x02) {
            sqlite3_bind_null(ins, col);
        } else if (n > 0 && f[0] == 0x03) {
            char num[32];
            snprintf(num, sizeof num, "%.*s", n - 1 < 31 ? n - 1 : 31, f + 1);
            sqlite3_bind_int64(ins, col, strtoll(num, NULL, 10));
        } else if (col == checksum_col && n == 1 && f[0] == '=') {
            sqlite3_bind_text(ins, col, checksum, -1, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_text(ins, col, f, n, SQLITE_TRANSIENT);
        }
        start = end + 1;
    }
    sqlite3_step(ins); /* a constraint may refuse the record: then there is none */
    sqlite3_finalize(ins);
    sqlite3_close(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    setup();
    unlink(path);
    if (data[0] % 2 == 0)
        write_file(data + 2, size - 2);
    else
        write_record(data + 2, size - 2);
    const char *format = data[1] % 2 ? "html" : "text";
    char *reissue[] = {"quote", "--register", path, "--pricing", FUZZ_PRICING_BASE,
                       "--reissue", "1", "--format", (char *)format, NULL};
    cli_command_main(&cli_cmd_quote, 9, reissue);
    char *show[] = {"quotes", "show", "1", "--register", path, NULL};
    cli_command_main(&cli_cmd_quotes, 5, show);
    char *csv[] = {"quotes", "export", "--format", "csv", "--register", path, NULL};
    cli_command_main(&cli_cmd_quotes, 6, csv);
    char *json[] = {"quotes", "export", "--format", "json", "--register", path, NULL};
    cli_command_main(&cli_cmd_quotes, 6, json);
    unlink(path);
    return 0;
}
