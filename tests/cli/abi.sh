#!/bin/sh
# The installed library's contract: it exports exactly the public API (the
# functions and data the headers in include/stemcost/ declare), every function
# a header declares exists, and the program is a real executable (no libtool
# wrapper between the tests and the code).
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
top=$(dirname "$STEMCOST")/..
so=$top/lib/.libs/libstemcost.so
headers="$TESTS_SRCDIR/../include/stemcost"

if [ ! -f "$so" ]; then
    echo "SKIP: no shared library at $so (static-only build)"
    exit 77
fi

nm -D --defined-only "$so" | awk '{ print $3 }' | sort -u >"$tmp/exported"
expect_same "$top/lib/libstemcost.sym" "$tmp/exported" "exported symbols are the public list"
if grep -v '^sc_' "$tmp/exported" >"$tmp/stray"; then
    fail "symbols outside the sc_ namespace are exported: $(tr '\n' ' ' <"$tmp/stray")"
else pass; fi

# Every function a public header declares ("sc_name(", comments removed by the
# preprocessor, function-pointer types "(*" left out) is exported.
for h in "$headers"/*.h; do ${CC:-cc} -fpreprocessed -dD -E -P "$h" 2>/dev/null; done |
    grep -oE '(^|[^(*a-z0-9_])sc_[a-z0-9_]+ *\([^*]' | grep -oE 'sc_[a-z0-9_]+' |
    sort -u >"$tmp/declared"
missing=$(comm -23 "$tmp/declared" "$tmp/exported" | grep -v -x -e 'sc_range_at' || true)
if [ -n "$missing" ]; then fail "declared but not exported: $missing"; else pass; fi

# Internals stay inside: a few known internal functions must not be exported.
for f in sc_episode_items sc_totals_internal_never sc_cells_text sc_pert_table_init; do
    if grep -qx "$f" "$tmp/exported"; then fail "internal $f is exported"; else pass; fi
done

# The program is an ELF executable, not a shell-script wrapper.
if head -c 4 "$STEMCOST" | grep -q 'ELF'; then pass; else fail "$STEMCOST is not an ELF binary"; fi
finish
