#!/bin/sh
# The bundled tables validate clean, both as built in and from pricing/, and a
# spreadsheet-style copy (BOM, CRLF, quoted newlines) of a table still loads.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
status=0
sc validate >"$tmp/out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "validate built-in"
expect_grep "built-in tables: ok" "$tmp/out" "validate built-in"
# Every derived row was recomputed: the summary counts them.
expect_grep "price rows of which [1-9][0-9]* derived from [1-9][0-9]* fee-schedule codes" "$tmp/out" "derived rows counted"
[ -s "$tmp/err" ] && fail "validate built-in wrote to stderr" || pass

status=0
sc validate "$PRICING_SRCDIR" >"$tmp/out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "validate pricing/"

# A spreadsheet export: byte-order mark, CRLF line ends, a quoted note with a
# newline and a comma.  It must load exactly like the original.
cp "$TESTS_SRCDIR"/fixtures/minimal/*.csv "$tmp"/
{
    printf '\357\273\277'
    sed 's/$/\r/' "$TESTS_SRCDIR/fixtures/minimal/tiers.csv" | sed '2s/Orthopaedic practices/"Orthopaedic practices,\r\nsports medicine"/'
} >"$tmp/tiers.csv"
status=0
sc validate "$tmp" >"$tmp/out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "BOM + CRLF + quoted newline validates"
sc list tiers --pricing "$tmp" --format json >"$tmp/json" 2>&1
expect_grep '"id": "specialist"' "$tmp/json" "BOM stripped from the first header name"
expect_grep '"description": "Orthopaedic practices,\\r\\nsports medicine"' "$tmp/json" "quoted newline kept"

# STEMCOST_PRICING selects a directory; --pricing wins over it.
status=0
STEMCOST_PRICING="$TESTS_SRCDIR/fixtures/minimal" sc list tiers --format csv >"$tmp/out" 2>&1 || status=$?
expect_status 0 "$status" "STEMCOST_PRICING"
[ "$(grep -c '' "$tmp/out")" -eq 2 ] && pass || fail "STEMCOST_PRICING: expected the fixture's one tier"
STEMCOST_PRICING=/nonexistent sc list tiers --pricing "$TESTS_SRCDIR/fixtures/minimal" >/dev/null 2>&1 \
    && pass || fail "--pricing should override STEMCOST_PRICING"
finish
