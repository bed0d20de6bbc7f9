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

finish() {
    echo "$passes passed, $failures failed"
    [ "$failures" -eq 0 ]
}
