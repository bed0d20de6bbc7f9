#!/bin/sh
# stemcost serve in a real browser: tests/browser/serve.test.mjs drives Debian's
# chromium with playwright-core (pinned in tests/browser/package-lock.json; no
# browser download) against a server on a free loopback port.  Screenshots at
# desktop and phone widths are kept in tests/browser-artifacts/ of the build
# tree.  Without node, npm or a Chromium that starts, the test is SKIPPED
# (exit 77) with a loud line saying why: never a silent pass.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
pid=
# A server left running by a failed check is stopped with the test.
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
skip() {
    echo "SKIP: serve_browser: $*" >&2
    echo "SKIP: serve_browser: $*"
    exit 77
}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
command -v node >/dev/null 2>&1 || skip "node is not installed (Debian: apt-get install nodejs npm)"
[ -x "$CHROMIUM" ] || skip "no Chromium at $CHROMIUM (Debian: apt-get install chromium)"

# playwright-core: installed by ./bootstrap.sh test (npm ci in tests/browser), or
# into a scratch copy here (a read-only source tree, as in make distcheck).
modules="$TESTS_SRCDIR/browser"
if [ ! -f "$modules/node_modules/playwright-core/package.json" ]; then
    command -v npm >/dev/null 2>&1 || skip "npm is not installed and tests/browser has no node_modules"
    mkdir "$tmp/browser"
    cp "$TESTS_SRCDIR/browser/package.json" "$TESTS_SRCDIR/browser/package-lock.json" \
        "$TESTS_SRCDIR/browser/serve.test.mjs" "$tmp/browser/"
    (cd "$tmp/browser" && npm ci --no-audit --no-fund >"$tmp/npm.log" 2>&1) ||
        skip "npm ci failed in tests/browser: $(tail -n 1 "$tmp/npm.log")"
    modules="$tmp/browser"
fi

today=2026-11-24
# shellcheck disable=SC2086
$STEMCOST_WRAPPER "$STEMCOST" serve --port 0 --today "$today" >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
url=
for _ in $(seq 1 300); do
    url=$(sed -n 's|^Serving on \(http://[^ ]*\) .*|\1|p' "$tmp/serve.out")
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$url" ]; then
    fail "serve did not start: $(cat "$tmp/serve.err")"
    finish
    exit 1
fi

artifacts=${SERVE_ARTIFACTS:-$PWD/tests/browser-artifacts}
mkdir -p "$artifacts"
status=0
STEMCOST_URL=$url STEMCOST=$STEMCOST TODAY=$today CHROMIUM=$CHROMIUM ARTIFACTS=$artifacts \
    node "$modules/serve.test.mjs" >"$tmp/node.out" 2>&1 || status=$?
cat "$tmp/node.out"
kill -TERM "$pid"
wait "$pid"
stop=$?
[ "$status" -eq 77 ] && skip "$(grep '^SKIP' "$tmp/node.out" | head -n 1)"
expect_status 0 "$status" "the browser test"
expect_status 0 "$stop" "serve stops cleanly on SIGTERM"
echo "screenshots: $artifacts"
finish
