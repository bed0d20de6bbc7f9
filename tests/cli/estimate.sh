#!/bin/sh
# `estimate` from the command line: formats, exit statuses, and the bundled
# tables' done-when example.  The fixture's numbers are worked by hand in
# tests/unit/check_estimate.c; here they are checked in each output format.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/minimal"
est() { status=0; sc estimate --today 2026-11-24 "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }

# Deductible partly met (see check_estimate.c): 60 / 320 / 1,220 paid by the plan.
est --pricing "$FIX" --procedure bmac --condition knee-oa --country US --insurance us-ppo \
    --deductible-met 200 --format csv
expect_status 0 "$status" "estimate csv"
expect_grep '^total,insurance_pays,,,,,,60.00,320.00,1220.00,,USD,,,' "$tmp/out" "csv insurance total"
# high: 2 sessions (the procedure's high count) at high prices = 11,000 - the plan's 1,220 = 9,780
expect_grep '^total,out_of_pocket,,,,,,2440.00,4080.00,9780.00,,USD,,,' "$tmp/out" "csv out of pocket"
expect_grep '^item,imaging,MRI,73721,imaging,1,episode,500.00,1000.00,2000.00,160.00,USD,sourced,S1,2025-06-30' "$tmp/out" "csv item line"

est --pricing "$FIX" --procedure adipose-cultured --condition knee-oa --country JP --home US \
    --travelers 2 --format json
expect_status 0 "$status" "estimate json"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"out_of_pocket":{"low":10687.34,"typical":13460.67,"high":16687.34}' "$tmp/flat" "json out_of_pocket"
expect_grep '"tax":{"low":547.33,"typical":547.33,"high":547.33}' "$tmp/flat" "json tax"
expect_grep '"fx":{"from":"JPY","to":"USD","rate":0.006667,"as_of":"2026-01-01"},"fx_all":\[{"from":"JPY"' "$tmp/flat" "json fx"
expect_grep '"pricing_as_of":"2025-06-30"' "$tmp/flat" "json pricing_as_of"

est --pricing "$FIX" --procedure adipose-cultured --condition knee-oa --country JP
expect_status 0 "$status" "estimate table"
expect_grep 'Out of pocket *¥903,100 *¥903,100 *¥903,100' "$tmp/out" "table yen total"
expect_grep 'Tax (10% on self-pay care) *¥82,100' "$tmp/out" "table tax line"

# Bad input: exit 2 for unknown IDs, malformed or out-of-range values (a value the
# tables cannot serve, such as a combination they do not price, is a data error: 1).
est --pricing "$FIX" --procedure bmc --condition knee-oa --country US
expect_status 2 "$status" "unknown procedure"
expect_grep "stemcost: --procedure: unknown procedure 'bmc' (did you mean 'bmac'?)" "$tmp/err" "suggestion"
est --pricing "$FIX" --procedure bmac --condition knee-oa --country US --sites 0
expect_status 2 "$status" "--sites 0"
expect_grep "stemcost: --sites: '0' must be a whole number from 1 to 2" "$tmp/err" "--sites message"
est --pricing "$FIX" --procedure bmac --condition knee-oa --country US --insurance us-ppo --coinsurance 140
expect_status 2 "$status" "--coinsurance 140"
est --pricing "$FIX" --condition knee-oa --country US
expect_status 2 "$status" "missing --procedure"
expect_grep "stemcost: --procedure: required" "$tmp/err" "missing --procedure message"
est --pricing "$FIX" --procedure bmac --condition knee-oa --country US extra
expect_status 2 "$status" "stray argument"
[ -s "$tmp/out" ] && fail "an error printed output" || pass

# The bundled tables: the done-when example and a trip abroad.
est --procedure bmac --condition knee-oa --country US
expect_status 0 "$status" "bundled bmac knee US"
expect_grep "Out of pocket" "$tmp/out" "bundled table"
expect_grep "Regulatory status in US" "$tmp/out" "regulatory warning"
est --procedure allogeneic-msc --condition knee-oa --country IN --home US --format json
expect_status 0 "$status" "bundled India approved product from the US"
expect_grep '"id": "airfare"' "$tmp/out" "travel lines"
est --procedure allogeneic-msc --condition hip-oa --country IN
expect_status 1 "$status" "procedure not used for the condition"
expect_grep "not used for hip-oa" "$tmp/err" "condition message"
est --procedure cord --condition knee-oa --country DE
expect_status 1 "$status" "not priced"
expect_grep "cord is not priced in DE" "$tmp/err" "not priced message"
# What is not included and the evidence note come from procedures.csv.
est --procedure bmac --condition knee-oa --country US
expect_grep '^Not included: sedation (oral or IV' "$tmp/out" "not included"
expect_grep '^Evidence: Prices do not track claimed results' "$tmp/out" "evidence note"
# However many rows of one category apply, every one is a line: 300 lab
# panels of $1.00 each (the fixture has none for the US) add exactly $300.00
# to the treatment in every column; none is dropped.
fixture_with_lab_panels "$tmp/many" 300
for d in "$FIX" "$tmp/many"; do
    sc estimate --pricing "$d" --procedure bmac --condition knee-oa --country US --format csv \
        >"$tmp/many.$(basename "$d").csv" 2>"$tmp/err" || fail "estimate with $d"
done
[ "$(grep -c '^item,labs' "$tmp/many.many.csv")" -eq 300 ] && pass || fail "300 lab lines expected, got $(grep -c '^item,labs' "$tmp/many.many.csv")"
a=$(grep '^total,treatment,' "$tmp/many.minimal.csv" | cut -d, -f8-10)
b=$(grep '^total,treatment,' "$tmp/many.many.csv" | cut -d, -f8-10)
echo "$a $b" | awk -F'[, ]' '{ ok = sprintf("%.2f %.2f %.2f", $4 - $1, $5 - $2, $6 - $3) == "300.00 300.00 300.00"; exit !ok }' &&
    pass || fail "300 lab panels of \$1.00: treatment $a -> $b"
finish
