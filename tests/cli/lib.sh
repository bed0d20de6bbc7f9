# Shared helpers for the command-line tests (sourced; POSIX sh).
# The harness exports STEMCOST (the binary), TESTS_SRCDIR and PRICING_SRCDIR.
# STEMCOST_WRAPPER (e.g. valgrind) is put in front of the binary when set.
set -u
failures=0
passes=0

sc() {
    # shellcheck disable=SC2086
    $STEMCOST_WRAPPER "$STEMCOST" "$@"
}
STEMCOST_WRAPPER=${STEMCOST_WRAPPER:-}

pass() { passes=$((passes + 1)); }
fail() { failures=$((failures + 1)); echo "FAIL: $*"; }

# expect_status WANT GOT WHAT
expect_status() {
    if [ "$2" -eq "$1" ]; then pass; else fail "$3: exit status $2, expected $1"; fi
}

# expect_same EXPECTED_FILE ACTUAL_FILE WHAT
expect_same() {
    if diff -u "$1" "$2" >/dev/null 2>&1; then pass; else
        fail "$3: output differs from $1"
        diff -u "$1" "$2" | head -40
    fi
}

# expect_grep PATTERN FILE WHAT
expect_grep() {
    if grep -q -- "$1" "$2"; then pass; else fail "$3: '$1' not found in output"; sed 's/^/    /' "$2" | head -20; fi
}

make_tmp() {
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/stemcost-test.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
}

# de_locale: set DE_LOCPATH to a directory holding a de_DE.UTF-8 locale (a comma
# decimal point), built once per build tree and shared by the tests that use it;
# returns 1 when it cannot be built (Debian package `locales` provides localedef).
de_locale() {
    DE_LOCPATH=$(cd "$(dirname "$STEMCOST")/.." && pwd)/tests/locale
    if [ ! -d "$DE_LOCPATH/de_DE.UTF-8" ]; then
        mkdir -p "$DE_LOCPATH"
        # One builder at a time (parallel tests): the lock is a directory.
        while ! mkdir "$DE_LOCPATH.lock" 2>/dev/null; do
            [ -d "$DE_LOCPATH/de_DE.UTF-8" ] && break
            sleep 0.1
        done
        if [ ! -d "$DE_LOCPATH/de_DE.UTF-8" ] && command -v localedef >/dev/null 2>&1; then
            localedef -i de_DE -f UTF-8 "$DE_LOCPATH/de_DE.UTF-8.tmp" >/dev/null 2>&1 &&
                mv "$DE_LOCPATH/de_DE.UTF-8.tmp" "$DE_LOCPATH/de_DE.UTF-8"
        fi
        rmdir "$DE_LOCPATH.lock" 2>/dev/null || true
    fi
    [ "$(LOCPATH="$DE_LOCPATH" LC_ALL=de_DE.UTF-8 locale decimal_point 2>/dev/null)" = "," ]
}

# A copy of the minimal fixture at DIR with N more US lab panels of $1.00
# each (the fixture has no labs for the US, so every one applies).
fixture_with_lab_panels() { # DIR N
    cp -r "$TESTS_SRCDIR/fixtures/minimal" "$1"
    i=0
    while [ $i -lt "$2" ]; do
        echo "US,*,*,*,labs,Lab panel $i,,episode,1,1,1,1,USD,sourced,S1,2025-06-30" >>"$1/items.csv"
        i=$((i + 1))
    done
}

finish() {
    echo "$passes passed, $failures failed"
    [ "$failures" -eq 0 ]
}
