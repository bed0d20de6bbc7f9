#!/bin/sh
# Writes that fail for real (the injected ones: sweep.sh write): a disk that
# fills up, made of a small tmpfs (needs root; skipped otherwise).
#
#   - every command writing -o onto a full disk over an existing file (--force):
#     exit 1, a message naming the file, the file intact, no temporary file;
#   - a batch report that fills the disk part way through the stream: the same;
#   - a quote whose register lives on the full disk: exit 1, a message naming
#     the register, the register intact (SQLite's integrity check, its quote
#     still there and complete), the number not used.
#
# Environment: STEMCOST, TESTS_SRCDIR (as for tests/cli).
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
. "$TESTS_SRCDIR/sweep/commands.sh"
disk=$tmp/disk
mkdir -p "$disk"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=512k,mode=0700 stemcost-sweep "$disk" 2>/dev/null; then
    echo "SKIP: a full disk needs a tmpfs mount (root)"
    exit 77
fi
trap 'umount "$disk" 2>/dev/null; rm -rf "$tmp"' EXIT

# fill [KEEP]: fill the disk, leaving KEEP kilobytes (default none) free.
fill() {
    rm -f "$disk/filler"
    dd if=/dev/zero of="$disk/filler" bs=1k 2>/dev/null
    if [ "${1:-0}" -gt 0 ]; then
        size=$(stat -c %s "$disk/filler")
        truncate -s $((size - $1 * 1024)) "$disk/filler"
    fi
}

for c in $write_commands; do
    dir=$tmp/$c
    rm -rf "$dir" "$disk"/*
    make_template "$c" "$dir" write || { fail "$c: cannot set up"; continue; }
    cp "$dir"/* "$disk"/
    # The disk is full; bigbatch gets 64 kB, filled part way through its report.
    keep=0
    [ "$c" = bigbatch ] && keep=64
    fill "$keep"
    status=0
    (cd "$disk" && SWEEP_FORCE=1 invoke "$c" out) >/dev/null 2>"$tmp/err" || status=$?
    expect_status 1 "$status" "$c -o FILE on a full disk"
    expect_grep '^stemcost: \(out\|reg\.sqlite\): .*No space left on device\|^stemcost: \(out\|reg\.sqlite\): .*full' \
        "$tmp/err" "$c on a full disk: message naming the file"
    [ "$(cat "$disk/out")" = "previous contents" ] && pass || fail "$c on a full disk: the previous file changed"
    leftovers=$(find "$disk" -name '.stemcost-*' | wc -l)
    [ "$leftovers" -eq 0 ] && pass || fail "$c on a full disk: $leftovers temporary file(s) left"
    if [ -f "$disk/reg.sqlite" ]; then
        rm -f "$disk/filler" # room for SQLite to roll a hot journal back
        expect_same_text() { [ "$1" = "$2" ] && pass || fail "$3: '$1', expected '$2'"; }
        expect_same_text "$(sqlite3 "$disk/reg.sqlite" 'PRAGMA integrity_check')" ok "$c: register integrity"
        expect_same_text "$(sqlite3 "$disk/reg.sqlite" "SELECT count(*) || ' ' || group_concat(code) FROM quotes WHERE total_typical != '' AND checksum != ''")" \
            "1 SC-2026-000001" "$c: the register's quotes"
    fi
done
finish
