#!/bin/sh
# The quick part of the allocation sweep (all of it: `make sweep`, see
# tests/sweep/README.md), through the injector tests/sweep/faultshim.so:
#   - every command with its 1st, 50th and 2000th allocation failing (in the
#     pricing load all share) and each of its last ones (its own work, its
#     report, its clean-up);
#   - estimate also at every 250th allocation of the whole run (the pricing
#     load once crashed when a price row's copy failed: the cross-table checks
#     walked a model with holes);
#   - a PDF quote at every 10th of its last 700 to 590, while cairo first
#     shapes text (it once left an error on its context there and the quote
#     went out mis-laid).  (Not its last 200 or so: there cairo 1.16 embeds the fonts,
#     and an allocation failing then gives a PDF without them that cairo
#     reports as written; nor the start of its first text: fontconfig crashes
#     when out of memory reading its configuration.  See tests/sweep/README.md.)
# Each run must exit 1 saying out of memory, leave no file and no damaged
# register, and (in the sanitizer build) leak nothing.
. "$TESTS_SRCDIR/cli/lib.sh"
if [ -n "$STEMCOST_WRAPPER" ]; then
    echo "SKIP: under $STEMCOST_WRAPPER, which replaces malloc itself"
    exit 77
fi
make_tmp
tail_points=-120,-80,-60,-40,-30,-20,-15,-10,-8,-6,-5,-4,-3,-2,-1
sweep() { # POINTS COMMAND...
    points=$1
    shift
    SWEEP_DIR=$tmp/sweep sh "$TESTS_SRCDIR/sweep/sweep.sh" alloc --points "$points" "$@" >"$tmp/log" 2>&1
    cat "$tmp/log"
    for c in "$@"; do
        if grep -q "^alloc $c: .* 0 FAILED\$" "$tmp/log"; then pass; else fail "allocation sweep of $c"; fi
    done
}
sweep "1,50,2000,$tail_points" compare simulate finance batch quote reissue quotes validate list
sweep "$(awk 'BEGIN { for (n = 250; n <= 12000; n += 250) printf "%d,", n }')1,50,$tail_points" estimate
sweep "$(awk 'BEGIN { for (n = 700; n > 590; n -= 10) printf "-%d,", n }')-590" quote-pdf
finish
