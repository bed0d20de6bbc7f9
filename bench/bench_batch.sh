#!/bin/sh
# Benchmark `stemcost batch`: generate N synthetic scenario rows covering every
# country, tier and procedure of the bundled tables (a third of them are not
# priced and become error rows, as in real planner files), run batch, and
# report rows per second, MB per second and peak memory, next to `wc -l` on the
# same file as the floor.  Usage: bench/bench_batch.sh [N ...] (default 100000
# 1000000).  Needs GNU time (/usr/bin/time, Debian package `time`) for memory.
set -eu
STEMCOST=${STEMCOST:-./src/stemcost}
dir=$(mktemp -d "${TMPDIR:-/tmp}/stemcost-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
for n in ${@:-100000 1000000}; do
    awk -v n="$n" 'BEGIN {
        split("bmac adipose adipose-cultured cord allogeneic-msc prp", P, " ");
        split("US CA DE IN JP", C, " "); split("community specialist premium", T, " ");
        split("self-pay self-pay us-ppo", I, " ");
        print "procedure,condition,country,tier,sites,home,insurance";
        for (i = 0; i < n; i++)
            print P[1 + i % 6] ",knee-oa," C[1 + int(i / 6) % 5] "," T[1 + int(i / 30) % 3] "," \
                  1 + i % 2 "," C[1 + int(i / 90) % 5] "," I[1 + int(i / 450) % 3] }' >"$dir/in.csv"
    bytes=$(wc -c <"$dir/in.csv")
    t0=$(date +%s.%N)
    wc -l "$dir/in.csv" >/dev/null
    t1=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$dir/mem" "$STEMCOST" batch --quiet "$dir/in.csv" -o "$dir/out.csv" 2>/dev/null || true
    else
        "$STEMCOST" batch --quiet "$dir/in.csv" -o "$dir/out.csv" 2>/dev/null || true
        echo "?" >"$dir/mem"
    fi
    t2=$(date +%s.%N)
    awk -v n="$n" -v b="$bytes" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v m="$(tail -n 1 "$dir/mem")" 'BEGIN {
        w = t1 - t0; s = t2 - t1;
        printf "batch: %d rows (%.1f MB) in %.2f s: %.0f rows/s, %.1f MB/s, peak memory %s KB; wc -l: %.3f s\n",
               n, b / 1e6, s, n / s, b / 1e6 / s, m, w }'
    rm -f "$dir/out.csv"
done
