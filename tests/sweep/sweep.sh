#!/bin/sh
# Fault sweeps: run each command again and again, failing its N-th allocation
# (`alloc`) or its N-th output operation (`write`) through the preloaded
# injector tests/sweep/faultshim.so, for every N the command reaches, and check
# that every run fails cleanly.
#
#   tests/sweep/sweep.sh alloc|write [--stride K] [--points LIST] [--jobs J]
#                        [--load-stride K] [--chunk C] [COMMAND...]
#
#   --stride K    every K-th point only (default 1: every point)
#   --points LIST only these points, comma-separated; a negative point counts
#                 from the end (-1 is the last operation the run makes)
#   --load-stride K  of the allocations that load the pricing tables (the same
#                 in every command, most of each run's), every K-th only
#   --jobs J      sweep servers run at once (default 1; the machine is shared)
#   COMMAND       estimate compare simulate finance batch quote reissue quotes
#                 validate list (default: all)
#
# Environment: STEMCOST (the program: the AddressSanitizer build, so memory
# errors and leaks are caught), FAULTSHIM (the injector .so), TESTS_SRCDIR,
# SWEEP_DIR (where cases run; default a temporary directory), SWEEP_TIMEOUT
# (seconds before a run counts as hung, default 60).
#
# A run with the N-th operation failed passes when:
#   - it exits 1 (never 0 unless its output is byte for byte the output of the
#     run with nothing failed: a failure the C library absorbs, such as a time
#     zone file it could not read; never 2, never a signal, never a hang);
#   - it prints a message: for an allocation, one saying out of memory; for an
#     output operation, one naming the file that could not be written;
#   - AddressSanitizer, LeakSanitizer and UBSan report nothing;
#   - no output file (and no temporary file) is left behind; a file it was to
#     replace (--force) still holds its previous contents;
#   - the quote register passes SQLite's integrity check and every quote in it
#     is complete (numbered, with its totals and checksum); a quote recorded
#     by a run that then failed is named in that run's messages.
# Figures per command: points (operations a run makes), tried, failed cleanly,
# absorbed, FAILED.  Exit status 0 when nothing FAILED.
set -u
kind=${1:-}
case $kind in alloc | write) shift ;; *)
    echo "usage: sweep.sh alloc|write [--stride K] [--points LIST] [--jobs J] [COMMAND...]" >&2
    exit 2 ;;
esac
stride=1 points="" jobs=1 chunk=400 load_stride=1
here=$(cd "$(dirname "$0")" && pwd)
while [ $# -gt 0 ]; do
    case $1 in
    --stride) stride=$2; shift 2 ;;
    --points) points=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --chunk) chunk=$2; shift 2 ;;
    --load-stride) load_stride=$2; shift 2 ;;
    --*) echo "sweep: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
commands=$*
: "${STEMCOST:?set STEMCOST to the program}" "${FAULTSHIM:?set FAULTSHIM to faultshim.so}"
: "${TESTS_SRCDIR:?set TESTS_SRCDIR to the tests directory}"
timeout=${SWEEP_TIMEOUT:-60}
if [ -n "${SWEEP_DIR:-}" ]; then
    work=$SWEEP_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/stemcost-sweep.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi
# The injector must come before the sanitizer runtime; sanitizer reports exit 86.
ASAN_OPTIONS="verify_asan_link_order=0:exitcode=86:malloc_context_size=8${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="halt_on_error=1:exitcode=87${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS UBSAN_OPTIONS
unset SC_FAULT_ALLOC SC_FAULT_WRITE SC_FAULT_SERVE
. "$here/commands.sh"

# ---- running the injector

# serve NAME OUTPUT FROM TO: cases FROM..TO of NAME, one child each, in $cases.
serve() {
    (cd "$cases" && SC_FAULT_FROM=$3 SC_FAULT_TO=$4 \
        invoke "$1" "$2" env LD_PRELOAD="$FAULTSHIM" SC_FAULT_SERVE="$cases" \
        SC_FAULT_SWEEP=$kind SC_FAULT_TEMPLATE="$template" SC_FAULT_TIMEOUT="$timeout")
}

# The pricing tables every command loads make most of its allocations, the
# same ones for each: with --load-stride K, only every K-th of those is tried
# (every point after them still is).  in_load N: does failing N stop the load?
in_load() { # NAME OUTPUT N
    serve "$1" "$2" "$3" "$3"
    grep -q 'while loading the pricing tables' "$cases/$3.err"
    r=$?
    rm -rf "${cases:?}/$3" "$cases/$3".*
    return $r
}
load_range() { # NAME OUTPUT TOTAL -> "FIRST LAST" of the load, or nothing
    mid=$(($3 / 2))
    in_load "$1" "$2" "$mid" || return 0
    lo=1 hi=$mid # the first point of the load is in (lo, hi]
    while [ $((hi - lo)) -gt 1 ]; do
        m=$(((lo + hi) / 2))
        if in_load "$1" "$2" "$m"; then hi=$m; else lo=$m; fi
    done
    first=$hi
    lo=$mid hi=$(($3 + 1)) # the last point of the load is in [lo, hi)
    while [ $((hi - lo)) -gt 1 ]; do
        m=$(((lo + hi) / 2))
        if in_load "$1" "$2" "$m"; then lo=$m; else hi=$m; fi
    done
    echo "$first $lo"
}

# ---- sweeping one command

total_failed=0
sweep_command() { # NAME OUTPUT
    name=$1 out=$2
    label=$name
    [ "$out" = - ] && label="$name (standard output)"
    template=$work/$name.template
    cases=$work/$name.cases
    rm -rf "$template" "$cases" && make_template "$name" "$template" "$kind" && mkdir -p "$cases"
    # The run with nothing failed: its output is the reference, its counts the points.
    base=2000000000
    serve "$name" "$out" $base $base
    read -r bstatus <"$cases/$base.status" || bstatus=none
    if [ "$bstatus" != "exit 0" ]; then
        echo "FAIL: $kind $label: the run with nothing failed ends with $bstatus"
        sed 's/^/    /' "$cases/$base.err" | head -10
        total_failed=$((total_failed + 1))
        return
    fi
    base_quotes=0 template_quotes=0
    [ -f "$cases/$base/reg.sqlite" ] && base_quotes=$(sqlite3 "$cases/$base/reg.sqlite" 'SELECT count(*) FROM quotes')
    [ -f "$template/reg.sqlite" ] && template_quotes=$(sqlite3 "$template/reg.sqlite" 'SELECT count(*) FROM quotes')
    total=$(sed -n "s/^${kind}s //p" "$cases/$base.counts")
    load=""
    [ "$kind" = alloc ] && [ "$load_stride" -gt 1 ] && [ -z "$points" ] &&
        load=$(load_range "$name" "$out" "$total")
    # The points to try, as ranges for the servers (each at most $chunk long).
    if [ -n "$points" ]; then
        echo "$points" | tr ',' '\n' | awk -v t="$total" '
            { n = $1 < 0 ? t + 1 + $1 : $1; if (n >= 1 && n <= t && !seen[n]++) print n, n }'
    else
        awk -v t="$total" -v s="$stride" -v c="$chunk" -v load="$load" -v ls="$load_stride" '
            BEGIN {
                split(load, l, " ")
                for (n = 1; n <= t; n++) {
                    if (load != "" && n >= l[1] && n <= l[2] && (n - l[1]) % ls) continue
                    if ((n - 1) % s && n != t) continue
                    if (open && n == last + 1 && n - from < c) { last = n; continue }
                    if (open) print from, last
                    from = last = n; open = 1
                }
                if (open) print from, last
            }'
    fi >"$cases/ranges"
    running=0
    while read -r from to; do
        serve "$name" "$out" "$from" "$to" &
        running=$((running + 1))
        if [ "$running" -ge "$jobs" ]; then wait; running=0; fi
    done <"$cases/ranges"
    wait
    # Judge every case at once (tests/sweep/check.awk).
    awk '{ for (n = $1; n <= $2; n++) print n }' "$cases/ranges" >"$cases/list"
    {
        cat "$cases/list"
        echo --leftovers
        find "$cases" -mindepth 2 -maxdepth 2 \( -name out -o -name '.stemcost-*' \)
        echo --register
        if [ -f "$cases/$base/reg.sqlite" ] || [ -f "$template/reg.sqlite" ]; then
            while read -r n; do
                [ -f "$cases/$n/reg.sqlite" ] || continue
                printf ".print @%s\nATTACH '%s' AS r;\nPRAGMA r.integrity_check;\n" "$n" "$cases/$n/reg.sqlite"
                printf "SELECT 'table|' || count(*) FROM r.sqlite_master WHERE name = 'quotes';\n"
                printf "SELECT 'bad|' || count(*) FROM r.quotes WHERE code IS NULL OR code NOT LIKE 'SC-____-______' OR total_typical = '' OR checksum = '' OR patient = '' OR scenario = '';\n"
                printf "SELECT 'count|' || count(*) FROM r.quotes;\n"
                printf "SELECT 'last|' || code FROM r.quotes ORDER BY number DESC LIMIT 1;\nDETACH r;\n"
            done <"$cases/list" | sqlite3 2>/dev/null
        fi
    } | awk -v cases="$cases" -v kind="$kind" -v base="$base" -v timeout="$timeout" \
        -v template_quotes="$template_quotes" -v base_quotes="$base_quotes" \
        -f "$here/check.awk" >"$cases/verdicts"
    set -- $(tail -n 1 "$cases/verdicts")
    tried=$2 clean=$4 absorbed=$6 failed=$8
    grep '^FAIL ' "$cases/verdicts" | head -n 50 | while read -r _ n why; do
        echo "FAIL: $kind $label #$n: $why"
        grep -v '^    #[0-9]* 0x' "$cases/$n.err" 2>/dev/null | head -n 8 | sed 's/^/    /'
    done
    sampled=""
    [ -n "$load" ] && sampled=" (the pricing load, points $(echo "$load" | tr ' ' -), every $load_stride)"
    echo "$kind $label: $total points, $tried tried$sampled: $clean failed cleanly, $absorbed absorbed (exit 0, output unchanged), $failed FAILED"
    total_failed=$((total_failed + failed))
    if [ "$failed" -eq 0 ]; then rm -rf "$cases" "$template"; fi
}

# The write sweep replaces an existing output (--force): it must survive.
[ "$kind" = write ] && SWEEP_FORCE=1 &&
    echo "write sweep: the failed operations fail with ${SC_FAULT_ERRNO:-ENOSPC}"
[ "$kind" = write ] && sweep_commands=$write_commands
for c in ${commands:-$sweep_commands}; do
    sweep_command "$c" out
    # Standard output too when writes fail (a full disk, a closed pipe).
    if [ "$kind" = write ]; then sweep_command "$c" -; fi
done
[ "$total_failed" -eq 0 ]
