#!/bin/sh
# `quote` and `quotes`: every Good Faith Estimate element in each format (PDF
# read back with pdftotext), totals equal to the estimate, deadlines, the
# register (private, unique numbers under concurrency, identical reissue,
# changed tables refused) and bad input.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/minimal"
PROV="$TESTS_SRCDIR/fixtures/provider.txt"
REG="$tmp/quotes.sqlite"
q() { status=0; sc quote --pricing "$FIX" --register "$REG" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }
base="--patient Jane\ Doe --dob 1960-04-02 --provider $PROV --procedure bmac --condition knee-oa --country US"

# The elements 45 CFR 149.610(c) requires, as the document words them.
check_elements() { # FILE WHAT
    for e in "Good Faith Estimate" "Jane Doe" "1960-04-02" "Bone marrow aspirate concentrate" \
             "2026-12-04" "M17.0" "99204" "73721" "20611" "Lakeside Orthopaedics" "1234567893" \
             "123456789" "100 Main St, Springfield, IL 62701" "scheduled separately" \
             "not a contract" "may be recommended" '$400' "120 calendar days" \
             "www.cms.gov/nosurprises" '$4,400.00' "2027-01-03"; do
        grep -qF -- "$e" "$1" && pass || fail "$2: '$e' missing"
    done
}

q --patient "Jane Doe" --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa \
  --country US --service-date 2026-12-04 --quote-date 2026-12-04 --scheduled 2026-11-20 \
  --valid-days 30 -o "$tmp/q1.txt"
expect_status 0 "$status" "text quote"
expect_grep "quote SC-2026-000001 recorded" "$tmp/err" "first number"
check_elements "$tmp/q1.txt" "text"
# Scheduled Friday 11-20, ten business days ahead: due within 3 business days,
# Wednesday 11-25; dated 12-04, the quote is late and says so.
expect_grep "by 2026-11-25" "$tmp/q1.txt" "deadline"
expect_grep "dated after its deadline of 2026-11-25" "$tmp/q1.txt" "late warning"
perm=$(stat -c %a "$REG")
[ "$perm" = 600 ] && pass || fail "register mode $perm, expected 600"

q --patient "Jane Doe" --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa \
  --country US --service-date 2026-12-04 --quote-date 2026-12-04 -o "$tmp/q2.html"
expect_status 0 "$status" "html quote"
check_elements "$tmp/q2.html" "html"
grep -q '<link\|src=\|http://\|@import' "$tmp/q2.html" && fail "html loads external assets" || pass
expect_grep '@media print' "$tmp/q2.html" "print CSS"

q --patient "Jane Doe" --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa \
  --country US --service-date 2026-12-04 --quote-date 2026-12-04 -o "$tmp/q3.pdf"
expect_status 0 "$status" "pdf quote"
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -layout "$tmp/q3.pdf" "$tmp/q3.txt"
    check_elements "$tmp/q3.txt" "pdf"
else
    fail "pdftotext is missing (install poppler-utils)"
fi

# Reissue: byte-identical, in every format.
for f in txt pdf; do
    n=1; [ $f = pdf ] && n=3
    status=0
    sc quote --pricing "$FIX" --register "$REG" --reissue $n -o "$tmp/re.$f" 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "reissue $f"
done
cmp -s "$tmp/q1.txt" "$tmp/re.txt" && pass || fail "reissued text differs"
cmp -s "$tmp/q3.pdf" "$tmp/re.pdf" && pass || fail "reissued PDF differs"

# A changed pricing table is detected.
cp -r "$FIX" "$tmp/changed"
sed -i 's/Consultation,99204,episode,1,100,200,300/Consultation,99204,episode,1,100,210,300/' "$tmp/changed/items.csv"
status=0
sc quote --pricing "$tmp/changed" --register "$REG" --reissue SC-2026-000001 -o "$tmp/re2.txt" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "reissue with changed tables"
expect_grep "pricing tables have changed since this quote was issued" "$tmp/err" "changed tables message"
[ -e "$tmp/re2.txt" ] && fail "a refused reissue wrote a document" || pass

# Two clerks at once: 2 x 10 quotes, 20 distinct numbers.
for clerk in a b; do
    ( for i in 1 2 3 4 5 6 7 8 9 10; do
          sc quote --pricing "$FIX" --register "$REG" --patient "P$clerk$i" --dob 1970-01-01 \
             --provider "$PROV" --procedure bmac --condition knee-oa --country US \
             --service-date 2026-12-31 --quote-date 2026-12-01 >/dev/null 2>>"$tmp/clerk$clerk"
      done ) &
done
wait
status=0
sc quotes list --register "$REG" --format csv >"$tmp/list.csv" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "quotes list"
# (provider and scenario cells hold newlines: count codes in the JSON export)
sc quotes export --register "$REG" --format json >"$tmp/all.json" 2>/dev/null
distinct=$(grep -o '"code": "SC-[0-9-]*"' "$tmp/all.json" | sort -u | grep -c .)
[ "$distinct" -eq 23 ] && pass || fail "$distinct distinct quote numbers, expected 23"
grep -c 'recorded in the register' "$tmp/clerka" "$tmp/clerkb" | grep -q ':10' && pass || fail "a clerk's quote was not recorded"
sc quotes show SC-2026-000002 --register "$REG" >"$tmp/show.txt" 2>&1 && pass || fail "quotes show"
expect_grep "patient        Jane Doe" "$tmp/show.txt" "show content"
sc quotes export --register "$REG" --format json >"$tmp/export.json" 2>&1 && pass || fail "quotes export"
expect_grep '"code": "SC-2026-000023"' "$tmp/export.json" "export json"

# Outside the US: local currency and tax, no US legal text.
q --patient "Taro Yamada" --dob 1955-01-01 --provider "$TESTS_SRCDIR/fixtures/provider.csv" \
  --procedure adipose-cultured --condition knee-oa --country JP --service-date 2026-12-20 \
  --quote-date 2026-11-20
expect_status 0 "$status" "Japanese quote"
expect_grep '¥903,100' "$tmp/out" "JPY total with tax"
grep -q 'Good Faith\|\$400' "$tmp/out" && fail "US legal text outside the US" || pass

# Bad input: clear errors, no document.
q --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --service-date 2026-12-04 -o "$tmp/bad1.txt"
expect_status 2 "$status" "missing patient"
q --patient X --dob 1960-04-02 --procedure bmac --condition knee-oa --country US --service-date 2026-12-04
expect_status 2 "$status" "missing provider"
q --patient X --dob 1960-02-30 --provider "$PROV" --procedure bmac --condition knee-oa --country US --service-date 2026-12-04
expect_status 2 "$status" "bad date of birth"
q --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --service-date 2026-11-01 --quote-date 2026-11-20
expect_status 2 "$status" "service before the quote date"
expect_grep "is before the quote date" "$tmp/err" "service date message"
printf 'name=A\nnpi=1234567890\ntin=123456789\naddress=B\nphone=1\n' >"$tmp/badnpi.txt"
q --patient X --dob 1960-04-02 --provider "$tmp/badnpi.txt" --procedure bmac --condition knee-oa --country US --service-date 2026-12-04
expect_status 1 "$status" "NPI failing its check digit"
expect_grep "badnpi.txt:2: NPI '1234567890' is not valid" "$tmp/err" "NPI message"
q --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --service-date 2026-12-04 -o "$tmp/no/dir/q.pdf"
expect_status 1 "$status" "unwritable output"
[ -e "$tmp/no/dir/q.pdf" ] && fail "partial document" || pass
[ -e "$tmp/bad1.txt" ] && fail "a refused quote wrote a document" || pass
q --reissue SC-2099-999999
expect_status 1 "$status" "unknown quote"
finish
