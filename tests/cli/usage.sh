#!/bin/sh
# Command-line contract: --help, --version, exit statuses and messages.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
run() { status=0; sc "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }

run --help;            expect_status 0 "$status" "--help"; expect_grep "Usage: stemcost COMMAND" "$tmp/out" "--help"
run --version;         expect_status 0 "$status" "--version"; expect_grep "^stemcost [0-9]" "$tmp/out" "--version"
run;                   expect_status 2 "$status" "no command"
run frobnicate;        expect_status 2 "$status" "unknown command"; expect_grep "stemcost: unknown command 'frobnicate'" "$tmp/err" "unknown command"
for cmd in list validate; do
    run "$cmd" --help; expect_status 0 "$status" "$cmd --help"; expect_grep "Usage: stemcost $cmd" "$tmp/out" "$cmd --help"
done
run list;              expect_status 2 "$status" "list without a table"
run list nosuch;       expect_status 2 "$status" "list unknown table"; expect_grep "unknown table 'nosuch'" "$tmp/err" "list unknown table"
run list tiers --bogus; expect_status 2 "$status" "unknown option"; expect_grep "stemcost: list: unknown option '--bogus'" "$tmp/err" "unknown option"
run estimate --help=x; expect_status 2 "$status" "a flag given a value"; expect_grep "stemcost: estimate: option '--help' takes no value" "$tmp/err" "says the flag takes no value"
run list tiers --bogus=1; expect_status 2 "$status" "unknown option with a value"; expect_grep "stemcost: list: unknown option '--bogus=1'" "$tmp/err" "unknown, not a flag"
run list tiers --format; expect_status 2 "$status" "missing value"; expect_grep "option '--format' needs a value" "$tmp/err" "missing value"
run list tiers --format xml; expect_status 2 "$status" "bad format"; expect_grep "'xml' is not one of table, csv, json" "$tmp/err" "bad format"
run list tiers --currency XYZ; expect_status 2 "$status" "bad currency"
run list tiers --pricing "$tmp/none"; expect_status 1 "$status" "missing pricing dir"; expect_grep "cannot open pricing directory" "$tmp/err" "missing pricing dir"
run validate "$TESTS_SRCDIR/cli/lib.sh"; expect_status 1 "$status" "validate a file"; expect_grep "not a directory" "$tmp/err" "validate a file"
# Output is the same whatever the locale (numbers always use '.').
if de_locale; then
    LOCPATH="$DE_LOCPATH" LC_ALL=de_DE.UTF-8 sc list fx --format json >"$tmp/de" 2>/dev/null
    LC_ALL=C sc list fx --format json >"$tmp/c" 2>/dev/null
    expect_same "$tmp/c" "$tmp/de" "locale independence"
else
    fail "cannot build the de_DE.UTF-8 locale (install the Debian package locales)"
fi
finish
