#!/bin/sh
# `compare` from the command line on the hand-computed fixture (numbers worked
# in tests/unit/check_compare.c), the bundled tables, and bad input.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/compare"
cmp_() { status=0; sc compare --today 2026-11-24 "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }

cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --clinics "$TESTS_SRCDIR/fixtures/clinics.csv" --format json
expect_status 0 "$status" "compare json"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"currency":"USD","home":"US"' "$tmp/flat" "json header"
expect_grep '"rank":1,"group":"lawful","country":"US","tier":"community","procedure":"bmac","clinic":null' "$tmp/flat" "first row"
expect_grep '"out_of_pocket":{"low":4400.00,"typical":4900.00,"high":5400.00},"saving":0.00,"saving_pct":0.00' "$tmp/flat" "baseline row"
expect_grep '"clinic":"PartialClinic"' "$tmp/flat" "clinic row"
expect_grep '"omitted":"imaging,follow-up","omitted_estimate":1200.00' "$tmp/flat" "omitted items"
expect_grep '"monthly_payment":null' "$tmp/flat" "no plan, no payment"

cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --format csv
expect_status 0 "$status" "compare csv"
expect_grep '^rank,group,country,tier,procedure,clinic,home,status,priced,treatment_low,' "$tmp/out" "csv header"
expect_grep '^4,trial-only,IN,community,bmac,,no,trial-only,yes,1600.00,2100.00,2600.00,0.00,940.00,1140.00,1340.00,0.00,2540.00,3240.00,3940.00,1660.00,33.88,' "$tmp/out" "csv row"
expect_grep '^6,not-priced,JP,community,bmac,,no,exempt,no,' "$tmp/out" "unpriced row kept"

cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home JP --countries JP,IN --currency USD
expect_status 0 "$status" "--currency"
expect_grep 'every option in USD' "$tmp/out" "currency override"

# The example on the bundled tables: every country and tier, travel, flags, savings.
cmp_ --procedure bmac --condition knee-oa --home US
expect_status 0 "$status" "bundled compare"
for c in US CA DE IN JP; do expect_grep "  $c " "$tmp/out" "row for $c"; done
expect_grep 'Only inside a clinical trial' "$tmp/out" "trial-only group"
cmp_ --procedure bmac --condition knee-oa --home US --plan fixed-36 --percentiles --draws 500 --countries US,IN --format json
expect_status 0 "$status" "bundled compare with plan and percentiles"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"percentiles":{"p10":' "$tmp/flat" "percentiles per row"

# Bad input: nothing printed as if valid.
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home XX
expect_status 2 "$status" "unknown home"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --countries ""
expect_status 2 "$status" "empty country list"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --countries US,,IN
expect_status 2 "$status" "empty entry"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --countries US,ZZ
expect_status 2 "$status" "unknown country in the list"
expect_grep "stemcost: --countries: unknown country 'ZZ'" "$tmp/err" "list message"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --country US
expect_status 2 "$status" "--country instead of --countries"
printf 'clinic,country,tier\nA,US,specialist\n' >"$tmp/bad.csv"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --clinics "$tmp/bad.csv"
expect_status 1 "$status" "clinics file with missing columns"
expect_grep "bad.csv:1: missing column 'procedure'" "$tmp/err" "missing column message"
[ -s "$tmp/out" ] && fail "a bad clinics file still printed a table" || pass
printf 'clinic,country,city,tier,procedure,currency,amount,includes,quote_date,valid_until\nA,US,,specialist,bmac,USD,5000,injection,2026-13-01,2027-01-01\n' >"$tmp/bad.csv"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --clinics "$tmp/bad.csv"
expect_status 1 "$status" "bad date"
expect_grep "bad.csv:2:9: quote_date '2026-13-01'" "$tmp/err" "bad date location"
# An amount the file may hold that is out of range in the display currency:
# USD 9,999,999,999,999 at 150 yen a dollar is 1.5 x 10^15 yen, past 10^15.
printf 'clinic,country,tier,procedure,currency,amount,includes,quote_date,valid_until\nBig,US,specialist,bmac,USD,9999999999999,harvest,2026-11-01,2027-01-01\n' >"$tmp/big.csv"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --currency JPY --countries US --clinics "$tmp/big.csv"
expect_status 1 "$status" "quote out of range once converted"
expect_grep "big.csv:2:6: 9999999999999.00 USD is out of range once converted to JPY" "$tmp/err" \
    "names the file, line and column"
cmp_ --pricing "$FIX" --procedure bmac --condition knee-oa --home US --clinics "$tmp/nonexistent.csv"
expect_status 1 "$status" "missing clinics file"
finish
