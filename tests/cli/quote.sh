#!/bin/sh
# `quote` and `quotes`: every Good Faith Estimate element in each format (PDF
# read back with pdftotext, every page rendered with pdftoppm), the rules a
# compliance officer checks (UTF-8, self-pay only, dollars, date of issue,
# diagnosis codes, validity), co-providers and own prices, the register
# (private, reissue from the register alone, states, filters, export, busy,
# upgrade of a first-version register, none made by reading a missing one) and
# bad input.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/minimal"
PROV="$TESTS_SRCDIR/fixtures/provider.txt"
REG="$tmp/quotes.sqlite"
day() { date -d "$1 days" +%F; }
TODAY=$(date +%F)
SERVICE=$(day +20)
q() { status=0; sc quote --pricing "$FIX" --register "$REG" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }
US="--patient Jane\ Doe"
us() { q --patient "Jane Doe" --dob 1960-04-02 --provider "$PROV" --procedure bmac \
          --condition knee-oa --country US --icd10 M17.11 "$@"; }
# Text as one line (wrapped lines joined), for phrases that may wrap.
flat() { tr '\n' ' ' <"$1" | tr -s ' '; }
says() { # FILE PHRASE WHAT
    if flat "$1" | grep -qF -- "$2"; then pass; else fail "$3: '$2' missing"; fi
}

# The elements 45 CFR 149.610(c) requires, as the document words them.
check_elements() { # FILE WHAT
    for e in "Good Faith Estimate" "Jane Doe" "1960-04-02" "Bone marrow aspirate concentrate" \
             "$SERVICE" "M17.11 Unilateral primary osteoarthritis, right knee" "99204" \
             "73721" "20611" "Lakeside Orthopaedics" "1234567893" "123456789" \
             "100 Main St, Springfield, IL 62701" "scheduled separately" "not a contract" \
             "may be recommended" '$400' "120 calendar days" "www.cms.gov/nosurprises" \
             "1-800-985-3059" '$4,400.00' "Patient copy" "Provider copy" "Signature"; do
        says "$1" "$e" "$2"
    done
    flat "$1" | grep -q 'M17.0\|M17.12\|M17.9' && fail "$2: candidate codes printed" || pass
}

us --service-date "$SERVICE" --scheduled "$(day -10)" -o "$tmp/q1.txt"
expect_status 0 "$status" "text quote"
expect_grep "quote SC-[0-9]*-000001 recorded in the register $REG" "$tmp/err" "first number"
check_elements "$tmp/q1.txt" "text"
says "$tmp/q1.txt" "Date of this estimate: $TODAY" "dated today"
# Scheduled ten days ago for a service 20 days ahead: due within 3 business
# days of scheduling, long past: the quote says so, and so does stemcost.
says "$tmp/q1.txt" "after its deadline" "late warning"
expect_grep "note: issued on $TODAY, after its deadline" "$tmp/err" "late notice to the clerk"
perm=$(stat -c %a "$REG")
[ "$perm" = 600 ] && pass || fail "register mode $perm, expected 600"

us --service-date "$SERVICE" -o "$tmp/q2.html"
expect_status 0 "$status" "html quote"
check_elements "$tmp/q2.html" "html"
grep -q '<link\|src=\|http://\|@import' "$tmp/q2.html" && fail "html loads external assets" || pass
expect_grep '@media print' "$tmp/q2.html" "print CSS"
expect_grep 'thead{display:table-header-group}' "$tmp/q2.html" "table header repeated when printed"

us --service-date "$SERVICE" -o "$tmp/q3.pdf"
expect_status 0 "$status" "pdf quote"
pdftotext -layout "$tmp/q3.pdf" "$tmp/q3.txt"
check_elements "$tmp/q3.txt" "pdf"
# Amounts right-aligned: the right edges of the amounts of the items table line up.
pdftotext -f 1 -l 1 -bbox "$tmp/q3.pdf" "$tmp/q3.bbox"
edges=$(grep -o 'xMin="[0-9.]*" yMin="[0-9.]*" xMax="[0-9.]*"[^>]*>\$[0-9,]*\.[0-9][0-9]<' "$tmp/q3.bbox" |
        awk -F'"' '$2 > 400 { printf "%.0f\n", $6 }' | sort -u | wc -l)
[ "$edges" -eq 1 ] && pass || fail "amounts not right-aligned ($edges right edges)"

# -o chooses the format by its extension in any case: .PDF is a PDF, .HTML
# and .Htm are HTML, not text with a misleading name.  (A register of their
# own: the numbers below count the quotes issued into $REG.)
main_reg=$REG REG="$tmp/ext.sqlite"
us --service-date "$SERVICE" -o "$tmp/UP.PDF"
expect_status 0 "$status" "quote -o UP.PDF"
[ "$(head -c 5 "$tmp/UP.PDF")" = "%PDF-" ] && pass || fail "-o UP.PDF is not a PDF: $(head -c 20 "$tmp/UP.PDF")"
for ext in HTML Htm; do
    us --service-date "$SERVICE" -o "$tmp/up.$ext"
    expect_status 0 "$status" "quote -o up.$ext"
    expect_grep '^<!DOCTYPE html>' "$tmp/up.$ext" "-o up.$ext is HTML"
done
us --service-date "$SERVICE" -o "$tmp/up.TXT"
expect_status 0 "$status" "quote -o up.TXT"
expect_grep "Good Faith Estimate" "$tmp/up.TXT" "-o up.TXT is text"
grep -q '^<!DOCTYPE\|^%PDF' "$tmp/up.TXT" && fail "-o up.TXT is not text" || pass
REG=$main_reg

# Reissue: from the register alone, marked as a copy, whatever the tables
# became since (here: changed, then gone).
cp -r "$FIX" "$tmp/changed"
sed -i 's/Consultation,99204,episode,1,100,200,300/Consultation,99204,episode,1,100,210,300/' "$tmp/changed/items.csv"
for f in txt pdf; do
    n=1; [ $f = pdf ] && n=3
    status=0
    sc quote --pricing "$tmp/changed" --register "$REG" --reissue $n -o "$tmp/re.$f" 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "reissue $f after the tables changed"
done
rm -rf "$tmp/changed"
status=0
STEMCOST_PRICING="$tmp/changed" sc quote --register "$REG" --reissue 1 -o "$tmp/re1b.txt" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "reissue with no usable tables at all"
expect_grep "COPY - reissued on $TODAY" "$tmp/re.txt" "copy mark (text)"
grep -v "COPY - reissued on" "$tmp/re.txt" >"$tmp/re.stripped"
expect_same "$tmp/q1.txt" "$tmp/re.stripped" "reissued text is the original plus the copy mark"
pdftotext -layout "$tmp/re.pdf" "$tmp/re.pdf.txt"
pages=$(pdfinfo "$tmp/re.pdf" | sed -n 's/^Pages: *//p')
marks=$(grep -c "COPY - reissued on $TODAY" "$tmp/re.pdf.txt")
[ "$marks" -gt "$pages" ] && pass || fail "PDF copy mark on $marks places for $pages pages"
sc quote --register "$REG" --reissue 3 -o "$tmp/re2.pdf" 2>/dev/null
cmp -s "$tmp/re.pdf" "$tmp/re2.pdf" && pass || fail "two reissues the same day differ"

# Long texts never break a document.  A provider's name past 200 bytes is
# refused where it is written (a sentence names it twice, with the phone);
# an item description from the tables too long for its line (400 CJK
# characters, 1,200 bytes) is cut at a character boundary with "...", so the
# document stays UTF-8 and the PDF draws (a cut inside a character made a
# quote that could never be drawn or reissued).
sed "s/^name = .*/name = $(printf '%201s' '' | tr ' ' a)/" "$PROV" >"$tmp/longname.txt"
q --patient X --dob 1960-04-02 --provider "$tmp/longname.txt" --procedure bmac --condition knee-oa \
  --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/longname.out"
expect_status 1 "$status" "provider name of 201 bytes"
expect_grep "longname.txt:2: the provider's name: longer than 200 bytes" "$tmp/err" "long name named"
cp -r "$FIX" "$tmp/longdesc"
desc=$(i=0; while [ $i -lt 400 ]; do printf '\345\261\261'; i=$((i + 1)); done)
sed -i "s/^US,\*,\*,\*,imaging,MRI,/US,*,*,*,imaging,$desc,/" "$tmp/longdesc/items.csv"
for f in txt pdf; do
    q --pricing "$tmp/longdesc" --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac \
      --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/longdesc.$f"
    expect_status 0 "$status" "quote with a 1,200-byte description ($f)"
done
iconv -f UTF-8 -t UTF-8 "$tmp/longdesc.txt" >/dev/null 2>&1 && pass || fail "long description: the quote is not UTF-8"
grep -q "$(printf '\345\261\261')\.\.\." "$tmp/longdesc.txt" && pass || fail "long description not cut with '...'"

# A financing offer as Regulation Z discloses it (12 CFR 1026.18): paid at
# signing, amount financed, the schedule with its different last payment,
# total of payments, finance charge, APR, total cost.  By hand, on the
# fixture's $4,400.00: clinic-6 takes a 20 % deposit, $880.00, and splits
# $3,520.00 into 6 payments at 0 %: $586.666... rounds to $586.67, five of
# them are $2,933.35, so the last is $586.65.
cp -r "$FIX" "$tmp/fin"
echo "clinic-6,Clinic plan 6 months,instalment,0,6,0,0,20,0,500,0,USD,sourced,S1" >>"$tmp/fin/plans.csv"
echo "loan-36,Loan with a fee,loan,12.00,36,0,0,0,5.00,2000,0,USD,sourced,S1" >>"$tmp/fin/plans.csv"
us --pricing "$tmp/fin" --service-date "$SERVICE" --plan clinic-6 -o "$tmp/fin6.txt"
expect_status 0 "$status" "quote with clinic-6"
says "$tmp/fin6.txt" 'Clinic plan 6 months: $880.00 paid at signing (the plan'"'"'s deposit); amount financed $3,520.00; 6 monthly payments from' "clinic-6 signing and amount financed"
says "$tmp/fin6.txt" ': 5 of $586.67 and a last of $586.65; total of payments $3,520.00; finance charge $0.00; annual percentage rate 0.00 %; total cost $4,400.00.' "clinic-6 schedule and totals"
# loan-36: the 5 % fee, $220.00, is paid at signing and financed $4,180.00;
# the payment depends on today's first period, so the figures must agree:
# (n - 1) x payment + last = total of payments; fee + that = total cost;
# total of payments - amount financed = finance charge (the fee is in it).
us --pricing "$tmp/fin" --service-date "$SERVICE" --plan loan-36 -o "$tmp/fin36.txt"
expect_status 0 "$status" "quote with loan-36"
says "$tmp/fin36.txt" 'Loan with a fee: $220.00 paid at signing (the loan'"'"'s fee, a prepaid finance charge); amount financed $4,180.00; 36 monthly payments from' "loan-36 fee and amount financed"
flat "$tmp/fin36.txt" | tr -d '$,' | sed -n 's/.*payments from [0-9-]*: \([0-9]*\) of \([0-9.]*\) and a last of \([0-9.]*\); total of payments \([0-9.]*\); finance charge \([0-9.]*\);.* total cost \([0-9.]*\)\..*/\1 \2 \3 \4 \5 \6/p' >"$tmp/fin36.nums"
awk '{ c = 0;
       if (NF != 6) { print "no schedule sentence"; exit 1 }
       if ($1 != 35) { print "35 regular payments, got " $1; c = 1 }
       if (sprintf("%.2f", $1 * $2 + $3) != sprintf("%.2f", $4)) { print "payments do not add to the total"; c = 1 }
       if (sprintf("%.2f", 220 + $4) != sprintf("%.2f", $6)) { print "fee + payments is not the total cost"; c = 1 }
       if (sprintf("%.2f", $4 - 4180) != sprintf("%.2f", $5)) { print "finance charge is not payments - amount financed"; c = 1 }
       exit c }' "$tmp/fin36.nums" >"$tmp/fin36.why" && pass || fail "loan-36 offer: $(cat "$tmp/fin36.why") ($(cat "$tmp/fin36.nums"))"

# Every PDF page: rendered to PNG; labelled with its copy, page x of y, the
# quote number and the patient.  A long items table crosses pages: its header
# is repeated and no row is split.
cp -r "$FIX" "$tmp/long"
i=10
while [ $i -lt 40 ]; do
    echo "US,specialist,bmac,*,labs,Laboratory panel P$i with a deliberately long description that wraps onto more lines of the items table T$i,8000$i,episode,1,10,20,30,USD,sourced,S1,2025-06-30" >>"$tmp/long/items.csv"
    i=$((i + 1))
done
q --pricing "$tmp/long" --patient "Jane Doe" --dob 1960-04-02 --provider "$PROV" --procedure bmac \
  --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/long.pdf"
expect_status 0 "$status" "long PDF quote"
pages=$(pdfinfo "$tmp/long.pdf" | sed -n 's/^Pages: *//p')
per=$((pages / 2))
[ "$pages" -ge 4 ] && [ $((per * 2)) -eq "$pages" ] && pass || fail "long PDF: $pages pages, expected two copies of at least 2"
pdftoppm -r 40 -png "$tmp/long.pdf" "$tmp/page"
pngs=$(ls "$tmp"/page-*.png | wc -l)
[ "$pngs" -eq "$pages" ] && pass || fail "$pngs PNG pages rendered for $pages PDF pages"
for png in "$tmp"/page-*.png; do
    [ "$(stat -c %s "$png")" -gt 2000 ] && pass || fail "$png: blank page"
done
code=$(sed -n 's/.*quote \(SC-[0-9-]*\) recorded.*/\1/p' "$tmp/err")
p=1
while [ $p -le "$pages" ]; do
    pdftotext -f $p -l $p -layout "$tmp/long.pdf" "$tmp/p.txt"
    n=$(( (p - 1) % per + 1 ))
    copy="Patient copy"; [ $p -gt $per ] && copy="Provider copy"
    grep -q "Page $n of $per" "$tmp/p.txt" && pass || fail "page $p: no 'Page $n of $per'"
    grep -q "$copy *| *$code *| *Patient: Jane Doe" "$tmp/p.txt" && pass || fail "page $p: header"
    if grep -q 'P[0-9][0-9] with' "$tmp/p.txt"; then
        grep -q "Item or service" "$tmp/p.txt" && pass || fail "page $p: rows without the table header"
        [ "$n" -eq 1 ] || grep -q "Convening provider: Lakeside Orthopaedics (continued)" "$tmp/p.txt" && pass || fail "page $p: continued table not named"
    fi
    # every row that starts on this page ends on it
    for k in $(grep -o 'P[0-9][0-9] with' "$tmp/p.txt" | cut -c2-3); do
        grep -q "T$k" "$tmp/p.txt" && pass || fail "page $p: row P$k split across pages"
    done
    p=$((p + 1))
done

# CJK and Devanagari names are drawn (fontconfig fallback), not boxes.
q --patient "山田太郎 प्रिया" --dob 1960-04-02 --provider "$PROV" --procedure bmac \
  --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/cjk.pdf"
expect_status 0 "$status" "CJK/Devanagari quote"
pdffonts "$tmp/cjk.pdf" >"$tmp/fonts" 2>&1
grep -qi "droid\|noto.*cjk\|wqy\|ipa" "$tmp/fonts" && pass || fail "no CJK font embedded: $(cat "$tmp/fonts")"
grep -qi "lohit\|devanagari\|gargi\|samyak" "$tmp/fonts" && pass || fail "no Devanagari font embedded"
pdftotext "$tmp/cjk.pdf" - | grep -q "山田太郎" && pass || fail "CJK name not in the PDF text"

# quotes list aligns by display columns: 山田太郎 (12 bytes) takes 8 columns,
# as wide as "Jane Doe", so both rows' next column starts after 14 (number)
# + 2 + 10 (date) + 2 + 8 (patient) + 2 = 38 columns: byte 39 on the ASCII
# rows, byte 43 on the CJK one (4 more bytes than columns).
main_reg=$REG REG="$tmp/cjk.sqlite"
for p in "山田太郎" "Jane Doe"; do
    q --patient "$p" --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa \
      --country US --icd10 M17.11 --service-date "$SERVICE"
done
sc quotes list --register "$REG" >"$tmp/cjk.list"
at() { LC_ALL=C awk -v w="$1" -v t="$2" 'index($0, w) { print index($0, t); exit }' "$tmp/cjk.list"; }
[ "$(at Quote Provider)" = 39 ] && pass || fail "list header: Provider at byte $(at Quote Provider), expected 39"
[ "$(at "Jane Doe" Lakeside)" = 39 ] && pass || fail "list: ASCII row's provider at byte $(at "Jane Doe" Lakeside), expected 39"
[ "$(at "山田太郎" Lakeside)" = 43 ] && pass || fail "list: CJK row's provider at byte $(at "山田太郎" Lakeside), expected 43"
REG=$main_reg

# Text input that is not UTF-8 (Latin-1 "Müller"): refused, naming the option, nothing recorded.
before=$(sc quotes list --register "$REG" --format csv 2>/dev/null | wc -l)
q --patient "$(printf 'M\374ller')" --dob 1960-04-02 --provider "$PROV" --procedure bmac \
  --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/latin1.pdf"
expect_status 2 "$status" "Latin-1 patient name"
expect_grep "^stemcost: --patient: not valid UTF-8" "$tmp/err" "UTF-8 message names --patient"
[ -e "$tmp/latin1.pdf" ] && fail "a refused quote wrote a document" || pass
after=$(sc quotes list --register "$REG" --format csv 2>/dev/null | wc -l)
[ "$before" -eq "$after" ] && pass || fail "a refused quote was recorded"
printf 'name=Dr M\374ller\nnpi=1234567893\ntin=123456789\naddress=A\nphone=1\n' >"$tmp/latin1.txt"
q --patient X --dob 1960-04-02 --provider "$tmp/latin1.txt" --procedure bmac --condition knee-oa \
  --country US --icd10 M17.11 --service-date "$SERVICE"
expect_status 1 "$status" "Latin-1 provider file"
expect_grep "latin1.txt:1: the provider's name: not valid UTF-8" "$tmp/err" "provider file UTF-8 message"

# A provider address over two lines (a quoted CSV cell) is issued and reissued.
printf 'name,npi,tin,address,phone\nHarbor Spine,1234567893,987654321,"9 Pier Rd\nPortland, ME 04101",1\n' >"$tmp/twoline.csv"
q --patient X --dob 1960-04-02 --provider "$tmp/twoline.csv" --procedure bmac --condition knee-oa \
  --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/two.txt"
expect_status 0 "$status" "two-line address"
code=$(sed -n 's/.*quote \(SC-[0-9-]*\) recorded.*/\1/p' "$tmp/err")
status=0; sc quote --register "$REG" --reissue "$code" -o "$tmp/two-re.txt" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "reissue of a two-line address"
expect_grep "Portland, ME 04101" "$tmp/two-re.txt" "second address line"

# Self-pay only: insurance, deductible, contingency, travellers refused.
for o in "--insurance us-ppo" "--deductible 500" "--contingency 10" "--travelers 2"; do
    # shellcheck disable=SC2086
    us --service-date "$SERVICE" $o
    expect_status 2 "$status" "$o on a quote"
    expect_grep "^stemcost: ${o%% *}: " "$tmp/err" "$o named"
done
# A US GFE is in dollars; a quote abroad is in the local currency, for a US patient too.
us --service-date "$SERVICE" --currency EUR
expect_status 2 "$status" "US GFE in EUR"
expect_grep "US dollars" "$tmp/err" "dollars message"
q --patient "Taro Yamada" --dob 1955-01-01 --provider "$TESTS_SRCDIR/fixtures/provider-jp.txt" \
  --procedure adipose-cultured --condition knee-oa --country JP --home US --service-date "$SERVICE"
expect_status 0 "$status" "Japanese quote for a US patient"
expect_grep '¥903,100' "$tmp/out" "JPY total with tax"
expect_grep "Clinic registration number: 13-000042" "$tmp/out" "non-US identifier"
grep -q 'Good Faith\|\$400\|NPI' "$tmp/out" && fail "US text outside the US" || pass
grep -q "Table prices in" "$tmp/out" && fail "an FX note without a conversion" || pass
# Its lines, exported, add up to its total: by hand, 5,000 + 16,000 + 100,000
# + 300,000 + 400,000 = 821,000 of items and a tax row of 82,100 (10 %),
# 903,100 in all, the total of the flat export.
jp=$(sed -n 's/.*quote \(SC-[0-9-]*\) recorded.*/\1/p' "$tmp/err")
sc quotes export --lines --register "$REG" | tr -d '\r' | awk -F, -v q="$jp" '$1 == q' >"$tmp/jp.lines"
expect_grep "^$jp,6,Tokyo Regenerative Clinic,,tax,Tax (10% on self-pay care),,1,82100,JPY,tax\$" "$tmp/jp.lines" "tax row of the JP quote"
sum=$(awk -F, '{ s += $9 } END { print s }' "$tmp/jp.lines")
[ "$sum" = 903100 ] && pass || fail "JP quote's lines sum to $sum, expected 903100"
total=$(sc quotes export --register "$REG" | tr -d '\r' | awk -F, -v q="$jp" '$1 == q { print $27 }')
[ "$total" = 903100 ] && pass || fail "JP quote's exported total $total, expected 903100"
sc quotes export --lines --format json --register "$REG" >"$tmp/jp.json"
expect_grep '"basis": "tax"' "$tmp/jp.json" "tax row in the JSON lines"
# A table price in another currency is converted, and the rate and its date are shown.
cp -r "$FIX" "$tmp/fx"
echo "EUR,0.8403,2026-01-01,derived,S2" >>"$tmp/fx/fx.csv"
sed -i 's/^US,\*,\*,\*,imaging,MRI,73721,episode,1,500,1000,2000,USD/US,*,*,*,imaging,MRI,73721,episode,1,500,1000,2000,EUR/' "$tmp/fx/items.csv"
q --pricing "$tmp/fx" --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac \
  --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE"
expect_status 0 "$status" "quote with a converted price"
says "$tmp/out" "Table prices in EUR converted to USD at 0.8403 EUR per USD (rate as of 2026-01-01)." "FX rate and date"

# The date of issue is today; another date needs a reason, printed.
us --service-date "$SERVICE" --quote-date "$(day -5)"
expect_status 2 "$status" "backdated without a reason"
expect_grep "^stemcost: --quote-date: the date of issue is the date the register records" "$tmp/err" "backdating message"
us --service-date "$SERVICE" --quote-date "$(day -5)" --date-reason "given in person on the day"
expect_status 0 "$status" "backdated with a reason"
says "$tmp/out" "Date of issue (register): $TODAY" "issue date printed"
says "$tmp/out" "given in person on the day" "reason printed"
# Valid until before the service: warned.
us --service-date "$SERVICE" --valid-days 5
expect_status 0 "$status" "short validity"
expect_grep "note: valid until $(day +5), before the service on $SERVICE" "$tmp/err" "validity notice"
says "$tmp/out" "before the scheduled service" "validity note on the document"
# A shopping GFE: no service date needed when requested.
us --requested
expect_status 0 "$status" "shopping GFE without a service date"
says "$tmp/out" "not yet scheduled" "unscheduled service"
us
expect_status 2 "$status" "no service date, not requested"

# Diagnosis codes: required in the US, checked, sided.
q --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --service-date "$SERVICE"
expect_status 2 "$status" "US GFE without --icd10"
expect_grep "^stemcost: --icd10: " "$tmp/err" "--icd10 named"
for bad in M17.1 17.11 "M75.1-" "M76.*"; do
    q --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --service-date "$SERVICE" --icd10 "$bad"
    expect_status 2 "$status" "--icd10 $bad"
done
us --service-date "$SERVICE" --sites 2
expect_status 2 "$status" "right knee only, two knees treated"
q --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US \
  --service-date "$SERVICE" --sites 2 --icd10 m1711 --icd10 M17.12 --icd10 E66.9
expect_status 0 "$status" "both knees by two codes"
says "$tmp/out" "2 joints (both)" "both sides"
says "$tmp/out" "M17.11 Unilateral primary osteoarthritis, right knee (primary); M17.12" "codes normalised, primary first"

# Co-providers and the provider's own prices.
cat >"$tmp/imaging.txt" <<EOF
name = Springfield Imaging Centre
npi = 1234567893
tin = 98-7654321
address = 5 Elm St, Springfield, IL 62701
phone = +1 217 555 0300
role = co-facility
items = imaging
EOF
printf 'item,price\nconsultation,250.00\n20611,1800\n' >"$tmp/own.csv"
sed 's/^phone.*/&\nprices = own.csv/' "$PROV" >"$tmp/lakeside.txt"
q --patient "Jane Doe" --dob 1960-04-02 --provider "$tmp/lakeside.txt" --co-provider "$tmp/imaging.txt" \
  --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/co.pdf"
expect_status 0 "$status" "co-facility and own prices"
pdftotext -layout "$tmp/co.pdf" "$tmp/co.txt"
# Lakeside: 250 (own) + 500 + 500 + 1,800 (own) + 200 = 3,250; imaging 1,000; total 4,250.
says "$tmp/co.txt" "Co-facility: Springfield Imaging Centre" "co-facility table"
says "$tmp/co.txt" '$3,250.00' "convening subtotal"
says "$tmp/co.txt" '$4,250.00' "total of the summary"
says "$tmp/co.txt" "own cash prices" "own prices said"
# Service codes: a US Good Faith Estimate lists one per item (45 CFR
# 149.610(c)(1)(iv)).  The fixture's harvest, concentration and follow-up
# have none: the clerk is told, 3 of the 6; the price file's code column
# gives them (own prices equal to the tables': harvest and concentration
# $500.00, follow-up $100.00 x 2), and the note goes.
us --service-date "$SERVICE" -o "$tmp/nocode.txt"
expect_grep "note: 3 of the 6 items have no service code" "$tmp/err" "missing codes noted"
printf 'item,price,code\nharvest,500.00,38220\nprocessing,500.00,86999\nfollow-up,100.00,99213\n' >"$tmp/coded.csv"
sed 's/^phone.*/&\nprices = coded.csv/' "$PROV" >"$tmp/coded.txt"
q --patient "Jane Doe" --dob 1960-04-02 --provider "$tmp/coded.txt" --procedure bmac \
  --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/coded.out"
expect_status 0 "$status" "quote with coded own prices"
grep -q "no service code" "$tmp/err" && fail "codes given, still noted missing" || pass
expect_grep "^  Marrow aspiration  *38220  *1  *\$500.00" "$tmp/coded.out" "harvest billed under 38220"
expect_grep "^  Follow-up visit  *99213  *2  *\$200.00" "$tmp/coded.out" "follow-up billed under 99213"
says "$tmp/coded.out" '$4,400.00' "same total with the tables' prices"
printf 'item,price,code\nharvest,500.00,38220;x\n' >"$tmp/coded.csv"
q --patient "Jane Doe" --dob 1960-04-02 --provider "$tmp/coded.txt" --procedure bmac \
  --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/coded2.out"
expect_status 1 "$status" "a malformed code"
expect_grep "coded.csv:2:3: code '38220;x'" "$tmp/err" "malformed code named"

# The register: states, list, filters, export.
n=$(sc quotes list --register "$REG" --format csv 2>/dev/null | tail -n +2 | wc -l)
first=$(sc quotes export --register "$REG" --format json | grep -o '"code": "SC-[0-9-]*"' | head -1 | cut -d'"' -f4)
status=0; sc quotes deliver "$first" --method "e-mail" --register "$REG" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "deliver"
status=0; sc quotes deliver "$first" --method post --register "$REG" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "deliver twice"
status=0; sc quotes deliver 2 --register "$REG" 2>"$tmp/err" || status=$?
expect_status 2 "$status" "deliver without --method"
status=0; sc quotes supersede 1 --by 2 --register "$REG" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "supersede"
status=0; sc quotes void 4 --reason "sent to the wrong patient" --register "$REG" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "void"
sc quotes show 2 --register "$REG" --format json >"$tmp/show.json"
expect_grep '"code": "SC-[0-9]*-000002"' "$tmp/show.json" "show as JSON"
[ "$(grep -c '"code"' "$tmp/show.json")" -eq 1 ] && pass || fail "show JSON holds one quote"
status=0; sc quote --register "$REG" --reissue 2 --copy provider -o "$tmp/prov.pdf" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "provider copy only"
pdftotext "$tmp/prov.pdf" - | grep -q "Patient copy" && fail "--copy provider has a patient copy" || pass
sc quotes show 1 --register "$REG" >"$tmp/show.txt"
expect_grep "^state           superseded" "$tmp/show.txt" "superseded state"
expect_grep "^delivery_method e-mail" "$tmp/show.txt" "delivery recorded"
expect_grep "^superseded_by   SC-[0-9]*-000002" "$tmp/show.txt" "link to the replacement"
sc quotes list --register "$REG" --state void --format csv | tail -n +2 | grep -c . >"$tmp/c"
[ "$(cat "$tmp/c")" -eq 1 ] && pass || fail "filter by state"
sc quotes list --register "$REG" --patient "jane" --format csv | tail -n +2 | cut -d, -f12 | sort -u >"$tmp/p"
[ "$(cat "$tmp/p")" = "Jane Doe" ] && pass || fail "filter by patient: $(cat "$tmp/p")"
cnt=$(sc quotes list --register "$REG" --from "$(day +1)" --format csv | tail -n +2 | grep -c .)
[ "$cnt" -eq 0 ] && pass || fail "filter by date"
cnt=$(sc quotes list --register "$REG" --provider "springfield imaging" --format csv | tail -n +2 | grep -c .)
[ "$cnt" -eq 0 ] && pass || fail "filter by (convening) provider"
cnt=$(sc quotes list --register "$REG" --provider 1234567893 --format csv | tail -n +2 | grep -c .)
want=$(sc quotes list --register "$REG" --format csv | grep -c ',1234567893,')
[ "$cnt" -eq "$want" ] && [ "$cnt" -lt "$n" ] && pass || fail "filter by NPI: $cnt of $n, expected $want"
# The register keeps each quote in its own currency and reads no tables:
# --currency and --pricing are refused (not accepted and ignored), and --help
# does not offer them.
for a in "list" "show 1" "export" "export --lines"; do
    for o in "--currency EUR" "--pricing $tmp/no-such-dir"; do
        status=0
        # shellcheck disable=SC2086
        sc quotes $a --register "$REG" $o >"$tmp/out" 2>"$tmp/err" || status=$?
        expect_status 2 "$status" "quotes $a $o"
        expect_grep "^stemcost: quotes: unknown option '${o%% *}'" "$tmp/err" "quotes $a $o named"
        [ -s "$tmp/out" ] && fail "quotes $a $o wrote output" || pass
    done
done
sc quotes --help >"$tmp/help"
# SQLite's lower() folds A-Z only: --help says so rather than promising "any case".
expect_grep "any case of A-Z only" "$tmp/help" "--patient's folding limit in --help"
grep -q -- "--currency\|--pricing" "$tmp/help" && fail "quotes --help offers --currency or --pricing" || pass
# A bad filter is a usage error naming it, checked before any output starts:
# nothing on standard output (no CSV header, no '['), no -o file.
for a in "list" "list --format csv" "list --format json" "export" "export --format json" \
         "export --lines" "export --lines --format json"; do
    for o in "--from 2026-11-31" "--to 2026-02-30" "--state lost"; do
        status=0
        # shellcheck disable=SC2086
        sc quotes $a --register "$REG" $o >"$tmp/out" 2>"$tmp/err" || status=$?
        expect_status 2 "$status" "quotes $a $o"
        expect_grep "^stemcost: ${o%% *}: '" "$tmp/err" "quotes $a $o named"
        [ -s "$tmp/out" ] && fail "quotes $a $o wrote: $(head -c 80 "$tmp/out")" || pass
        status=0
        # shellcheck disable=SC2086
        sc quotes $a --register "$tmp/typo-reg.sqlite" $o >/dev/null 2>"$tmp/err" || status=$?
        expect_status 2 "$status" "quotes $a $o: checked before the register is opened"
    done
done
# Expired: dated 40 days ago (with its reason), valid 30 days.
us --service-date "$SERVICE" --quote-date "$(day -40)" --date-reason "late entry" --valid-days 30
sc quotes list --register "$REG" >"$tmp/list.txt"
expect_grep "issued, EXPIRED" "$tmp/list.txt" "expired flagged in the list"
expect_grep "1 expired" "$tmp/list.txt" "expired counted"
cnt=$(sc quotes list --register "$REG" --expired --format csv | tail -n +2 | grep -c .)
[ "$cnt" -eq 1 ] && pass || fail "--expired: $cnt"
# A validity running past 9999-12-31 cannot be written YYYY-MM-DD: refused.
us --quote-date 9999-12-20 --date-reason "far future" --service-date 9999-12-28
expect_status 2 "$status" "valid past 9999"
expect_grep '^stemcost: --quote-date: valid 30 days from it, the quote would stay valid past 9999-12-31' \
    "$tmp/err" "names the quote date"
# Export: flat columns, a line-item export, JSON numbers, formula cells neutralised.
q --patient "=HYPERLINK(\"http://evil\")" --dob 1960-04-02 --provider "$PROV" --procedure bmac \
  --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE"
expect_status 0 "$status" "a patient name like a formula"
sc quotes export --register "$REG" -o "$tmp/export.csv"
head -1 "$tmp/export.csv" | grep -q "^code,number,state,expired,issue_date,.*,provider_npi,.*,procedure,condition,.*,diagnosis,service_codes,currency,total,total_low,total_high,lines" && pass || fail "export columns: $(head -1 "$tmp/export.csv")"
grep -q "\"'=HYPERLINK" "$tmp/export.csv" && pass || fail "formula not neutralised"
# Totals 4,400 typical, 2,500 low, 11,000 high: the estimate's range (check_estimate.c:
# the high column prices the procedure's 2 sessions).
grep -q '^SC-[0-9]*-000001,1,superseded,.*,bmac,knee-oa,1,1,M17.11,99204; 73721; 20611,USD,4400.00,2500.00,11000.00,6,' "$tmp/export.csv" && pass || fail "flat export row: $(sed -n 2p "$tmp/export.csv")"
sc quotes export --lines --register "$REG" --format json -o "$tmp/lines.json"
expect_grep '"charge": 2000.00,' "$tmp/lines.json" "line charge as a number"
expect_grep '"quantity": 2,' "$tmp/lines.json" "quantity as a number"
sc quotes export --register "$REG" --format json -o "$tmp/export.json"
expect_grep '"total": 4400.00,' "$tmp/export.json" "total as a number"
expect_grep '"requested": false' "$tmp/export.json" "flag as a boolean"

# A register others can read is fixed (ours) or refused (another owner's).
chmod 644 "$REG"
us --service-date "$SERVICE"
expect_status 0 "$status" "world-readable register, ours"
expect_grep "their access is now removed" "$tmp/err" "fix message"
perm=$(stat -c %a "$REG")
[ "$perm" = 640 ] && pass || fail "register mode $perm after the fix, expected 640"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    cp "$REG" "$tmp/theirs.sqlite"; chmod 644 "$tmp/theirs.sqlite"; chown nobody "$tmp/theirs.sqlite"
    status=0; sc quotes list --register "$tmp/theirs.sqlite" 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "world-readable register, another owner's"
    expect_grep "chmod o-rwx" "$tmp/err" "refusal says how to fix"
fi
# A shared register: in a group-writable directory it is created 0660.
mkdir "$tmp/shared"; chmod 2770 "$tmp/shared"
status=0; sc quote --pricing "$FIX" --register "$tmp/shared/quotes.sqlite" --patient X --dob 1960-04-02 \
    --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 \
    --service-date "$SERVICE" >/dev/null 2>"$tmp/err" || status=$?
expect_status 0 "$status" "shared register"
perm=$(stat -c %a "$tmp/shared/quotes.sqlite")
[ "$perm" = 660 ] && pass || fail "shared register mode $perm, expected 660"

# A busy register: a writer holds it; the clerk is told once, waits, exits 75
# naming the holder.  A long reader does not block a clerk at all.
if command -v sqlite3 >/dev/null 2>&1; then
    # held until we say so (a condition, not a time: valgrind runs are slow)
    touch "$tmp/hold"
    (echo "BEGIN IMMEDIATE;"; echo "UPDATE quotes SET contact = contact WHERE 0;"
     while [ -e "$tmp/hold" ]; do sleep 0.1; done; echo "COMMIT;") | sqlite3 "$REG" &
    holder=$!
    sleep 1
    us --service-date "$SERVICE" --wait 2
    expect_status 75 "$status" "busy register"
    [ "$(grep -c 'the register is busy: held by process [0-9]* (sqlite3); waiting up to 2 s' "$tmp/err")" -eq 1 ] && pass || fail "waiting said once: $(cat "$tmp/err")"
    expect_grep "busy: process [0-9]* (sqlite3) has held it for more than 2 seconds; try again later" "$tmp/err" "busy message names the holder"
    grep -q "not a stemcost register" "$tmp/err" && fail "busy reported as not a register" || pass
    status=0; STEMCOST_REGISTER_WAIT=0 sc quotes list --register "$REG" >/dev/null 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "listing while a clerk writes (WAL)"
    status=0; STEMCOST_REGISTER_WAIT=1 sc quote --pricing "$FIX" --register "$REG" --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" >/dev/null 2>"$tmp/err" || status=$?
    expect_status 75 "$status" "STEMCOST_REGISTER_WAIT"
    rm -f "$tmp/hold"
    wait "$holder"
    touch "$tmp/hold"
    (echo "BEGIN;"; echo "SELECT count(*) FROM quotes;"
     while [ -e "$tmp/hold" ]; do sleep 0.1; done; echo "COMMIT;") | sqlite3 "$REG" >/dev/null &
    reader=$!
    sleep 1
    us --service-date "$SERVICE" --wait 0
    expect_status 0 "$status" "issuing while a reader holds a long transaction"
    rm -f "$tmp/hold"
    wait "$reader"
    # A hand-edited register: a part of a document gone is reported, not printed short.
    cp "$REG" "$tmp/edited.sqlite"
    sqlite3 "$tmp/edited.sqlite" "DELETE FROM quote_blocks WHERE number = 2 AND seq = 5;"
    status=0; sc quote --register "$tmp/edited.sqlite" --reissue 2 -o "$tmp/edited.txt" 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "reissue from a damaged register"
    expect_grep "the register's copy of the document is damaged" "$tmp/err" "damaged document message"
    [ -e "$tmp/edited.txt" ] && fail "a damaged document was written" || pass
    # A register of the first version is upgraded; its quotes cannot be reissued.
    sqlite3 "$tmp/v1.sqlite" "CREATE TABLE quotes (number INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT UNIQUE, issued_at TEXT, quote_date TEXT, valid_until TEXT, service_date TEXT, scheduled TEXT, patient TEXT, dob TEXT, contact TEXT, provider TEXT, scenario TEXT, plan TEXT, currency TEXT, total_low TEXT, total_typical TEXT, total_high TEXT, checksum TEXT, requested INTEGER); INSERT INTO quotes VALUES (NULL, 'SC-2026-000001', '2026-11-20T10:00:00Z', '2026-11-20', '2026-12-20', '2026-12-04', '2026-11-20', 'Old Patient', '1950-01-01', '', 'name=Old Clinic
npi=1234567893
tin=123456789
address=A
phone=1
', 'procedure=bmac
', '', 'USD', '2500.00', '4400.00', '6800.00', 'abc', 0);"
    chmod 600 "$tmp/v1.sqlite"
    status=0; sc quotes export --register "$tmp/v1.sqlite" >"$tmp/v1.csv" 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "first-version register read"
    grep -q '^SC-2026-000001,1,issued,.*,Old Patient,1950-01-01,,Old Clinic,1234567893,.*,USD,4400.00,2500.00,6800.00,' "$tmp/v1.csv" && pass || fail "upgraded row: $(tail -1 "$tmp/v1.csv")"
    status=0; sc quote --register "$tmp/v1.sqlite" --reissue 1 2>"$tmp/err" >/dev/null || status=$?
    expect_status 1 "$status" "reissue of a first-version quote"
    expect_grep "did not keep the document" "$tmp/err" "first-version reissue message"
else
    fail "sqlite3 (the command) is missing: install it (bootstrap.sh does)"
fi
# Not a register at all.
echo "hello" >"$tmp/not.sqlite"; chmod 600 "$tmp/not.sqlite"
status=0; sc quotes list --register "$tmp/not.sqlite" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "not a register"
expect_grep "not a stemcost register" "$tmp/err" "not a register message"

# No register at the path given (a typo): the commands that read or change
# the register say so, naming the path, exit 1 and create nothing (neither the
# register nor an output file); only issuing a quote makes a register.
mkdir "$tmp/typo"
missing="$tmp/typo/qoutes.sqlite"
for a in "quotes list" "quotes show 1" "quotes export" "quotes export --lines --format json" \
         "quotes deliver 1 --method post" "quotes void 1 --reason typo" "quotes supersede 1 --by 2" \
         "quote --reissue 1"; do
    status=0
    # shellcheck disable=SC2086
    sc $a --register "$missing" -o "$tmp/typo/out" >/dev/null 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "$a on a missing register"
    expect_grep "^stemcost: $missing: no quote register here (it is made by the first 'stemcost quote')\$" "$tmp/err" "$a: message names the path"
    [ -z "$(ls -A "$tmp/typo")" ] && pass || fail "$a on a missing register created $(ls -A "$tmp/typo" | tr "\n" " ")"
done
status=0; sc quotes list --register "$tmp/typo/no/such/dir/quotes.sqlite" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "list in a missing directory"
expect_grep "typo/no/such/dir/quotes.sqlite: no quote register here" "$tmp/err" "missing directory message"
status=0; STEMCOST_REGISTER="$missing" sc quotes list 2>"$tmp/err" || status=$?
expect_status 1 "$status" "list on a missing \$STEMCOST_REGISTER"
expect_grep "^stemcost: $missing: no quote register here" "$tmp/err" "\$STEMCOST_REGISTER named"
[ -z "$(ls -A "$tmp/typo")" ] && pass || fail "\$STEMCOST_REGISTER: $(ls -A "$tmp/typo" | tr "\n" " ")created"
# A quote refused, or whose document cannot be written, makes no register:
# the request is checked, then the output opened, then the register.
for case in "2|--procedure no-such|" "1|--procedure bmac|-o $tmp/typo/no/dir/q.txt"; do
    want=${case%%|*} rest=${case#*|}
    opts=${rest%%|*} out=${rest#*|}
    status=0
    # shellcheck disable=SC2086
    sc quote --pricing "$FIX" --register "$tmp/typo/refused.sqlite" --patient X --dob 1960-04-02 \
        --provider "$PROV" --condition knee-oa --country US --icd10 M17.11 \
        --service-date "$SERVICE" $opts $out >/dev/null 2>"$tmp/err" || status=$?
    expect_status "$want" "$status" "refused quote ($case)"
    [ -z "$(ls -A "$tmp/typo")" ] && pass || fail "refused quote ($case) left $(ls -A "$tmp/typo" | tr "\n" " ")"
done
# An empty file is not a register, and reading it does not make it one.
: >"$tmp/typo/empty.sqlite"
chmod 600 "$tmp/typo/empty.sqlite"
status=0; sc quotes list --register "$tmp/typo/empty.sqlite" >/dev/null 2>"$tmp/err" || status=$?
expect_status 1 "$status" "list of an empty file"
expect_grep "^stemcost: $tmp/typo/empty.sqlite: is empty: not a quote register" "$tmp/err" "empty file named"
[ ! -s "$tmp/typo/empty.sqlite" ] && pass || fail "listing an empty file wrote to it"
rm -f "$tmp/typo/empty.sqlite"*
# A register the first quote made lists that quote.
status=0; sc quote --pricing "$FIX" --register "$tmp/typo/new.sqlite" --patient "New Patient" \
    --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US \
    --icd10 M17.11 --service-date "$SERVICE" >/dev/null 2>"$tmp/err" || status=$?
expect_status 0 "$status" "first quote makes the register"
status=0; sc quotes list --register "$tmp/typo/new.sqlite" >"$tmp/new.txt" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "list of a register the first quote made"
expect_grep "New Patient" "$tmp/new.txt" "the first quote listed"
expect_grep "^1 quote\$" "$tmp/new.txt" "one quote counted"
# The user's own register (no --register, no $STEMCOST_REGISTER, no shared
# register on this machine): not there yet is the same error, and reading
# makes none of its directories; the first quote makes it.
if [ ! -e /var/lib/stemcost/quotes.sqlite ]; then
    mkdir "$tmp/home"
    own="$tmp/home/.local/share/stemcost/quotes.sqlite"
    status=0; (unset STEMCOST_REGISTER; HOME="$tmp/home" sc quotes list) 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "list with no register of one's own yet"
    expect_grep "^stemcost: $own: no quote register here" "$tmp/err" "own register named"
    [ -z "$(ls -A "$tmp/home")" ] && pass || fail "listing made $(ls -A "$tmp/home") in HOME"
    status=0; (unset STEMCOST_REGISTER; HOME="$tmp/home" sc quote --pricing "$FIX" --patient X \
        --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US \
        --icd10 M17.11 --service-date "$SERVICE") >/dev/null 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "first quote makes one's own register"
    status=0; (unset STEMCOST_REGISTER; HOME="$tmp/home" sc quotes list --format csv) >"$tmp/own.csv" 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "list of one's own register"
    [ "$(tail -n +2 "$tmp/own.csv" | grep -c .)" -eq 1 ] && pass || fail "own register: $(cat "$tmp/own.csv")"
    [ "$(stat -c %a "$tmp/home/.local/share/stemcost")" = 700 ] && pass || fail "own register's directory not 0700"
fi

# Bad input: clear errors, no document.
q --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/bad1.txt"
expect_status 2 "$status" "missing patient"
q --patient X --dob 1960-04-02 --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE"
expect_status 2 "$status" "missing provider"
q --patient X --dob 1960-02-30 --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE"
expect_status 2 "$status" "bad date of birth"
q --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$(day -1)"
expect_status 2 "$status" "service before the quote date"
expect_grep "is before the quote date" "$tmp/err" "service date message"
q --patient '' --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE"
expect_status 2 "$status" "empty --patient"
printf 'name=A\nnpi=1234567890\ntin=123456789\naddress=B\nphone=1\n' >"$tmp/badnpi.txt"
q --patient X --dob 1960-04-02 --provider "$tmp/badnpi.txt" --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE"
expect_status 1 "$status" "NPI failing its check digit"
expect_grep "badnpi.txt:2: NPI '1234567890' is not valid" "$tmp/err" "NPI message"
q --patient X --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date "$SERVICE" -o "$tmp/no/dir/q.pdf"
expect_status 1 "$status" "unwritable output"
[ -e "$tmp/no/dir/q.pdf" ] && fail "partial document" || pass
[ -e "$tmp/bad1.txt" ] && fail "a refused quote wrote a document" || pass
q --reissue SC-2099-999999
expect_status 1 "$status" "unknown quote"
q --reissue 1 --patient X
expect_status 2 "$status" "--reissue with issue options"
# What the tables say a quote leaves out is on the document (procedures.csv
# not_included for bmac: sedation first); the minimal fixture has none: the usual list.
status=0
sc quote --register "$tmp/nc.sqlite" --patient X --dob 1960-01-01 --provider "$PROV" \
    --procedure bmac --condition knee-oa --country US --icd10 M17.11 --service-date 2026-12-31 \
    >"$tmp/nc.txt" 2>/dev/null || status=$?
expect_status 0 "$status" "quote on the bundled tables"
tr '\n' ' ' <"$tmp/nc.txt" | tr -s ' ' | grep -q "scheduled separately if you need them: sedation (oral or IV" && pass ||
    fail "the procedure's not-included list is not on the quote"
finish
