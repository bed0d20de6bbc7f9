#!/bin/sh
# Every fuzz harness (tests/fuzz/fuzz_*.c), built with a plain driver
# (tests/fuzz/replay_main.c), replays its committed corpus and any inputs
# that once crashed (tests/fuzz/regressions/NAME): it must exit 0 (under
# the sanitizers in the sanitizer build, a report aborts it).  The fuzzing
# itself is `make fuzz` (scripts/fuzz.sh).
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
build=$(dirname "$(dirname "$STEMCOST")")
for h in batch clinics dates money options pricing provider query register scenario; do
    replay="$build/tests/fuzz/replay_$h"
    corpus="$TESTS_SRCDIR/fuzz/corpus/$h"
    if [ ! -x "$replay" ]; then
        fail "$h: $replay was not built"
        continue
    fi
    set -- "$corpus"
    [ -d "$TESTS_SRCDIR/fuzz/regressions/$h" ] && set -- "$@" "$TESTS_SRCDIR/fuzz/regressions/$h"
    # The harnesses write what the commands print; only their status and a
    # sanitizer's report count.
    if (cd "$tmp" && $STEMCOST_WRAPPER "$replay" "$@" >/dev/null 2>"$tmp/$h.err"); then
        pass
        echo "$h: $(tail -n 1 "$tmp/$h.err")"
    else
        fail "$h: replaying $corpus fails"
        tail -n 30 "$tmp/$h.err"
    fi
done
finish
