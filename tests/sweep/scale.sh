#!/bin/sh
# Scale: `batch` over N generated rows (default 10 million) whose scenarios
# all differ (each row's deductible met and out-of-pocket met pair is its own,
# within the plan's deductible and out-of-pocket maximum),
# one row in a thousand with an unknown country.  Checks:
#   - peak memory is flat: the N-row run peaks no higher than a run of a tenth
#     as many rows (at most 1 million) plus 10 % (GNU time's maximum resident
#     set, %M); both figures are printed;
#   - the counts are right: N report rows after the header, the summary line
#     "N rows, N/1000 failed", exit status 1 (rows failed);
#   - the progress bar, shown on a terminal (a pseudo-terminal from script(1)):
#     row counts rising in steps of 4096 to N, percentages rising to 100 %,
#     and it ends at "N rows ... 100%  0 s left".
#
#   tests/sweep/scale.sh [N]      Environment: STEMCOST, TESTS_SRCDIR.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
n=${1:-10000000}
small=$((n / 10))
[ "$small" -gt 1000000 ] && small=1000000
T=2026-11-24
command -v script >/dev/null 2>&1 || { echo "SKIP: script(1) is missing (bsdutils)"; exit 77; }
[ -x /usr/bin/time ] || { echo "SKIP: GNU time is missing (Debian package time)"; exit 77; }

gen() { # ROWS FILE
    awk -v n="$1" 'BEGIN {
        split("US CA DE IN JP", C, " ")
        print "member,procedure,condition,country,sites,home,insurance,deductible_met,oop_met,contingency"
        for (i = 1; i <= n; i++) {
            c = i % 1000 == 0 ? "XX" : C[1 + i % 5]
            dm = i % 150000; om = dm + int(i / 150000)   # cents: a pair no other row has
            printf "M%08d,bmac,knee-oa,%s,%d,US,us-ppo,%d.%02d,%d.%02d,%d\n", i, c, 1 + int(i / 5) % 2,
                int(dm / 100), dm % 100, int(om / 100), om % 100, i % 20
        }
    }' >"$2"
}

# run ROWS: batch ROWS rows (report counted, not kept) under a pseudo-terminal;
# leaves $tmp/ROWS.mem (peak kB), .lines (report lines), .status, .tty (the terminal).
run() {
    gen "$1" "$tmp/in.csv"
    script -qec "{ /usr/bin/time -f %M -o '$tmp/$1.mem' '$STEMCOST' batch --today $T '$tmp/in.csv'; \
        echo \$? >'$tmp/$1.status'; } | awk 'END { print NR }' >'$tmp/$1.lines'" /dev/null \
        >"$tmp/$1.tty" </dev/null
    rm -f "$tmp/in.csv"
}

check_counts() { # ROWS
    rows=$1 failed=$(($1 / 1000))
    read -r status <"$tmp/$rows.status"
    expect_status 1 "$status" "$rows rows, some failed"
    read -r lines <"$tmp/$rows.lines"
    [ "$lines" -eq $((rows + 1)) ] && pass || fail "$rows rows: $lines report lines, expected $((rows + 1))"
    summary=$(tr '\r' '\n' <"$tmp/$rows.tty" | grep '^stemcost: ')
    [ "$summary" = "stemcost: batch: $rows rows, $failed failed" ] && pass ||
        fail "$rows rows: the summary says '$summary', expected '$rows rows, $failed failed'"
}

run "$small"
run "$n"
check_counts "$small"
check_counts "$n"
small_kb=$(tail -n 1 "$tmp/$small.mem") big_kb=$(tail -n 1 "$tmp/$n.mem")
echo "peak memory: $small rows $small_kb kB, $n rows $big_kb kB"
[ "$big_kb" -le $((small_kb + small_kb / 10)) ] && pass ||
    fail "peak memory grows: $small_kb kB for $small rows, $big_kb kB for $n rows"

# The progress bar of the big run: "\rR rows  S rows/s  P%  L s left   ".
tr '\r' '\n' <"$tmp/$n.tty" | awk -v n="$n" '
    /^[0-9]+ rows  [0-9]+ rows\/s/ {
        r = $1 + 0; p = $5 + 0
        if (r < last || p < lastp) bad = bad "\n  went back: " $0
        if (r != n && r % 4096) bad = bad "\n  not a step of 4096: " $0
        last = r; lastp = p; shown++; final = $0
    }
    END {
        if (shown < 2) bad = bad "\n  no progress bar"
        if (final !~ "^" n " rows  [0-9]+ rows/s  100%  0 s left") bad = bad "\n  ends with: " final
        printf "progress bar: %d updates, the last \"%s\"\n", shown, final
        if (bad != "") { print "BAD" bad; exit 1 }
    }' >"$tmp/bar" && pass || fail "progress bar"
cat "$tmp/bar"
finish
