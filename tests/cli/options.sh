#!/bin/sh
# Every option of every described command, attacked with generated bad values
# by kind (from `stemcost --option-table`, so a new option is attacked the day
# it is added): each case must exit 2 with a first line that names the option,
# never 0 with a default and never a crash.  Also: an option given to a
# command that does not take it, and conflicting options.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
FIX="$TESTS_SRCDIR/fixtures/minimal"
printf 'procedure,condition,country\nbmac,knee-oa,US\n' >"$tmp/rows.csv"
# A register with one quote, so that the quotes commands reach their options
# (a refused quote makes no register).
sc quote --procedure bmac --condition knee-oa --country US --patient X --dob 1960-01-01 \
    --provider "$TESTS_SRCDIR/fixtures/provider.txt" --icd10 M17.11 --service-date "$(date -d '+20 days' +%F)" \
    --register "$tmp/reg.sqlite" >/dev/null 2>&1 || fail "a quote to make the register"

base_args() { # COMMAND OPTION: the arguments that make a run valid (without OPTION's conflicts)
    case $1 in
    finance)
        case $2 in
        promo-months | min-payment) echo "--amount 1000 --promo-months 12 --deferred --apr 26.99" ;;
        plan) echo "--amount 1000" ;;
        *) echo "--amount 1000 --apr 9.9 --months 12" ;;
        esac ;;
    estimate | simulate) echo "--procedure bmac --condition knee-oa --country US --draws 10" ;;
    compare) echo "--procedure bmac --condition knee-oa --home US" ;;
    batch) echo "$tmp/rows.csv" ;;
    list) echo "tiers" ;;
    quotes) echo "list --register $tmp/reg.sqlite" ;;
    quote) echo "--procedure bmac --condition knee-oa --country US --patient X --dob 1960-01-01" \
        "--provider $TESTS_SRCDIR/fixtures/provider.txt --icd10 M17.11 --service-date 2026-12-31" \
        "--register $tmp/reg.sqlite" ;;
    *) echo "" ;;
    esac
}

# Bad values per kind, one per line (printf interprets the escapes).
bad_values() {
    case $1 in
    count | seed)
        printf '%s\n' '' '  ' '+1' ' 1' '1 ' '1x' '0x10' '1e3' '1.0' '-1' \
            '99999999999999999999' 'nan' 'NaN' 'inf' '-inf' "$(printf '\331\241')" \
            "$(printf '\342\210\2221')" "$(printf '\357\274\221')" ;;
    money)
        printf '%s\n' '' '  ' '+5' ' 5' '5x' '1e3' 'nan' 'inf' '1,000' '5.001' '-5' \
            '99999999999999999999' "$(printf '\342\210\2225')" "$(printf '\331\241\331\242')" ;;
    percent)
        printf '%s\n' '' '  ' '+5' ' 5' '101' '-1' 'nan' '5%' '1e1' '5.001' \
            "$(printf '\331\245')" ;;
    rate) # a percentage to six decimals
        printf '%s\n' '' '  ' '+5' ' 5' '101' '-1' 'nan' '5%' '1e1' '5.0000001' \
            "$(printf '\331\245')" ;;
    date)
        printf '%s\n' '' '  ' '2026-02-30' '+2026-01-01' '2026-1-1' '26-01-01' \
            '2026-01-01x' "$(printf '\331\242\331\240\331\242\331\246')-01-01" ;;
    id)
        printf '%s\n' '' '  ' '+bmac' 'xx-unknown' "$(printf 'b\303\251mac')" ;;
    id-list)
        printf '%s\n' '' ',' 'US,' 'US,,IN' 'XX' ' US' ;;
    currency)
        printf '%s\n' '' '  ' 'XXX' 'US' 'USDX' '$' ;;
    format)
        printf '%s\n' '' 'xml' 'JSON' ' csv' ;;
    text)
        printf '%s\n' '' '  ' "$(printf '\t')" ;;
    word)
        printf '%s\n' '' '  ' 'xx' ;;
    file)
        printf '%s\n' '' ;;
    *) ;;
    esac
}

n=0
sc --option-table >"$tmp/table" || fail "--option-table"
while IFS="$(printf '\t')" read -r cmd opt kind; do
    [ "$kind" = flag ] && continue
    bad_values "$kind" >"$tmp/values"
    while IFS= read -r value; do
        n=$((n + 1))
        status=0
        # shellcheck disable=SC2046
        today=""
        [ "$cmd" != quote ] && grep -q "^$cmd	today	" "$tmp/table" && today="--today 2026-11-24"
        # the fixture tables, for the commands that take tables at all
        pricing=""
        grep -q "^$cmd	pricing	" "$tmp/table" && pricing="--pricing $FIX"
        sc "$cmd" $pricing $today $(base_args "$cmd" "$opt") "--$opt" "$value" \
            >"$tmp/out" 2>"$tmp/err" </dev/null || status=$?
        what="$cmd --$opt '$value'"
        if [ "$status" -ne 2 ]; then
            fail "$what: exit status $status, expected 2"
            head -n 3 "$tmp/err"
        elif ! head -n 1 "$tmp/err" | grep -q -- "--$opt"; then
            fail "$what: the first line does not name --$opt: $(head -n 1 "$tmp/err")"
        else
            pass
        fi
    done <"$tmp/values"
done <"$tmp/table"
echo "options: $n generated cases"
[ "$n" -gt 200 ] && pass || fail "only $n generated cases"

# An option the command does not take; conflicting options.
for args in "batch --procedure bmac $tmp/rows.csv" "compare --procedure bmac --condition knee-oa --home US --country US" \
    "compare --procedure bmac --condition knee-oa --home US --tier community" \
    "batch --currency EUR $tmp/rows.csv" "batch --format json $tmp/rows.csv"; do
    status=0
    # shellcheck disable=SC2086
    sc $args --pricing "$FIX" >"$tmp/out" 2>"$tmp/err" || status=$?
    expect_status 2 "$status" "$args"
done
# A repeated option: the last one wins, in every command.
status=0
sc estimate --pricing "$FIX" --today 2026-11-24 --procedure bmac --condition knee-oa --country US \
    --sites 2 --sites 1 --format csv >"$tmp/out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "repeated option"
expect_grep '^total,treatment,,,,,,2500.00,4400.00,11000.00,' "$tmp/out" "the last --sites wins"
finish
