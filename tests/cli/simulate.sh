#!/bin/sh
# `simulate` and `estimate --percentiles` from the command line.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/minimal"
sim() { status=0; sc simulate --today 2026-11-24 "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }

# No uncertainty in Japan's fixture prices: every percentile is the estimate
# (JPY 821,000 + 10 % tax = 903,100; see check_estimate.c).
sim --pricing "$FIX" --procedure adipose-cultured --condition knee-oa --country JP --draws 500 --format json
expect_status 0 "$status" "simulate json"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"draws":500,"seed":20261124,"currency":"JPY"' "$tmp/flat" "draws, default seed, currency"
expect_grep '"percentiles":{"p5":903100,"p10":903100,"p25":903100,"p50":903100,"p75":903100,"p90":903100,"p95":903100}' "$tmp/flat" "percentiles equal the estimate"
expect_grep '"histogram":\[{"lower":903100,"upper":903100,"count":500}\]' "$tmp/flat" "one bin"

# Same seed, byte-identical output in every format; another seed differs.
for f in table csv json; do
    sc simulate --today 2026-11-24 --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 3000 --seed 9 --format $f >"$tmp/a.$f" 2>&1
    sc simulate --today 2026-11-24 --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 3000 --seed 9 --format $f >"$tmp/b.$f" 2>&1
    expect_same "$tmp/a.$f" "$tmp/b.$f" "same seed, same $f output"
done
sc simulate --today 2026-11-24 --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 3000 --seed 10 --format csv >"$tmp/c.csv" 2>&1
cmp -s "$tmp/a.csv" "$tmp/c.csv" && fail "another seed gave the same output" || pass
expect_grep '^summary,seed,9,,,,' "$tmp/a.csv" "seed printed in csv"
expect_grep 'seed 9' "$tmp/a.table" "seed printed in the table"
# The same under a comma-decimal locale.
if de_locale; then
    LOCPATH="$DE_LOCPATH" LC_ALL=de_DE.UTF-8 sc simulate --today 2026-11-24 --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 3000 --seed 9 --format json >"$tmp/de.json" 2>/dev/null
    expect_same "$tmp/a.json" "$tmp/de.json" "locale independence"
else
    fail "cannot build the de_DE.UTF-8 locale (install the Debian package locales)"
fi

# estimate --percentiles adds p10 / p50 / p90 from the same simulation.
status=0
sc estimate --today 2026-11-24 --pricing "$FIX" --procedure adipose-cultured --condition knee-oa --country JP --percentiles --draws 200 --format json >"$tmp/out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "estimate --percentiles"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"percentiles":{"draws":200,"seed":20261124,"p10":903100,"p50":903100,"p90":903100}' "$tmp/flat" "estimate percentiles"

# The bundled tables: the example in all three formats.
for f in table csv json; do
    sim --procedure adipose --condition knee-oa --country DE --draws 100000 --format $f
    expect_status 0 "$status" "bundled simulate $f"
done

# Bad input.
sim --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 0
expect_status 2 "$status" "--draws 0"
expect_grep "stemcost: --draws: '0' must be a whole number from 1 to 10000000" "$tmp/err" "--draws message"
sim --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws -5;        expect_status 2 "$status" "--draws negative"
sim --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws many;      expect_status 2 "$status" "--draws text"
sim --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 10000001;  expect_status 2 "$status" "--draws above the cap"
sim --pricing "$FIX" --procedure bmac --condition knee-oa --country US --seed abc;        expect_status 2 "$status" "--seed text"
sim --pricing "$FIX" --procedure bmc --condition knee-oa --country US;                    expect_status 2 "$status" "unknown procedure"
finish
