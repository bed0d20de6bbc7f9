#!/bin/sh
# -o writes atomically and never replaces a file without --force.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
out="$tmp/tiers.csv"
status=0; sc list tiers --format csv -o "$out" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "-o new file"
sc list tiers --format csv >"$tmp/stdout"
expect_same "$tmp/stdout" "$out" "-o content equals stdout content"

echo "precious" >"$tmp/keep"
status=0; sc list tiers -o "$tmp/keep" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "existing file without --force"
expect_grep "already exists; use --force" "$tmp/err" "existing file message"
[ "$(cat "$tmp/keep")" = "precious" ] && pass || fail "existing file was modified"

status=0; sc list tiers --format csv -o "$tmp/keep" --force 2>"$tmp/err" || status=$?
expect_status 0 "$status" "--force replaces"
expect_same "$tmp/stdout" "$tmp/keep" "--force content"

status=0; sc list tiers -o "$tmp" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "output is a directory"

mkdir "$tmp/ro"; chmod 555 "$tmp/ro"
if [ "$(id -u)" -ne 0 ]; then
    status=0; sc list tiers -o "$tmp/ro/x.csv" 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "read-only directory"
    [ -e "$tmp/ro/x.csv" ] && fail "file created in read-only dir" || pass
fi
status=0; sc list tiers -o "$tmp/nodir/x.csv" 2>"$tmp/err" || status=$?
expect_status 1 "$status" "missing directory"
expect_grep "cannot create a file in its directory" "$tmp/err" "missing directory message"
# No temporary files are left behind.
leftovers=$(find "$tmp" -name '.stemcost-*' | wc -l)
[ "$leftovers" -eq 0 ] && pass || fail "temporary files left: $leftovers"
finish
