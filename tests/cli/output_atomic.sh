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

# "-" is standard output.
status=0; sc list tiers --format csv -o - >"$tmp/dash" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "-o -"
expect_same "$tmp/stdout" "$tmp/dash" "-o - writes standard output"
[ -e ./- ] && fail "-o - created a file named '-'" || pass

# A FIFO is written directly, with or without --force, and stays a FIFO
# (it was replaced by a regular file).
mkfifo "$tmp/fifo"
for force in "" --force; do
    timeout 20 cat "$tmp/fifo" >"$tmp/from-fifo" &
    reader=$!
    status=0; sc list tiers --format csv -o "$tmp/fifo" $force 2>"$tmp/err" || status=$?
    wait "$reader"
    expect_status 0 "$status" "-o FIFO $force"
    expect_same "$tmp/stdout" "$tmp/from-fifo" "content through the FIFO $force"
    [ -p "$tmp/fifo" ] && pass || fail "-o FIFO $force: no longer a FIFO"
done
# A character device likewise (/dev/null, only once the FIFO case has shown
# that nothing is renamed over a special file).
if [ -p "$tmp/fifo" ] && [ -c /dev/null ]; then
    for force in "" --force; do
        status=0; sc list tiers -o /dev/null $force 2>"$tmp/err" || status=$?
        expect_status 0 "$status" "-o /dev/null $force"
        [ -c /dev/null ] && pass || fail "/dev/null is no longer a character device"
    done
fi
# A socket is neither: refused.
if command -v python3 >/dev/null 2>&1; then
    python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$tmp/sock"
    status=0; sc list tiers -o "$tmp/sock" --force 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "-o socket"
    expect_grep "not a regular file" "$tmp/err" "socket message"
    [ -S "$tmp/sock" ] && pass || fail "the socket was replaced"
fi

# Temporaries are private (0600) while written, and those of a run killed
# outright (SIGKILL cannot be caught) are removed by a later run once stale.
# batch opens its output, then blocks reading the FIFO we hold open.
mkdir "$tmp/k"
mkfifo "$tmp/k/in.csv"
umask 022
"$STEMCOST" batch "$tmp/k/in.csv" -o "$tmp/k/out.csv" 2>/dev/null &
victim=$!
exec 3>"$tmp/k/in.csv"
printf 'procedure,condition,country\n' >&3
i=0
while [ -z "$(find "$tmp/k" -name '.stemcost-*' 2>/dev/null)" ] && [ $i -lt 200 ]; do
    sleep 0.05; i=$((i + 1))
done
t=$(find "$tmp/k" -name '.stemcost-*' | head -n1)
[ -n "$t" ] && pass || fail "no temporary file while writing"
if [ -n "$t" ]; then
    mode=$(stat -c %a "$t")
    [ "$mode" = 600 ] && pass || fail "temporary file mode $mode while writing, expected 600"
fi
kill -9 "$victim"; wait "$victim" 2>/dev/null
exec 3>&-
[ -n "$(find "$tmp/k" -name '.stemcost-*')" ] && pass || fail "SIGKILL left no temporary (test setup)"
# A fresh one is kept (its writer might be in another PID namespace)...
status=0; sc list tiers -o "$tmp/k/a.txt" 2>"$tmp/err" || status=$?
[ -n "$(find "$tmp/k" -name '.stemcost-*')" ] && pass || fail "a fresh temporary was removed"
# ... a stale one of a dead process goes; other files with a similar name stay.
for f in "$tmp"/k/.stemcost-*; do touch -d '1 hour ago' "$f"; done
echo keep >"$tmp/k/.stemcost-notes"
touch -d '1 hour ago' "$tmp/k/.stemcost-notes"
status=0; sc list tiers -o "$tmp/k/b.txt" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "write beside a stale temporary"
left=$(find "$tmp/k" -name '.stemcost-*' ! -name .stemcost-notes | wc -l)
[ "$left" -eq 0 ] && pass || fail "stale temporaries left: $left"
[ -e "$tmp/k/.stemcost-notes" ] && pass || fail "a file not of our pattern was removed"
# The finished file has the usual mode (umask 022: 0644); a replaced file keeps its mode.
mode=$(stat -c %a "$tmp/k/b.txt")
[ "$mode" = 644 ] && pass || fail "new output mode $mode, expected 644"
chmod 600 "$tmp/k/b.txt"
sc list tiers -o "$tmp/k/b.txt" --force 2>/dev/null
mode=$(stat -c %a "$tmp/k/b.txt")
[ "$mode" = 600 ] && pass || fail "replaced output mode $mode, expected 600 (kept)"
finish
