#!/bin/sh
# `stemcost simulate` against what an analyst would write with numpy, whole
# process against whole process, paired runs in one go: 1,000,000 draws of the
# US BMAC two-knee episode (one session, so both draw the same 8 lines).
# Also instructions per draw under callgrind (repeatable).  numpy is Debian's
# python3-numpy; without it the comparison says SKIP.
# Usage: bench/bench_simulate.sh STEMCOST SIMULATE_NUMPY_PY [DRAWS] [RUNS]
set -eu
STEMCOST=$1
NUMPY=$2
DRAWS=${3:-1000000}
RUNS=${4:-5}
dir=$(mktemp -d "${TMPDIR:-/tmp}/stemcost-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
args="--procedure bmac --condition knee-oa --country US --sites 2 --sessions 1 --today 2026-11-29"
"$STEMCOST" estimate $args --format json >"$dir/est.json"

now() { date +%s.%N; }
if /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        t0=$(now)
        "$STEMCOST" simulate $args --draws "$DRAWS" --format json >/dev/null
        t1=$(now)
        /usr/bin/python3 "$NUMPY" "$DRAWS" 1 <"$dir/est.json" >/dev/null
        t2=$(now)
        echo "$t0 $t1 $t2"
        i=$((i + 1))
    done | awk -v d="$DRAWS" '{ s = $2 - $1; n = $3 - $2; r = n / s;
            printf "simulate, %d draws: stemcost %.2f s, numpy %.2f s: numpy/stemcost %.2fx\n", d, s, n, r;
            sum += r } END { printf "simulate: mean ratio over %d paired runs %.2fx (goal: at least 2)\n", NR, sum / NR }'
else
    echo "simulate: SKIP numpy comparison (Debian package python3-numpy not installed)"
fi
if command -v valgrind >/dev/null 2>&1; then
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$STEMCOST" simulate $args \
        --draws 200000 --format json >/dev/null 2>"$dir/cg.err"
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg1.out" "$STEMCOST" simulate $args \
        --draws 1 --format json >/dev/null 2>"$dir/cg1.err"
    a=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$dir/cg.err" | tail -n 1)
    b=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$dir/cg1.err" | tail -n 1)
    awk -v a="$a" -v b="$b" 'BEGIN { printf "simulate, callgrind: %.0f instructions per draw (set-up %.1f M)\n", (a - b) / 199999, b / 1e6 }'
fi
