#!/bin/sh
# stemcost serve under load: wrk against full comparison pages (/compare, 15
# options, HTML) and their JSON (/api/compare) on loopback, for a bounded time
# (SECONDS_EACH, default 10).  Reports requests/s, p50 and p99 latency,
# errors (must be 0) and the server's memory (RSS) before and after (must
# stay flat).  The server has one thread; it is pinned to CPU 0 and wrk to
# CPU 1 when taskset exists, so the figure is one core's.
#
#   bench/bench_serve.sh ./src/stemcost [SECONDS_EACH]
set -u
stemcost=${1:-./src/stemcost}
seconds=${2:-${SECONDS_EACH:-10}}
if ! command -v wrk >/dev/null 2>&1; then
    echo "bench_serve: SKIP: wrk is not installed (Debian: apt-get install wrk)"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stemcost-bench.XXXXXX")
pin_server= pin_client=
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
    pin_server="taskset -c 0" pin_client="taskset -c 1"
fi
# shellcheck disable=SC2086
$pin_server "$stemcost" serve --port 0 --today 2026-11-24 >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
url=
for _ in $(seq 1 100); do
    url=$(sed -n 's|^Serving on \(http://[^ ]*\) .*|\1|p' "$tmp/out")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "bench_serve: the server did not start: $(cat "$tmp/err")"; exit 1; }
rss() { sed -n 's/^VmRSS: *//p' "/proc/$pid/status"; }
q="procedure=bmac&condition=knee-oa&home=US&sites=2&travelers=2&contingency=10"
curl -s -o "$tmp/page" "${url}compare?$q"
echo "bench_serve: /compare?$q: $(wc -c <"$tmp/page") bytes of HTML, $(grep -c '<tr data-country' "$tmp/page") rows"
status=0
for path in "compare?$q" "api/compare?$q"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null "$url$path"; done # warm up
    before=$(rss)
    # shellcheck disable=SC2086
    $pin_client wrk -t1 -c8 -d"${seconds}s" --latency "$url$path" >"$tmp/wrk" 2>&1
    after=$(rss)
    reqs=$(sed -n 's/^Requests\/sec: *//p' "$tmp/wrk")
    p50=$(awk '$1 == "50%" { print $2 }' "$tmp/wrk")
    p99=$(awk '$1 == "99%" { print $2 }' "$tmp/wrk")
    non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$tmp/wrk")
    sockerr=$(sed -n 's/^ *Socket errors: *//p' "$tmp/wrk")
    total=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk")
    echo "bench_serve: /${path%%\?*}: $reqs requests/s over ${seconds} s ($total requests, 8 connections), p50 $p50, p99 $p99; errors: non-2xx ${non2xx:-0}, socket ${sockerr:-none}; RSS $before -> $after"
    if [ -n "$non2xx" ] || [ -n "$sockerr" ]; then
        echo "bench_serve: ERRORS under load:"
        cat "$tmp/wrk"
        status=1
    fi
done
kill -TERM "$pid"
wait "$pid" || status=1
exit $status
