#!/bin/sh
# Lower layers never call upward: no two library files depend on each other,
# directly or through others (a helper two modules need moves down to where
# both can reach it).  Read from the objects' symbol tables.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
libs=$(dirname "$STEMCOST")/../lib/.libs
set -- "$libs"/*.o
if [ ! -f "$1" ] || ! command -v nm >/dev/null 2>&1; then
    echo "SKIP: no library objects in $libs or no nm"
    exit 77
fi
for o in "$libs"/*.o; do
    f=$(basename "$o" .o)
    nm "$o" | awk -v f="$f" 'NF == 3 && $2 ~ /^[TDBR]$/ { print "D", f, $3 } NF == 2 && $1 == "U" { print "U", f, $2 }'
done >"$tmp/syms"
# Edges file -> file it uses; then the transitive closure; a file that reaches
# itself is in a cycle.
awk '$1 == "D" { def[$3] = $2 } $1 == "U" { use[NR] = $2 " " $3 }
     END { for (k in use) { split(use[k], a, " "); if ((a[2] in def) && def[a[2]] != a[1]) print a[1], def[a[2]] } }' \
    "$tmp/syms" | sort -u >"$tmp/edges"
awk '{ e[$1, $2] = 1; n[$1] = 1; n[$2] = 1 }
     END {
         for (k in n) for (i in n) if (e[i, k]) for (j in n) if (e[k, j]) e[i, j] = 1
         for (i in n) if (e[i, i]) { print i; bad = 1 }
         exit bad }' "$tmp/edges" >"$tmp/cyclic" && pass || fail "library files in a dependency cycle: $(tr '\n' ' ' <"$tmp/cyclic")"
[ "$(wc -l <"$tmp/edges")" -gt 20 ] && pass || fail "too few dependencies read: the check saw nothing"
finish
