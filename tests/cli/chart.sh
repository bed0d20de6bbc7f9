#!/bin/sh
# --chart FILE on compare, simulate, estimate and finance.  Every SVG is parsed
# by a real XML parser (libxml2's xmllint); positions are checked against
# figures written out here by hand (tests/fixtures/compare, as
# tests/unit/check_compare.c computes them) through the linear scale the
# chart's own axis states: two tick labels and their x give the scale, so a
# mark drawn at the wrong place, or an axis that lies, fails.  PNG sizes and
# PDF text are read back; the same command gives the same bytes; the output
# rules of -o hold for --chart; the charts in doc/charts are current.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/compare"
if ! command -v xmllint >/dev/null 2>&1; then
    echo "FAIL: xmllint not found: install the Debian package libxml2-utils"
    exit 1
fi

# xp FILE XPATH: the values of the nodes XPATH selects, one a line (attribute
# values without their name).  Element names are matched by local-name()
# because SVG has a default namespace.
xp() {
    xmllint --xpath "$2" "$1" 2>/dev/null | sed 's/^ *[a-z0-9-]*="\([^"]*\)"$/\1/'
}
el() { # el NAME [CLASS-PREDICATE]: an XPath step for an SVG element
    if [ $# -eq 1 ]; then echo "*[local-name()='$1']"; else echo "*[local-name()='$1'][$2]"; fi
}
has_class() { echo "contains(concat(' ', @class, ' '), ' $1 ')"; }

# scale FILE AXIS-GROUP-CLASS ATTR: "x0 v0 x1 v1" from the first and last tick
# of an axis (ATTR x1 for a horizontal axis, y1 for a vertical one); tick
# labels are money as people read it ("$8,000") or counts ("6,000").
scale() {
    ticks="//$(el g "@class='$2'")/$(el g "@class='tick'")"
    xp "$1" "$ticks/$(el line "@class='grid'")/@$3" >"$tmp/pos"
    xp "$1" "$ticks/$(el text)/text()" | sed 's/[^0-9.]//g' >"$tmp/val"
    paste "$tmp/pos" "$tmp/val" | awk 'NR == 1 { a = $1; av = $2 } { b = $1; bv = $2 }
        END { print a, av, b, bv }'
}

# near WHAT GOT WANT: equal within 0.02 px (coordinates are written to 0.01).
near() {
    if awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= 0.02) }'; then
        pass
    else
        fail "$1: at $2, expected $3"
    fi
}

# at SCALE VALUE: the pixel of VALUE (major units) on SCALE "x0 v0 x1 v1".
at() {
    echo "$1" | awk -v v="$2" '{ printf "%.4f", $1 + (v - $2) * ($3 - $1) / ($4 - $2) }'
}

wellformed() {
    if xmllint --noout "$1" 2>"$tmp/xmlerr"; then pass; else
        fail "$2: not well-formed XML"
        head -5 "$tmp/xmlerr"
    fi
}

# ---- compare: one row per priced option, marks where the figures put them ----------
# A US patient, one knee, self-pay (figures from tests/unit/check_compare.c):
#   US community  4,400 / 4,900 / 5,400, no travel (lawful)
#   JP specialist 4,870 / 6,270 / 7,670, travel 1,760 (lawful)
#   US specialist 5,400 / 6,400 / 7,400, no travel (lawful)
#   IN community  2,540 / 3,240 / 3,940, travel 1,140 (trial only)
#   IN specialist 3,040 / 3,740 / 4,440, travel 1,140 (trial only)
#   JP community  not priced
# Baseline: US community, 4,900.
C="compare --pricing $FIX --procedure bmac --condition knee-oa --home US --today 2026-11-24"
# shellcheck disable=SC2086
sc $C --chart "$tmp/c.svg" >"$tmp/out" 2>"$tmp/err" || fail "compare --chart: $(cat "$tmp/err")"
wellformed "$tmp/c.svg" "compare"
row="//$(el g "$(has_class row)")"
expect_rows() {
    got=$(xp "$tmp/c.svg" "count($row$1)")
    if [ "$got" = "$2" ]; then pass; else fail "compare: $3: $got rows, expected $2"; fi
}
expect_rows "" 5 "one per priced option"
expect_rows "[$(has_class lawful)]" 3 "lawful"
expect_rows "[$(has_class trial)]" 2 "trial only, apart"
expect_rows "/$(el rect "@class='bar'")" 5 "one bar each"
expect_rows "/$(el rect "@class='travel'")" 3 "travel segments (JP, IN, IN)"
xp "$tmp/c.svg" "$row/@data-label" >"$tmp/labels"
printf '%s\n' "United States, community" "Japan, specialist" "United States, specialist" \
    "India, community" "India, specialist" >"$tmp/want"
expect_same "$tmp/want" "$tmp/labels" "compare: rows in rank order"
S=$(scale "$tmp/c.svg" axis x1)
# Typical marks (a diamond's path starts at its top point: M x,y) and whisker ends.
xp "$tmp/c.svg" "$row/$(el path "@class='typical'")/@d" | sed 's/^M\([-0-9.]*\),.*/\1/' >"$tmp/marks"
xp "$tmp/c.svg" "$row/$(el line "@class='whisker'")/@x1" >"$tmp/lows"
xp "$tmp/c.svg" "$row/$(el line "@class='whisker'")/@x2" >"$tmp/highs"
n=0
for fig in "4400 4900 5400" "4870 6270 7670" "5400 6400 7400" "2540 3240 3940" "3040 3740 4440"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    set -- $fig
    near "compare row $n low" "$(sed -n "${n}p" "$tmp/lows")" "$(at "$S" "$1")"
    near "compare row $n typical" "$(sed -n "${n}p" "$tmp/marks")" "$(at "$S" "$2")"
    near "compare row $n high" "$(sed -n "${n}p" "$tmp/highs")" "$(at "$S" "$3")"
done
# The bar runs from 0 to the typical; travel is its last part (JP: 1,760 of 6,270).
jp="$row[@data-label='Japan, specialist']"
bx=$(xp "$tmp/c.svg" "$jp/$(el rect "@class='bar'")/@x")
bw=$(xp "$tmp/c.svg" "$jp/$(el rect "@class='bar'")/@width")
tx=$(xp "$tmp/c.svg" "$jp/$(el rect "@class='travel'")/@x")
tw=$(xp "$tmp/c.svg" "$jp/$(el rect "@class='travel'")/@width")
near "compare: bar starts at 0" "$bx" "$(at "$S" 0)"
near "compare: treatment and other end" "$(awk -v a="$bx" -v b="$bw" 'BEGIN { print a + b }')" \
    "$(at "$S" 4510)"
near "compare: travel starts" "$tx" "$(at "$S" 4510)"
near "compare: travel ends at the typical" "$(awk -v a="$tx" -v b="$tw" 'BEGIN { print a + b }')" \
    "$(at "$S" 6270)"
base=$(xp "$tmp/c.svg" "//$(el line "@class='baseline'")/@x1")
near "compare: home baseline" "$base" "$(at "$S" 4900)"
expect_grep 'Not priced in the tables.*Japan, community' "$tmp/c.svg" "compare: the unpriced option named"
expect_grep 'font-family="'"'"'DejaVu Sans'"'"', sans-serif"' "$tmp/c.svg" "compare: the font named"
# Self-contained: nothing fetched, no script, no style element or attribute.
if grep -q -E 'href|<script|<style|style=|@import|url\((https?:|//)' "$tmp/c.svg"; then
    fail "compare: the SVG refers outside itself or carries style or script"
else pass; fi

# The same command, the same bytes (SVG, PNG, PDF).
for ext in svg png pdf; do
    # shellcheck disable=SC2086
    sc $C --chart "$tmp/a.$ext" >/dev/null 2>&1 && sc $C --chart "$tmp/b.$ext" >/dev/null 2>&1 ||
        fail "compare --chart .$ext"
    if cmp -s "$tmp/a.$ext" "$tmp/b.$ext"; then pass; else fail "compare: .$ext differs between runs"; fi
done

# The extension chooses the format in any case (.SVG, .Png, .PDF: the same
# bytes as the lower-case name); a bare '.svg' or '.svg' as a directory's
# name part is no extension.
for ext in SVG Png PDF; do
    lower=$(echo "$ext" | tr 'A-Z' 'a-z')
    status=0
    # shellcheck disable=SC2086
    sc $C --chart "$tmp/up.$ext" >/dev/null 2>"$tmp/err" || status=$?
    expect_status 0 "$status" "compare --chart up.$ext"
    if cmp -s "$tmp/a.$lower" "$tmp/up.$ext"; then pass; else fail "compare: .$ext is not the .$lower chart"; fi
done
for bad in "$tmp/.svg" "$tmp/dir.svg/chart"; do
    status=0
    # shellcheck disable=SC2086
    sc $C --chart "$bad" >/dev/null 2>"$tmp/err" || status=$?
    expect_status 2 "$status" "compare --chart $bad"
    expect_grep "^stemcost: --chart: .* must end in .svg, .png or .pdf" "$tmp/err" "$bad refused"
done

# PNG: twice the SVG's size, read from the IHDR chunk.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4,
    $5*16777216 + $6*65536 + $7*256 + $8 }'; }
svg_size() { echo "$(xp "$1" '/*/@width') $(xp "$1" '/*/@height')"; }
want=$(svg_size "$tmp/a.svg" | awk '{ print $1 * 2, $2 * 2 }')
if head -c 8 "$tmp/a.png" | od -An -c | grep -q 'P   N   G'; then pass; else fail "compare: not a PNG"; fi
got=$(png_size "$tmp/a.png")
if [ "$got" = "$want" ]; then pass; else fail "compare: PNG is $got pixels, expected $want"; fi
# PDF: the title, the axis labels and the figures are text a reader can find.
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext "$tmp/a.pdf" "$tmp/pdf.txt" || fail "pdftotext"
    tr '\n' ' ' <"$tmp/pdf.txt" >"$tmp/pdf1.txt"
    for t in "Bone marrow aspirate concentrate for Knee" "Out of pocket, USD" '\$8,000' '\$0' \
        '\$6,270.00' "Lawfully available" "Only inside a clinical trial"; do
        expect_grep "$t" "$tmp/pdf1.txt" "compare: PDF text"
    done
    pdfinfo "$tmp/a.pdf" >"$tmp/info" 2>&1
    expect_grep "^Pages: *1" "$tmp/info" "compare: one PDF page"
    if grep -q CreationDate "$tmp/info"; then fail "compare: the PDF carries a date"; else pass; fi
else
    fail "pdftotext not found: install the Debian package poppler-utils"
fi

# ---- simulate (and estimate --percentiles): p5 / p50 / p95 and the estimate --------
SIM="--pricing $FIX --procedure bmac --condition knee-oa --country IN --home US --today 2026-11-24"
# shellcheck disable=SC2086
sc simulate $SIM --format json --chart "$tmp/s.svg" >"$tmp/s.json" || fail "simulate --chart"
wellformed "$tmp/s.svg" "simulate"
S=$(scale "$tmp/s.svg" axis x1)
for p in p5 p50 p95; do
    v=$(sed -n "s/^ *\"$p\": \([0-9.]*\),*$/\1/p" "$tmp/s.json")
    x=$(xp "$tmp/s.svg" "//$(el line "$(has_class "$p")")/@x1")
    near "simulate: $p at $v" "$x" "$(at "$S" "$v")"
done
# The estimate's range beside it: IN specialist 3,040 / 3,740 / 4,440 (by hand, above).
est="//$(el g "@class='estimate'")"
near "simulate: estimate low" "$(xp "$tmp/s.svg" "$est/$(el line "@class='whisker'")/@x1")" "$(at "$S" 3040)"
near "simulate: estimate high" "$(xp "$tmp/s.svg" "$est/$(el line "@class='whisker'")/@x2")" "$(at "$S" 4440)"
near "simulate: estimate typical" \
    "$(xp "$tmp/s.svg" "$est/$(el path "@class='typical'")/@d" | sed 's/^M\([-0-9.]*\),.*/\1/')" \
    "$(at "$S" 3740)"
bins=$(xp "$tmp/s.svg" "count(//$(el g "@class='histogram'")/$(el rect))")
if [ "$bins" = 20 ]; then pass; else fail "simulate: $bins bins drawn, expected 20"; fi
# estimate --percentiles draws the same histogram from the same draws.
# shellcheck disable=SC2086
sc estimate $SIM --percentiles --chart "$tmp/ep.svg" >/dev/null || fail "estimate --percentiles --chart"
if cmp -s "$tmp/s.svg" "$tmp/ep.svg"; then pass; else
    fail "estimate --percentiles --chart differs from simulate --chart"; fi

# ---- estimate: the stacked bar ----------------------------------------------------
# US specialist, self-pay: consultation 200, MRI 1,000, follow-up 2 x 100 = 200,
# BMAC package 5,000: typical 6,400, nothing paid by insurance.
# shellcheck disable=SC2086
sc estimate --pricing "$FIX" --procedure bmac --condition knee-oa --country US \
    --today 2026-11-24 --chart "$tmp/e.svg" >/dev/null || fail "estimate --chart"
wellformed "$tmp/e.svg" "estimate"
S=$(scale "$tmp/e.svg" axis x1)
seg="//$(el g "@class='bar patient'")/$(el rect "@class='segment'")"
xp "$tmp/e.svg" "$seg/@x" >"$tmp/sx"
xp "$tmp/e.svg" "$seg/@width" >"$tmp/sw"
n=0 start=0
for amount in 200 1000 5000 200; do # bill order: consultation, imaging, injection, follow-up
    n=$((n + 1))
    near "estimate segment $n starts" "$(sed -n "${n}p" "$tmp/sx")" "$(at "$S" $start)"
    end=$((start + amount))
    near "estimate segment $n ends" \
        "$(awk -v a="$(sed -n "${n}p" "$tmp/sx")" -v b="$(sed -n "${n}p" "$tmp/sw")" 'BEGIN { print a + b }')" \
        "$(at "$S" $end)"
    start=$end
done
if [ "$(wc -l <"$tmp/sx")" -eq 4 ]; then pass; else fail "estimate: $(wc -l <"$tmp/sx") segments, expected 4"; fi
if grep -q 'class="bar insurance"' "$tmp/e.svg"; then fail "estimate: an insurance bar for self-pay"; else pass; fi
expect_grep '>\$5,000.00<' "$tmp/e.svg" "estimate: the injection's amount in the key"
expect_grep 'You pay, typical: \$6,400.00' "$tmp/e.svg" "estimate: the total"

# ---- finance: balance and interest over time; plans side by side -------------------
F="finance --amount 12000 --apr 15.9 --months 36 --start 2026-01-15"
sc $F --format json --chart "$tmp/f.svg" >"$tmp/f.json" || fail "finance --chart"
wellformed "$tmp/f.svg" "finance"
Y=$(scale "$tmp/f.svg" "axis y" y1)
pts=$(xp "$tmp/f.svg" "//$(el polyline "@class='balance'")/@points")
echo "$pts" | tr ' ' '\n' >"$tmp/bal"
if [ "$(wc -l <"$tmp/bal")" -eq 37 ]; then pass; else fail "finance: $(wc -l <"$tmp/bal") balance points, expected 37"; fi
near "finance: the loan at the start" "$(head -n 1 "$tmp/bal" | cut -d, -f2)" "$(at "$Y" 12000)"
near "finance: nothing owed at the end" "$(tail -n 1 "$tmp/bal" | cut -d, -f2)" "$(at "$Y" 0)"
charge=$(sed -n 's/^ *"finance_charge": \([0-9.]*\),*$/\1/p' "$tmp/f.json")
near "finance: interest paid in all ($charge)" \
    "$(xp "$tmp/f.svg" "//$(el polyline "@class='interest'")/@points" | tr ' ' '\n' | tail -n 1 | cut -d, -f2)" \
    "$(at "$Y" "$charge")"
# A deferred promotion: the cliff is the interest charged back if not paid off
# (as the report says: $3,549.08 on $12,000 at 29.99 %, the minimum only).
sc finance --amount 12000 --plan promo-12 --start 2026-01-15 --chart "$tmp/p.svg" >"$tmp/p.txt" ||
    fail "finance --plan promo-12 --chart"
wellformed "$tmp/p.svg" "finance promotion"
expect_grep '\$3,549.08 of interest from the purchase date' "$tmp/p.txt" "finance: the report's figure"
Y=$(scale "$tmp/p.svg" "axis y" y1)
h=$(xp "$tmp/p.svg" "//$(el rect "@class='cliff'")/@height")
near "finance: the cliff's height" "$(awk -v y0="$(at "$Y" 0)" -v h="$h" 'BEGIN { print y0 - h }')" \
    "$(at "$Y" 3549.08)"
sc finance --amount 12000 --compare --start 2026-01-15 --chart "$tmp/fc.svg" >/dev/null ||
    fail "finance --compare --chart"
wellformed "$tmp/fc.svg" "finance --compare"
got=$(xp "$tmp/fc.svg" "count(//$(el g "$(has_class plan)"))")
if [ "$got" = 7 ]; then pass; else fail "finance --compare: $got plans drawn, expected 7"; fi

# ---- the output rules -----------------------------------------------------------------
st() { status=0; "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }
# shellcheck disable=SC2086
st sc $C --chart "$tmp/c.txt"
expect_status 2 "$status" "--chart with another extension"
expect_grep "--chart" "$tmp/err" "the error names --chart"
[ -e "$tmp/c.txt" ] && fail "--chart .txt left a file" || pass
echo keep >"$tmp/keep.svg"
# shellcheck disable=SC2086
st sc $C --chart "$tmp/keep.svg"
expect_status 1 "$status" "--chart onto an existing file"
expect_grep "already exists" "$tmp/err" "says it exists"
if [ "$(cat "$tmp/keep.svg")" = keep ]; then pass; else fail "--chart replaced a file without --force"; fi
if [ -s "$tmp/out" ]; then fail "the report was written although the chart was refused"; else pass; fi
# shellcheck disable=SC2086
st sc $C --sites x --chart "$tmp/keep.svg"
expect_status 2 "$status" "a usage error comes before the chart's existing file"
expect_grep "--sites" "$tmp/err" "names the bad option"
# shellcheck disable=SC2086
st sc $C --chart "$tmp/keep.svg" --force
expect_status 0 "$status" "--chart --force"
wellformed "$tmp/keep.svg" "--force replaced it"
# shellcheck disable=SC2086
st sc $C -o "$tmp/same.svg" --chart "$tmp/same.svg"
expect_status 2 "$status" "--chart and --output the same file"
# The same file by other names: "./x" beside "x" (neither there yet), a link to
# an existing report.  Refused before anything is written, even with --force.
# shellcheck disable=SC2086
(cd "$tmp" && st sc $C -o alias.svg --chart ./alias.svg && echo "$status" >st.txt)
expect_status 2 "$(cat "$tmp/st.txt")" "--chart ./x and -o x"
[ ! -e "$tmp/alias.svg" ] && pass || fail "-o written though --chart names the same file"
printf 'the report\n' >"$tmp/report.svg"
ln -s report.svg "$tmp/link.svg"
# shellcheck disable=SC2086
st sc $C -o "$tmp/report.svg" --chart "$tmp/link.svg" --force
expect_status 2 "$status" "--chart a link to the -o file"
expect_grep "is also the --output file" "$tmp/err" "says why"
[ "$(cat "$tmp/report.svg")" = "the report" ] && pass || fail "the report was overwritten"
rm -f "$tmp/report.svg" "$tmp/link.svg" "$tmp/st.txt"
# shellcheck disable=SC2086
st sc $C --chart "$tmp/no-such-dir/c.svg"
expect_status 1 "$status" "--chart in a missing directory"
st sc finance --amount 100 --plan cash --chart ''
expect_status 2 "$status" "finance --chart ''"
expect_grep "--chart" "$tmp/err" "finance: the error names --chart"
st sc finance --amount 100 --plan cash --chart "$tmp/f.doc"
expect_status 2 "$status" "finance --chart .doc"
if ls -A "$tmp" | grep -q '^\.stemcost-'; then fail "a temporary file was left behind"; else pass; fi

# ---- the charts of the README are current -----------------------------------------------
DOC="$TESTS_SRCDIR/../doc/charts"
mkdir "$tmp/doc"
if STEMCOST_WRAPPER="$STEMCOST_WRAPPER" sh "$DOC/charts.sh" "$STEMCOST" "$tmp/doc" >"$tmp/out" 2>&1; then
    for f in "$DOC"/*.svg; do
        name=$(basename "$f")
        wellformed "$tmp/doc/$name" "doc/charts/$name"
        if cmp -s "$f" "$tmp/doc/$name"; then pass; else
            fail "doc/charts/$name is not current: run 'make charts'"
        fi
    done
    [ "$(ls "$tmp/doc" | wc -l)" -eq "$(ls "$DOC"/*.svg | wc -l)" ] && pass ||
        fail "doc/charts.sh made other files than doc/charts holds"
else
    fail "doc/charts/charts.sh: $(head -n 3 "$tmp/out")"
fi
# More lines than the bar can show: the rest are drawn as one part, so the
# bar adds up to the total it states.  By hand, the minimal fixture's six US
# lines plus 300 lab panels of $1.00: the key shows consultation, MRI and 57
# panels; the other 243 panels ($243.00), harvest and concentration ($500.00
# each), injection ($2,000.00) and follow-up ($200.00) are "247 other
# items", $3,443.00.
fixture_with_lab_panels "$tmp/many" 300
sc estimate --pricing "$tmp/many" --procedure bmac --condition knee-oa --country US \
    --chart "$tmp/many.svg" >/dev/null 2>"$tmp/err" || fail "chart of 306 lines"
expect_grep '247 other items: \$3,443.00' "$tmp/many.svg" "lines past the bar's parts drawn as one"
expect_grep 'You pay, typical: \$4,700.00' "$tmp/many.svg" "total of 306 lines"
finish
