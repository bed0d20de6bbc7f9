#!/bin/sh
# A catalogue of hostile input: every case names what it feeds, the exit
# status it must get and (part of) the message it must print.  Nothing may
# crash, hang or print a number as if the input were valid.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/minimal"
T=2026-11-24
cases=0

# hostile NAME STATUS MESSAGE -- ARGS...   (MESSAGE "" means: no message required;
# "out:TEXT" looks for TEXT in standard output, as batch reports row errors there)
hostile() {
    name=$1 want=$2 msg=$3
    shift 4
    cases=$((cases + 1))
    status=0
    sc "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || status=$?
    if [ "$status" -ne "$want" ]; then
        fail "$name: exit status $status, expected $want"
        sed 's/^/    /' "$tmp/err" | head -5
        return
    fi
    where="$tmp/err"
    case $msg in out:*) msg=${msg#out:} where="$tmp/out" ;; esac
    if [ -n "$msg" ] && ! grep -qF -- "$msg" "$where"; then
        fail "$name: message '$msg' not found"
        sed 's/^/    /' "$tmp/err" | head -5
        return
    fi
    # A failed command prints no report as if the input were valid.  (batch
    # streams, so its cases write with -o: the file must not appear.)
    if [ "$want" -ne 0 ] && [ -e "$tmp/report.csv" ]; then
        fail "$name: left a report file despite the error"
        rm -f "$tmp/report.csv"
        return
    fi
    if [ "$want" -ne 0 ] && [ "$1" != batch ] && grep -q 'out_of_pocket\|Out of pocket' "$tmp/out"; then
        fail "$name: printed a report despite the error"
        return
    fi
    pass
}
est="estimate --today $T --pricing $FIX"
bat="batch --today $T --pricing $FIX -o $tmp/report.csv"

# --- malformed CSV (scenario files for batch, tables for validate) ---------------------
printf 'procedure,condition,country\nbmac,knee-oa,"US\n' >"$tmp/unterminated.csv"
hostile "unterminated quote" 1 "unterminated quoted field" -- $bat "$tmp/unterminated.csv"
printf 'procedure,condition,country\nbmac,"knee"-oa,US\n' >"$tmp/stray.csv"
hostile "stray quote" 1 "stray.csv:2:2: malformed CSV" -- $bat "$tmp/stray.csv"
printf 'procedure,condition,country\nbmac,knee-oa,US,extra\n' >"$tmp/ragged.csv"
hostile "ragged row: a row error, the run goes on" 1 "out:line 2: 4 fields but the header has 3" -- batch --today $T --pricing "$FIX" "$tmp/ragged.csv"
printf 'procedure,condition,country\nbmac,knee\000oa,US\n' >"$tmp/nul.csv"
hostile "NUL byte" 1 "nul.csv:2:2: NUL byte" -- $bat "$tmp/nul.csv"
printf 'procedure,condition,country\nbmac,knee-oa,U\377S\n' >"$tmp/utf8.csv"
hostile "invalid UTF-8" 1 "utf8.csv:2:3: invalid UTF-8" -- $bat "$tmp/utf8.csv"
{ printf 'procedure,condition,country\nbmac,knee-oa,'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf '\n'; } >"$tmp/bigfield.csv"
hostile "10 MB field" 1 "field longer than 65536 bytes" -- $bat "$tmp/bigfield.csv"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "c%d,", i; print "x" }' >"$tmp/wide.csv"
hostile "a million-column header" 1 "more than 256 fields" -- $bat "$tmp/wide.csv"
: >"$tmp/empty.csv"
hostile "empty scenario file" 1 "empty file" -- $bat "$tmp/empty.csv"
printf 'procedure,condition,country\n' >"$tmp/header.csv"
hostile "header only: zero rows, valid" 0 "0 rows, 0 failed" -- batch --today $T --pricing "$FIX" "$tmp/header.csv"
mkdir -p "$tmp/p1" && cp "$FIX"/*.csv "$tmp/p1/" && printf 'id,name,description\nspecialist,"Specialist\n' >"$tmp/p1/tiers.csv"
hostile "unterminated quote in a pricing table" 1 "tiers.csv:2:2: unterminated quoted field" -- validate "$tmp/p1"

# --- numbers -----------------------------------------------------------------------------
hostile "NaN amount" 2 "'NaN' is not a number" -- $est --procedure bmac --condition knee-oa --country US --insurance us-ppo --deductible NaN
hostile "infinite amount" 2 "'inf' is not a number" -- $est --procedure bmac --condition knee-oa --country US --insurance us-ppo --copay inf
hostile "1e400" 2 "'1e400' is not a number" -- finance --amount 1e400 --apr 5 --months 12
hostile "-0 is zero, accepted" 0 "" -- $est --procedure bmac --condition knee-oa --country US --insurance us-ppo --copay -0
hostile "thousands separator" 2 "no thousands separators" -- finance --amount 1,000 --apr 5 --months 12
hostile "too many decimals" 2 "USD amounts have at most 2 decimal places" -- finance --amount 10.001 --apr 5 --months 12
hostile "yen with decimals" 2 "JPY amounts have no decimal places" -- finance --currency JPY --amount 100.5 --apr 5 --months 12
hostile "int64 overflow" 2 "too large" -- finance --amount 99999999999999999999 --apr 5 --months 12
hostile "above the money limit" 2 "too large" -- finance --amount 10000000000000.01 --apr 5 --months 12
mkdir -p "$tmp/p2" && cp "$FIX"/*.csv "$tmp/p2/" && sed -i 's/,MRI,73721,episode,1,500,/,MRI,73721,episode,1,NaN,/' "$tmp/p2/items.csv"
hostile "NaN in a price table" 1 "items.csv:3:10: low: 'NaN' is not a number" -- validate "$tmp/p2"

# --- dates ---------------------------------------------------------------------------------
hostile "February 30" 2 "'2026-02-30' is not a date: February 2026 has 28 days" -- finance --amount 5000 --apr 5 --months 12 --start 2026-02-30
hostile "year 0" 2 "'0000-01-01' is not a date: years start at 0001" -- finance --amount 5000 --apr 5 --months 12 --start 0000-01-01
hostile "February 29 of a common year" 2 "'2026-02-29' is not a date: February 2026 has 28 days" -- finance --amount 5000 --apr 5 --months 12 --start 2026-02-29
hostile "month 13" 2 "'2026-13-01' is not a date: the month is 01 to 12" -- finance --amount 5000 --apr 5 --months 12 --start 2026-13-01
hostile "wrong date format" 2 "'01/02/2026' is not a date" -- finance --amount 5000 --apr 5 --months 12 --start 01/02/2026
hostile "today not a date" 2 "--today" -- estimate --today tomorrow --pricing "$FIX" --procedure bmac --condition knee-oa --country US
printf 'clinic,country,tier,procedure,currency,amount,includes,quote_date,valid_until\nA,US,specialist,bmac,USD,100,injection,2026-03-01,2026-02-01\n' >"$tmp/q.csv"
hostile "quote valid before it was made" 1 "q.csv:2:9: valid_until 2026-02-01 is before quote_date" -- compare --today $T --pricing "$FIX" --procedure bmac --condition knee-oa --home US --clinics "$tmp/q.csv"

# --- identifiers ---------------------------------------------------------------------------
hostile "unknown procedure" 2 "unknown procedure 'stemx'" -- $est --procedure stemx --condition knee-oa --country US
hostile "empty procedure" 2 "--procedure: empty value" -- $est --procedure "" --condition knee-oa --country US
hostile "empty tier" 2 "--tier: empty value" -- $est --procedure bmac --condition knee-oa --country US --tier ""
hostile "empty home" 2 "--home: empty value" -- $est --procedure bmac --condition knee-oa --country US --home ""
hostile "empty sites" 2 "--sites: empty value" -- $est --procedure bmac --condition knee-oa --country US --sites ""
hostile "empty sessions" 2 "--sessions: empty value" -- $est --procedure bmac --condition knee-oa --country US --sessions ""
hostile "country in lower case is accepted" 0 "" -- $est --procedure bmac --condition knee-oa --country us
hostile "procedure in upper case is refused, with a hint" 2 "did you mean 'bmac'" -- $est --procedure BMAC --condition knee-oa --country US
hostile "unknown tier" 2 "unknown tier 'gold'" -- $est --procedure bmac --condition knee-oa --country US --tier gold
hostile "unknown insurance" 2 "unknown insurance plan 'acme'" -- $est --procedure bmac --condition knee-oa --country US --insurance acme
hostile "unknown currency" 2 "not a known ISO 4217 currency code" -- $est --procedure bmac --condition knee-oa --country US --currency XXX
hostile "unknown plan" 2 "unknown plan 'zero-down'" -- finance --amount 5000 --plan zero-down

# --- option values -------------------------------------------------------------------------
hostile "negative months" 2 "--months" -- finance --amount 5000 --apr 5 --months -12
hostile "months above the limit" 2 "from 1 to 600" -- finance --amount 5000 --apr 5 --months 601
hostile "zero draws" 2 "--draws: '0'" -- simulate --today $T --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 0
hostile "draws above the cap" 2 "from 1 to 10000000" -- simulate --today $T --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 10000001
hostile "huge sites" 2 "--sites: '1000000'" -- $est --procedure bmac --condition knee-oa --country US --sites 1000000
hostile "sessions above the limit" 2 "from 1 to 12" -- $est --procedure bmac --condition knee-oa --country US --sessions 13
hostile "travellers above the limit" 2 "from 1 to 10" -- $est --procedure bmac --condition knee-oa --country US --travelers 11
hostile "coinsurance 140" 2 "percentage from 0 to 100" -- $est --procedure bmac --condition knee-oa --country US --insurance us-ppo --coinsurance 140
hostile "contingency in exponent form" 2 "--contingency" -- $est --procedure bmac --condition knee-oa --country US --contingency 1e2
hostile "negative seed" 2 "--seed" -- simulate --today $T --pricing "$FIX" --procedure bmac --condition knee-oa --country US --seed -1
hostile "APR above 100" 2 "--apr" -- finance --amount 5000 --apr 150 --months 12
hostile "unknown format" 2 "'xml' is not one of" -- list tiers --format xml
hostile "unknown option" 2 "unknown option '--frobnicate'" -- list tiers --frobnicate
hostile "option without its value" 2 "needs a value" -- $est --procedure

# --- files ---------------------------------------------------------------------------------
hostile "missing input file" 1 "cannot open" -- batch --today $T --pricing "$FIX" "$tmp/nonexistent.csv"
hostile "directory instead of a file" 1 "is a directory" -- batch --today $T --pricing "$FIX" "$tmp"
hostile "file instead of a pricing directory" 1 "not a directory" -- validate "$FIX/items.csv"
mkdir -p "$tmp/p3" && cp "$FIX"/*.csv "$tmp/p3/" && rm "$tmp/p3/fx.csv"
hostile "pricing directory without fx.csv" 1 "fx.csv: cannot open" -- validate "$tmp/p3"
# A FIFO in place of a table once hung every command (opening it waited for a
# writer); it is refused without blocking.  `timeout` turns a hang into a failure.
mkdir -p "$tmp/p4" && cp "$FIX"/*.csv "$tmp/p4/" && rm -f "$tmp/p4/stays.csv" && mkfifo "$tmp/p4/stays.csv"
saved_wrapper=$STEMCOST_WRAPPER
command -v timeout >/dev/null 2>&1 && STEMCOST_WRAPPER="timeout 60 $STEMCOST_WRAPPER"
hostile "FIFO in place of a table" 1 "p4/stays.csv: is a FIFO (named pipe), not a regular file" -- validate "$tmp/p4"
hostile "FIFO in place of a table, estimate" 1 "p4/stays.csv: is a FIFO" -- estimate --today $T --pricing "$tmp/p4" --procedure bmac --condition knee-oa --country US
STEMCOST_WRAPPER=$saved_wrapper
# An optional table that is a dangling symbolic link is an error, not an absent
# table (stays.csv silently dropped once turned 9 nights in India into 2).
mkdir -p "$tmp/p5" && cp "$FIX"/*.csv "$tmp/p5/" && ln -s "$tmp/does-not-exist.csv" "$tmp/p5/stays.csv"
hostile "dangling symlink for an optional table" 1 "p5/stays.csv: cannot open: No such file or directory" -- validate "$tmp/p5"
hostile "dangling symlink for an optional table, estimate" 1 "p5/stays.csv: cannot open" -- estimate --today $T --pricing "$tmp/p5" --procedure bmac --condition knee-oa --country US
printf 'procedure,condition,country\nbmac,knee-oa,US\n' >"$tmp/in.csv"
hostile "output path equal to the input path" 1 "is the input file" -- batch --today $T --pricing "$FIX" "$tmp/in.csv" -o "$tmp/in.csv"
echo keep >"$tmp/exists.csv"
hostile "existing output without --force" 1 "already exists; use --force" -- list tiers -o "$tmp/exists.csv"
[ "$(cat "$tmp/exists.csv")" = keep ] && pass || fail "an existing file was overwritten"
hostile "output path is a directory" 1 "is a directory" -- list tiers -o "$tmp"
hostile "output in a missing directory" 1 "cannot create a file in its directory" -- list tiers -o "$tmp/no/such/dir/x.csv"
printf 'clinic,country\nA,US\n' >"$tmp/q2.csv"
hostile "clinics file with missing columns" 1 "q2.csv:1: missing column 'tier'" -- compare --today $T --pricing "$FIX" --procedure bmac --condition knee-oa --home US --clinics "$tmp/q2.csv"
if [ "$(id -u)" -ne 0 ]; then
    cp "$tmp/in.csv" "$tmp/locked.csv" && chmod 000 "$tmp/locked.csv"
    hostile "unreadable file" 1 "cannot open" -- batch --today $T --pricing "$FIX" "$tmp/locked.csv"
    mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
    hostile "output in a read-only directory" 1 "cannot create a file in its directory" -- list tiers -o "$tmp/ro/x.csv"
else
    echo "note: running as root: the unreadable-file and read-only-directory cases are skipped"
fi

printf 'name=A\r' >"$tmp/cr-provider.txt"
hostile "provider file ending in a bare CR (once hung the reader)" 1 "the provider's npi is missing" -- quote --pricing "$FIX" --register "$tmp/reg.sqlite" --patient X --dob 1960-01-01 --provider "$tmp/cr-provider.txt" --procedure bmac --condition knee-oa --country US --service-date 2026-12-31 --quote-date 2026-12-01
printf 'name=A\nnpi=1234567890\ntin=123456789\naddress=B\nphone=1\n' >"$tmp/npi.txt"
hostile "NPI failing its check digit" 1 "npi.txt:2: NPI '1234567890' is not valid" -- quote --pricing "$FIX" --register "$tmp/reg.sqlite" --patient X --dob 1960-01-01 --provider "$tmp/npi.txt" --procedure bmac --condition knee-oa --country US --service-date 2026-12-31 --quote-date 2026-12-01

# --- an interrupted run leaves nothing at the output path ---------------------------------
# An endless input (a pipe that never ends), so the run cannot finish before the
# signal whatever the machine's speed; the signal is sent once its temporary
# output file exists (a condition, not a delay).
mkfifo "$tmp/endless"
{ echo "procedure,condition,country"; while :; do echo "bmac,knee-oa,US"; done; } >"$tmp/endless" 2>/dev/null &
feeder=$!
STEMCOST_WRAPPER= "$STEMCOST" batch --today $T --quiet "$tmp/endless" -o "$tmp/interrupted.csv" 2>/dev/null &
pid=$!
waited=0
while ! ls -a "$tmp" | grep -q '^\.stemcost-' && [ $waited -lt 600 ]; do
    sleep 0.05
    waited=$((waited + 1))
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
kill "$feeder" 2>/dev/null
wait "$feeder" 2>/dev/null
cases=$((cases + 1))
if [ -e "$tmp/interrupted.csv" ] || ls -a "$tmp" | grep -q '^\.stemcost-'; then
    fail "SIGTERM left a partial output or temporary file"
else
    pass
fi

# --- locale: output identical under a comma-decimal locale --------------------------------
cases=$((cases + 1))
if de_locale; then
    sc simulate --today $T --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 2000 --format json >"$tmp/c.json" 2>&1
    LOCPATH="$DE_LOCPATH" LC_ALL=de_DE.UTF-8 sc simulate --today $T --pricing "$FIX" --procedure bmac --condition knee-oa --country US --draws 2000 --format json >"$tmp/de.json" 2>&1
    expect_same "$tmp/c.json" "$tmp/de.json" "the same output under LC_ALL=de_DE.UTF-8 and C"
    printf 'procedure,condition,country,coinsurance,insurance\nbmac,knee-oa,US,20.5,us-ppo\n' >"$tmp/dec.csv"
    LOCPATH="$DE_LOCPATH" LC_ALL=de_DE.UTF-8 sc batch --today $T --quiet --pricing "$FIX" "$tmp/dec.csv" >"$tmp/dec.out" 2>/dev/null
    grep -q ',20.5,us-ppo,2500.00,' "$tmp/dec.out" && pass || fail "'.' decimals under de_DE.UTF-8"
else
    fail "cannot build the de_DE.UTF-8 locale (install the Debian package locales)"
fi

echo "catalogue: $cases cases"
[ "$cases" -ge 40 ] && pass || fail "the catalogue has only $cases cases"
finish
