#!/bin/sh
# The quick part of the allocation sweep (all of it: `make sweep`, see
# tests/sweep/README.md): every command run with its 1st, 50th and 2000th
# allocation failing (the pricing load, shared by all) and each of its last
# ones (its own work, its output, its clean-up), through the injector
# tests/sweep/faultshim.so.  Each run must exit 1 saying out of memory, leave
# no file and no damaged register, and (in the sanitizer build) leak nothing.
. "$TESTS_SRCDIR/cli/lib.sh"
if [ -n "$STEMCOST_WRAPPER" ]; then
    echo "SKIP: under $STEMCOST_WRAPPER, which replaces malloc itself"
    exit 77
fi
make_tmp
SWEEP_DIR=$tmp/sweep sh "$TESTS_SRCDIR/sweep/sweep.sh" alloc \
    --points 1,50,2000,-120,-80,-60,-40,-30,-20,-15,-10,-8,-6,-5,-4,-3,-2,-1 >"$tmp/log" 2>&1
cat "$tmp/log"
for c in estimate compare simulate finance batch quote reissue quotes validate list; do
    if grep -q "^alloc $c: .* 0 FAILED\$" "$tmp/log"; then pass; else fail "allocation sweep of $c"; fi
done
finish
