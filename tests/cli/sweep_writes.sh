#!/bin/sh
# The quick part of the write sweep (all of it: `make sweep`): every command
# writing to a full device (/dev/full) and to a pipe nobody reads any more
# must exit 1 with a message naming standard output; then its first two and
# last two output operations (writes, fsync, close, rename, the register's)
# failed through the injector, over an existing file that must survive.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
. "$TESTS_SRCDIR/sweep/commands.sh"

for c in $write_commands; do
    dir=$tmp/$c
    make_template "$c" "$dir" || { fail "$c: cannot set up"; continue; }
    # A full disk.
    status=0
    (cd "$dir" && invoke "$c" - $STEMCOST_WRAPPER) >/dev/full 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "$c > /dev/full"
    expect_grep '^stemcost: standard output: .*No space left on device' "$tmp/err" "$c > /dev/full message"
    # A closed pipe: the reader is gone before the first write (the program
    # ignores SIGPIPE, so the shell's disposition does not matter).
    (sleep 0.3; cd "$dir" && invoke "$c" - $STEMCOST_WRAPPER 2>"$tmp/err"; echo $? >"$tmp/status") | head -c 0
    read -r status <"$tmp/status"
    expect_status 1 "$status" "$c | (closed pipe)"
    expect_grep '^stemcost: standard output: .*Broken pipe' "$tmp/err" "$c | (closed pipe) message"
done

# Help and the version are output too (they once went to a full disk in silence).
for args in --help --version "estimate --help" "quote --help"; do
    status=0
    # shellcheck disable=SC2086
    sc $args >/dev/full 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "$args > /dev/full"
    expect_grep '^stemcost: standard output: .*No space left on device' "$tmp/err" "$args > /dev/full message"
done

if [ -n "$STEMCOST_WRAPPER" ]; then
    echo "(the injected write failures are skipped under $STEMCOST_WRAPPER)"
    finish
    exit
fi
SWEEP_DIR=$tmp/sweep sh "$TESTS_SRCDIR/sweep/sweep.sh" write --points 1,2,-2,-1 >"$tmp/log" 2>&1
cat "$tmp/log"
for c in $write_commands; do
    if grep -q "^write $c: .* 0 FAILED\$" "$tmp/log" &&
        grep -q "^write $c (standard output): .* 0 FAILED\$" "$tmp/log"; then
        pass
    else
        fail "write sweep of $c"
    fi
done
finish
