#!/bin/sh
# Every deliberately broken pricing set under tests/broken/ must be caught by
# `validate` with exactly the diagnostics in its `expected` file and exit 1.
# A case directory holds the files that replace the minimal fixture's, an
# optional `remove` list of files to delete, and `expected` (stderr).
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
for case in "$TESTS_SRCDIR"/broken/*/; do
    name=$(basename "$case")
    dir="$tmp/$name"
    mkdir -p "$dir"
    cp "$TESTS_SRCDIR"/fixtures/minimal/*.csv "$dir"/
    for f in "$case"*.csv; do
        [ -e "$f" ] && cp "$f" "$dir"/
    done
    if [ -f "$case/remove" ]; then
        while read -r f; do rm -f "$dir/$f"; done < "$case/remove"
    fi
    status=0
    (cd "$dir" && sc validate . >"$tmp/$name.out" 2>"$tmp/$name.err") || status=$?
    expect_status 1 "$status" "$name"
    expect_same "$case/expected" "$tmp/$name.err" "$name"
done
# The minimal fixture itself is clean.
status=0
sc validate "$TESTS_SRCDIR/fixtures/minimal" >"$tmp/ok.out" 2>"$tmp/ok.err" || status=$?
expect_status 0 "$status" "minimal fixture validates"
finish
