#!/bin/sh
# Benchmark `stemcost batch` against the floor of any libcsv CSV-in/CSV-out
# tool (bench/csv_floor: tokenise and rewrite the same file), in one run:
#   - instructions per row under valgrind's callgrind (repeatable whatever
#     else the machine is doing) on CG_ROWS and CG_LARGE rows of each kind:
#     per row over the first CG_ROWS, and the marginal row after them;
#   - CPU and wall time and peak memory on each N rows (GNU time, Debian
#     `time`), the best of ROUNDS (5) runs taken in turn with the floor.
# Two files: "distinct" (an insurer's members: random procedure, condition,
# country, tier, sites, home, and per-row deductible met, out-of-pocket met and
# contingency, so rows rarely repeat) and "repeated" (a planner's few scenarios
# over and over).  Usage: bench/bench_batch.sh [N ...] (default 1000000).
# Environment: STEMCOST (the binary), FLOOR (bench/csv_floor), CG_ROWS (20000),
# CG_LARGE (100000: the marginal row is measured from CG_ROWS to CG_LARGE).
set -eu
STEMCOST=${STEMCOST:-./src/stemcost}
FLOOR=${FLOOR:-./bench/csv_floor}
CG_ROWS=${CG_ROWS:-20000}
CG_LARGE=${CG_LARGE:-100000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/stemcost-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT

gen() { # KIND N FILE
    awk -v kind="$1" -v n="$2" 'BEGIN {
        srand(20261129);
        split("bmac adipose adipose-cultured cord allogeneic-msc prp", P, " ");
        split("knee-oa hip-oa ddd spinal-stenosis overuse", K, " ");
        split("US CA DE IN JP", C, " "); split("community specialist premium", T, " ");
        print "member,procedure,condition,country,tier,sites,home,insurance,deductible_met,oop_met,contingency";
        for (i = 0; i < n; i++) {
            if (kind == "distinct") {
                p = P[1 + int(rand() * 6)]; k = K[1 + int(rand() * 5)];
                c = C[1 + int(rand() * 5)]; t = T[1 + int(rand() * 3)];
                s = 1 + int(rand() * 2); h = C[1 + int(rand() * 5)];
                dm = int(rand() * 150000) / 100; om = dm + int(rand() * 300000) / 100;
                ct = int(rand() * 2000) / 100;
            } else {
                j = i % 12;
                p = P[1 + j % 6]; k = "knee-oa"; c = C[1 + j % 5]; t = "specialist";
                s = 1 + j % 2; h = "US"; dm = 500; om = 500; ct = 10;
            }
            printf "M%07d,%s,%s,%s,%s,%d,%s,us-ppo,%.2f,%.2f,%.2f\n", i, p, k, c, t, s, h, dm, om, ct
        }
    }' >"$3"
}

instructions() { # FILE COMMAND...: total instructions of one run
    f=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$@" >/dev/null 2>"$dir/cg.err" || true
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$dir/cg.err" | tail -n 1
}

if command -v valgrind >/dev/null 2>&1; then
    for kind in distinct repeated; do
        gen "$kind" "$CG_ROWS" "$dir/cg.csv"
        gen "$kind" "$CG_LARGE" "$dir/cgl.csv"
        gen "$kind" 1 "$dir/one.csv"
        # The fixed cost (start-up, loading the tables) measured on one row, then taken off.
        base=$(instructions x "$STEMCOST" batch --quiet "$dir/one.csv" -o "$dir/o1.csv")
        full=$(instructions x "$STEMCOST" batch --quiet "$dir/cg.csv" -o "$dir/o2.csv")
        large=$(instructions x "$STEMCOST" batch --quiet "$dir/cgl.csv" -o "$dir/o3.csv")
        fb=$(instructions x "$FLOOR" "$dir/one.csv" "$dir/f1.csv")
        ff=$(instructions x "$FLOOR" "$dir/cg.csv" "$dir/f2.csv")
        fl=$(instructions x "$FLOOR" "$dir/cgl.csv" "$dir/f3.csv")
        # Per row over the first CG_ROWS (a distinct file meets most of its
        # combinations there, each prepared once), and the marginal row: the
        # rows from CG_ROWS to CG_LARGE, what a long file costs per row.
        awk -v k="$kind" -v n="$CG_ROWS" -v m="$CG_LARGE" -v b="$base" -v f="$full" -v l="$large" \
            -v fb="$fb" -v ff="$ff" -v fl="$fl" 'BEGIN {
            s = (f - b) / (n - 1); c = (ff - fb) / (n - 1);
            ms = (l - f) / (m - n); mc = (fl - ff) / (m - n);
            printf "batch %s rows, callgrind: first %d rows %.0f instructions/row, libcsv floor %.0f/row: %.2fx (start-up %.1f M)\n",
                   k, n, s, c, s / c, b / 1e6;
            printf "batch %s rows, callgrind: marginal row (rows %d-%d) %.0f instructions, libcsv floor %.0f: %.2fx\n",
                   k, n, m, ms, mc, ms / mc }'
        rm -f "$dir"/o?.csv "$dir"/f?.csv "$dir"/cgl.csv
    done
else
    echo "batch: SKIP instruction counts (valgrind not installed)"
fi

timed() { # COMMAND...: "cpu-seconds wall-seconds KB" of one run (user + system)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S %e %M' -o "$dir/t" "$@" >/dev/null 2>&1 || true
        tail -n 1 "$dir/t" | awk '{ printf "%.2f %.2f %s\n", $1 + $2, $3, $4 }'
    else
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s.%N)
        echo "$t0 $t1" | awk '{ printf "%.2f %.2f ?\n", $2 - $1, $2 - $1 }'
    fi
}

# Wall clock: ROUNDS runs of each, taken in turn (stemcost, the floor, the
# floor writing a report as wide as batch's), and the best CPU time (user +
# system) of each: on a shared machine the least disturbed run is the one
# closest to what the code costs; the ratio compares runs of the same round.
ROUNDS=${ROUNDS:-5}
for n in ${@:-1000000}; do
    for kind in distinct repeated; do
        gen "$kind" "$n" "$dir/in.csv"
        : >"$dir/runs"
        r=0
        while [ "$r" -lt "$ROUNDS" ]; do
            echo "stemcost $(timed "$STEMCOST" batch --quiet --force "$dir/in.csv" -o "$dir/out.csv")" >>"$dir/runs"
            echo "floor $(timed "$FLOOR" "$dir/in.csv" "$dir/floor.csv")" >>"$dir/runs"
            echo "wide $(timed "$FLOOR" "$dir/in.csv" "$dir/floor.csv" 16)" >>"$dir/runs"
            r=$((r + 1))
        done
        rm -f "$dir/out.csv" "$dir/floor.csv"
        awk -v k="$kind" -v n="$n" -v rounds="$ROUNDS" '
            { if (!($1 in cpu) || $2 < cpu[$1]) { cpu[$1] = $2; wall[$1] = $3 }
              if ($4 > mem[$1]) mem[$1] = $4 }
            END {
                s = cpu["stemcost"]; f = cpu["floor"]; w = cpu["wide"];
                # Too short to time (GNU time counts hundredths): no ratio.
                rf = f > 0 ? sprintf("%.2fx", s / f) : "too short to compare";
                rw = w > 0 ? sprintf("%.2fx", s / w) : "too short to compare";
                printf "batch %s, %d rows, best CPU of %d paired runs: stemcost %.2f s (wall %.2f s, %.0f rows/s, %s KB), libcsv floor %.2f s (%s KB): %s; floor writing 16 more columns %.2f s: %s\n",
                       k, n, rounds, s, wall["stemcost"], (s > 0 ? n / s : 0), mem["stemcost"], f, mem["floor"],
                       rf, w, rw }' "$dir/runs"
    done
done
