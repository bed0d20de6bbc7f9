#!/bin/sh
# `batch`: streaming scenario reports, row errors, pipes, spreadsheet input,
# and agreement with `estimate` row by row.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/minimal"
bat() { status=0; sc batch --today 2026-11-24 --quiet "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }

cat >"$tmp/in.csv" <<'CSV'
id,procedure,condition,country,sites,insurance,deductible_met,note
1,bmac,knee-oa,US,1,,,"single, self-pay"
2,bmac,knee-oa,US,2,,,bilateral
3,bmac,knee-oa,US,1,us-ppo,200,deductible partly met
4,bmc,knee-oa,US,1,,,typo
5,bmac,knee-oa,US,0,,,zero sites
CSV
bat --pricing "$FIX" "$tmp/in.csv"
expect_status 1 "$status" "a failed row makes the exit status 1"
expect_grep '^id,procedure,condition,country,sites,insurance,deductible_met,note,treatment_low,treatment_typical,treatment_high,tax_typical,travel_typical,insurance_pays_typical,contingency_typical,out_of_pocket_low,out_of_pocket_typical,out_of_pocket_high,result_currency,interpolated_pct,complication_pct,complication_expected,warnings,error' "$tmp/out" "header"
# Hand-computed in check_estimate.c: 2,500/4,400/11,000 (the high column prices the
# procedure's 2 sessions); bilateral 3,500/6,400/17,000;
# deductible partly met: the plan pays 320 typical, out of pocket 2,440/4,080/9,780.
# Interpolated share (check_estimate.c): 400 / 4,400 = 9.09 %; with the plan, the
# patient's part of the interpolated lines (consultation 200 - 160 = 40, follow-up 200)
# over 4,080: 240 / 4,080 = 5.88 %.  Complication: 1.5 % x 53,333.33 = 800.00 self-pay;
# with us-ppo the 200 met counts toward the 3,000 maximum, the episode takes 40 + 840
# more, 1,920 is left: 1.5 % x 1,920 = 28.80.
expect_grep '^1,bmac,knee-oa,US,1,,,"single, self-pay",2500.00,4400.00,11000.00,0.00,0.00,0.00,0.00,2500.00,4400.00,11000.00,USD,9.09,1.5,800.00,' "$tmp/out" "row 1"
expect_grep '^2,bmac,knee-oa,US,2,,,bilateral,3500.00,6400.00,17000.00,' "$tmp/out" "row 2"
expect_grep '^3,bmac,knee-oa,US,1,us-ppo,200,deductible partly met,2500.00,4400.00,11000.00,0.00,0.00,320.00,0.00,2440.00,4080.00,9780.00,USD,5.88,1.5,28.80,' "$tmp/out" "row 3"
expect_grep "^4,bmc,knee-oa,US,1,,,typo,,,,,,,,,,,,,,,,\"procedure: unknown procedure 'bmc' (did you mean 'bmac'?)" "$tmp/out" "row 4 error"
expect_grep "^5,bmac,knee-oa,US,0,,,zero sites,,,,,,,,,,,,,,,,sites: '0' must be a whole number" "$tmp/out" "row 5 error"
expect_grep 'stemcost: batch: 5 rows, 2 failed' "$tmp/err" "summary line"
[ "$(grep -c '' "$tmp/out")" -eq 6 ] && pass || fail "one output row per input row"

# --fail-fast stops at the first bad row, exit 1, no output file left.
status=0
sc batch --today 2026-11-24 --quiet --pricing "$FIX" --fail-fast "$tmp/in.csv" -o "$tmp/ff.csv" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "--fail-fast"
expect_grep "in.csv:5: procedure: unknown procedure 'bmc'" "$tmp/err" "--fail-fast location"
[ -e "$tmp/ff.csv" ] && fail "--fail-fast left a partial output file" || pass

# Standard input to standard output; a spreadsheet export (BOM, CRLF).
status=0
{ printf '\357\273\277procedure,condition,country\r\n'; printf 'bmac,knee-oa,US\r\n'; } |
    sc batch --today 2026-11-24 --quiet --pricing "$FIX" - >"$tmp/pipe.csv" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "stdin with BOM and CRLF"
expect_grep '^bmac,knee-oa,US,2500.00,4400.00,11000.00,' "$tmp/pipe.csv" "BOM stripped, CRLF accepted"

# A ragged row is that row's error; a missing required column is the file's.
printf 'procedure,condition,country\nbmac,knee-oa\nbmac,knee-oa,US\n' >"$tmp/ragged.csv"
bat --pricing "$FIX" "$tmp/ragged.csv"
expect_status 1 "$status" "ragged row"
expect_grep '^bmac,knee-oa,,.*,line 2: 2 fields but the header has 3' "$tmp/out" "ragged row error"
# Every report row has the header's 19 fields (3 input + 16 result columns).
awk -F, 'NF != 19 { bad = 1 } END { exit bad }' "$tmp/out" && pass || fail "a report row is misaligned"
expect_grep '^bmac,knee-oa,US,2500.00' "$tmp/out" "the run goes on"
printf 'procedure,country\nbmac,US\n' >"$tmp/nocond.csv"
bat --pricing "$FIX" "$tmp/nocond.csv"
expect_status 1 "$status" "missing column"
expect_grep "nocond.csv:1: missing column 'condition'" "$tmp/err" "missing column message"
bat --pricing "$FIX" "$tmp/in.csv" -o "$tmp/in.csv"
expect_status 1 "$status" "output = input"
expect_grep "is the input file" "$tmp/err" "output = input message"
bat --pricing "$FIX" "$tmp/none.csv"
expect_status 1 "$status" "missing input"

# Two rows that differ only in the currency: each gets its own (the prepared
# episode of one currency is never reused for the other).  Fixture: 4,400.00 USD
# typical; at 150 JPY per USD, JPY 660,000 (check_estimate.c).
printf 'procedure,condition,country,currency\nbmac,knee-oa,US,USD\nbmac,knee-oa,US,JPY\nbmac,knee-oa,US,USD\n' >"$tmp/cur.csv"
bat --pricing "$FIX" "$tmp/cur.csv"
expect_status 0 "$status" "currency rows"
expect_grep '^bmac,knee-oa,US,USD,2500.00,4400.00,' "$tmp/out" "USD row"
expect_grep '^bmac,knee-oa,US,JPY,375000,660000,' "$tmp/out" "JPY row (not the USD digits)"
[ "$(grep -c '^bmac,knee-oa,US,USD,2500.00,4400.00,' "$tmp/out")" -eq 2 ] && pass || fail "the third row reuses the USD episode"

# A file from a spreadsheet set to a ';' locale: named as such; read with --delimiter.
printf 'procedure;condition;country;note\nbmac;knee-oa;US;a,b\n' >"$tmp/semi.csv"
bat --pricing "$FIX" "$tmp/semi.csv"
expect_status 1 "$status" "; file read as ,"
expect_grep "semi.csv:1:1: the header is one column with ';' in it: the file looks ';'-separated; read it with --delimiter ';'" "$tmp/err" "; file named"
bat --pricing "$FIX" --delimiter ';' "$tmp/semi.csv"
expect_status 0 "$status" "--delimiter ;"
expect_grep '^bmac;knee-oa;US;a,b;2500.00;4400.00;11000.00;' "$tmp/out" "; report"
printf 'procedure\tcondition\tcountry\nbmac\tknee-oa\tUS\n' >"$tmp/tab.csv"
# Warning codes are joined by ';': under that delimiter the field is quoted
# (the bundled tables: umbilical-cord cells are not lawfully offered in the US,
# and more than one warning follows).
printf 'procedure;condition;country\ncord;overuse;US\n' >"$tmp/semi2.csv"
bat --delimiter ';' "$tmp/semi2.csv"
expect_grep '^cord;overuse;US;.*;"regulatory:not-permitted;[^"]*";' "$tmp/out" "; codes quoted"
bat --pricing "$FIX" --delimiter tab "$tmp/tab.csv"
expect_status 0 "$status" "--delimiter tab"
expect_grep "$(printf '^bmac\tknee-oa\tUS\t2500.00\t')" "$tmp/out" "tab report"
bat --pricing "$FIX" --delimiter '|' "$tmp/tab.csv"
expect_status 2 "$status" "--delimiter |"

# Carried columns come back byte for byte: spaces, CRLF inside quotes, quotes,
# commas, UTF-8, empty; the scenario columns ignore surrounding spaces.
printf 'note,procedure,condition,country,other\r\n"Once upon \r\na time", bmac ,knee-oa,US,  padded  \r\n"say ""hi""",bmac,knee-oa,US,M\303\274ller\r\n,bmac,knee-oa,US,"a,b"\r\n' >"$tmp/carry.csv"
bat --pricing "$FIX" "$tmp/carry.csv"
expect_status 0 "$status" "carried columns"
# The report quotes what must be quoted and keeps every byte of the field.
tail -c +"$(($(head -n 1 "$tmp/out" | wc -c) + 1))" "$tmp/out" | head -c 41 >"$tmp/row2"
printf '"Once upon \r\na time"," bmac ",knee-oa,US,' >"$tmp/want2"
cmp -s "$tmp/want2" "$tmp/row2" && pass || { fail "CRLF inside quotes and spaces kept"; od -c "$tmp/row2" | head -5; }
grep -q ',"  padded  ",2500.00,' "$tmp/out" && pass || fail "leading and trailing spaces kept"
expect_grep '^"say ""hi""",bmac,knee-oa,US,Müller,2500.00,' "$tmp/out" "quotes and UTF-8 kept"
expect_grep '^,bmac,knee-oa,US,"a,b",2500.00,' "$tmp/out" "empty and comma fields kept"

# 200,000 generated rows over the bundled tables: one output row each, and a
# sample agrees with `estimate` run on the same scenario.
awk 'BEGIN { split("bmac adipose adipose-cultured cord allogeneic-msc prp", P, " ");
             split("US CA DE IN JP", C, " "); split("community specialist premium", T, " ");
             print "procedure,condition,country,tier,sites,home";
             for (i = 0; i < 200000; i++)
                 print P[1 + i % 6] ",knee-oa," C[1 + int(i / 6) % 5] "," T[1 + int(i / 30) % 3] "," 1 + i % 2 "," C[1 + int(i / 90) % 5] }' >"$tmp/big.csv"
status=0
sc batch --today 2026-11-24 --quiet "$tmp/big.csv" -o "$tmp/big.out" 2>"$tmp/err" || status=$?
[ "$(grep -c '' "$tmp/big.out")" -eq 200001 ] && pass || fail "200,000 rows in, not 200,000 out"
for n in 2 7 31 95 181 450 1001 4567 99999 200001; do
    line=$(sed -n "${n}p" "$tmp/big.out" | tr -d '\r')
    set -- $(echo "$line" | awk -F, '{ print $1, $2, $3, $4, $5, $6, $14, $15, $16, $NF }')
    proc=$1 cond=$2 country=$3 tier=$4 sites=$5 home=$6 lo=$7 ty=$8 hi=$9
    err=$(echo "$line" | awk -F, '{ print $NF }')
    if sc estimate --today 2026-11-24 --procedure "$proc" --condition "$cond" --country "$country" \
        --tier "$tier" --sites "$sites" --home "$home" --format csv >"$tmp/est.csv" 2>/dev/null; then
        want=$(grep '^total,out_of_pocket,' "$tmp/est.csv" | tr -d '\r' | cut -d, -f8-10)
        [ "$want" = "$lo,$ty,$hi" ] && pass || fail "row $n: batch $lo,$ty,$hi, estimate $want"
    else
        [ -n "$err" ] && pass || fail "row $n: estimate failed but batch reported no error"
    fi
done
# More distinct combinations than batch keeps prepared (8,192): the table
# starts again empty, and a scenario met again after that gets the same
# figures as the first time, and as a file of those scenarios alone.
awk 'BEGIN { split("bmac adipose adipose-cultured cord allogeneic-msc prp", P, " ");
             split("US CA DE IN JP", H, " "); split("community specialist premium", T, " ");
             print "procedure,condition,country,tier,sites,home,sessions,travelers";
             n = 0;
             for (p = 1; p <= 6; p++) for (t = 1; t <= 3; t++) for (h = 1; h <= 5; h++)
                 for (s = 1; s <= 2; s++) for (x = 1; x <= 12; x++) for (v = 1; v <= 10; v++) {
                     if (n++ >= 9000) break;
                     row[n] = P[p] ",knee-oa,US," T[t] "," s "," H[h] "," x "," v; print row[n] }
             for (i = 1; i <= 300; i++) print row[i] }' >"$tmp/many.csv"
head -n 301 "$tmp/many.csv" >"$tmp/first.csv"
sc batch --today 2026-11-24 --quiet "$tmp/many.csv" -o "$tmp/many.out" 2>"$tmp/err" || true
sc batch --today 2026-11-24 --quiet "$tmp/first.csv" -o "$tmp/first.out" 2>"$tmp/err" || true
sed -n '2,301p' "$tmp/many.out" >"$tmp/a"
sed -n '9002,9301p' "$tmp/many.out" >"$tmp/b"
sed -n '2,301p' "$tmp/first.out" >"$tmp/c"
[ "$(grep -c '' "$tmp/b")" -eq 300 ] && cmp -s "$tmp/a" "$tmp/b" && pass ||
    fail "a scenario met again after 9,000 others got other figures"
cmp -s "$tmp/a" "$tmp/c" && pass || fail "the first 300 scenarios differ from the same rows alone"
[ "$(grep -c ',USD,' "$tmp/a")" -ge 200 ] && pass || fail "the repeated rows were not priced"

finish
