#!/bin/sh
# `list` output in each format for the minimal fixture, against hand-written
# expected files in tests/golden/ (written from the fixture's CSV by hand, not
# by running the program).
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
cd "$TESTS_SRCDIR/fixtures/minimal" || exit 1
check() { # TABLE FORMAT GOLDEN
    status=0
    sc list "$1" --pricing . --format "$2" >"$tmp/out" 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "list $1 --format $2"
    expect_same "$TESTS_SRCDIR/golden/$3" "$tmp/out" "list $1 --format $2"
}
check tiers table tiers.table
check travel table travel.table
check fx csv fx.csv
check fx json fx.json
check plans json plans.json
# The optional tables: absent from the fixture, they list empty (header only).
status=0
sc list fee-schedules --pricing . --format csv >"$tmp/out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "list fee-schedules of a directory without one"
[ "$(grep -c '' "$tmp/out")" -eq 1 ] && pass || fail "absent fee-schedules.csv should list as a header only"
# A fee-schedule row in JSON: points, unit value and factors are numbers, an
# empty amount is null (written by hand from tests/broken/25-*/fee-schedules.csv).
cp ./*.csv "$tmp"/
cp "$TESTS_SRCDIR/broken/25-tampered-derived-row/fee-schedules.csv" "$tmp"/
status=0
sc list fee-schedules --pricing "$tmp" --format json >"$tmp/out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "list fee-schedules json"
expect_same "$TESTS_SRCDIR/golden/fee-schedules.json" "$tmp/out" "list fee-schedules json"
# Every table of the built-in data lists in every format.
for t in sources countries availability procedures conditions tiers items fx travel insurance plans complications fee-schedules stays; do
    for f in table csv json; do
        status=0
        sc list "$t" --format "$f" >"$tmp/out" 2>"$tmp/err" || status=$?
        expect_status 0 "$status" "built-in list $t --format $f"
        [ -s "$tmp/out" ] && pass || fail "built-in list $t --format $f printed nothing"
    done
done
# CSV output has one record per data row plus the header (items has no
# embedded newlines): count lines of the source file and of the output.
rows_in=$(grep -c '' "$PRICING_SRCDIR/items.csv")
rows_out=$(sc list items --format csv | grep -c '')
[ "$rows_in" -eq "$rows_out" ] && pass || fail "list items csv: $rows_out lines, expected $rows_in"
finish
