#!/bin/sh
# make mutate: apply each deliberate money-rule bug of tests/mutants/catalogue.txt
# to a copy of the source tree, one at a time, rebuild, and run the tests
# `make check` runs (the catalogue's expected catcher first, then the others,
# stopping at the first that fails), with make check's environment.  A mutant
# every test lets through fails the run.  Prints the score.
# Usage: scripts/mutate.sh SRCDIR [ID ...]
set -eu
src=$(cd "${1:?usage: mutate.sh SRCDIR [ID ...]}" && pwd)
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/stemcost-mutate.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "mutate: copying the tree to $work"
(cd "$src" && git ls-files -z 2>/dev/null | xargs -0 tar cf - 2>/dev/null) | (cd "$work" && tar xf -) ||
    cp -a "$src"/. "$work"/
cd "$work"
autoreconf -fi >/dev/null 2>&1
./configure -q >/dev/null
make -s -j2 >/dev/null 2>&1
make -s -j2 check TESTS= >/dev/null 2>&1 # builds the test programs
tests=$(printf 'print-tests:\n\t@echo $(TESTS)\n' | make -s -f Makefile -f - print-tests 2>/dev/null)
[ -n "$tests" ] || { echo "mutate: cannot list the tests" >&2; exit 1; }

# One test, as make check runs it (AM_TESTS_ENVIRONMENT), without the harness.
run_test() {
    (
        STEMCOST="$work/src/stemcost"
        TESTS_SRCDIR="$work/tests"
        PRICING_SRCDIR="$work/pricing"
        STEMCOST_WRAPPER=
        export STEMCOST TESTS_SRCDIR PRICING_SRCDIR STEMCOST_WRAPPER
        unset STEMCOST_PRICING
        case $1 in
        *.sh) exec timeout 600 sh "$work/$1" ;;
        *) exec timeout 600 "$work/$1" ;;
        esac
    ) >/dev/null 2>&1
}

caught=0
missed=0
total=0
while IFS= read -r line; do
    case $line in '#'* | '') continue ;; esac
    id=$(printf '%s' "$line" | awk -F ' [|] ' '{ print $1 }')
    if [ $# -gt 0 ]; then
        want=0
        for x in "$@"; do [ "$x" = "$id" ] && want=1; done
        [ $want -eq 1 ] || continue
    fi
    file=$(printf '%s' "$line" | awk -F ' [|] ' '{ print $2 }')
    hint=$(printf '%s' "$line" | awk -F ' [|] ' '{ print $6 }')
    total=$((total + 1))
    cp "$file" "$file.orig"
    if ! MUT_LINE="$line" perl -0pi -e '
            my @f = split / \| /, $ENV{MUT_LINE};
            my ($from, $to) = ($f[2], $f[3]);
            s/\\n/\n/g for ($from, $to);
            my $n = () = /\Q$from\E/g;
            die "mutate: $f[0]: the text occurs $n times in $f[1]\n" if $n != 1;
            s/\Q$from\E/$to/;' "$file"; then
        echo "mutate: $id: cannot apply" >&2
        mv "$file.orig" "$file"
        exit 1
    fi
    by=""
    if ! make -s -j2 all >/dev/null 2>"$work/build.err" ||
        ! make -s -j2 check TESTS= >/dev/null 2>>"$work/build.err"; then
        by="the build"
    else
        for t in $hint $tests; do
            if ! run_test "$t"; then
                by=$t
                break
            fi
        done
    fi
    if [ -n "$by" ]; then
        caught=$((caught + 1))
        echo "caught  $id: by $by"
    else
        missed=$((missed + 1))
        echo "MISSED  $id: $(printf '%s' "$line" | awk -F ' [|] ' '{ print $5 }')"
    fi
    mv "$file.orig" "$file"
    touch "$file"
done <"$src/tests/mutants/catalogue.txt"
make -s -j2 >/dev/null 2>&1 || true
echo "mutate: $caught of $total mutants caught, $missed missed"
[ "$missed" -eq 0 ]
