#!/bin/sh
# Build and run the libFuzzer harnesses (tests/fuzz/fuzz_*.c) with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]   run each harness SECONDS (default 60),
#                                            one after the other
#   scripts/fuzz.sh --merge [HARNESS...]     minimise the committed corpus with
#                                            what the runs found (libFuzzer -merge=1)
#   scripts/fuzz.sh --replay [HARNESS...]    run each harness once over its
#                                            committed corpus and regressions
#
# Harnesses: pricing batch clinics money options provider dates scenario
# register query (default: all).  Run from a configured build directory (it needs
# config.h and lib/pricing_data.c: run `make` first), or set FUZZ_BUILDDIR;
# the source tree is where this script is.  Seeds and the minimised corpus are
# tests/fuzz/corpus/NAME (committed); inputs that once crashed are
# tests/fuzz/regressions/NAME (committed, replayed by every run); the corpus a
# run grows and any crash go to _fuzz/ in the build directory (not committed).
# The fuzzers run under `nice -n 19` (FUZZ_NICE), one at a time.  Each run ends
# with a line: executions, coverage (libFuzzer's cov: edges and ft: features),
# corpus size.  Needs the Debian packages clang and libclang-rt-14-dev.  Exits
# non-zero when a harness finds something.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${FUZZ_BUILDDIR:-.}" && pwd)
mode=run
case ${1:-} in
--merge) mode=merge; shift ;;
--replay) mode=replay; shift ;;
[0-9]*) seconds=$1; shift ;;
esac
seconds=${seconds:-60}
harnesses=${*:-pricing batch clinics money options provider dates scenario register query}
CC=${FUZZ_CC:-clang}
nice="nice -n ${FUZZ_NICE:-19}"
command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
[ -f "$build/config.h" ] && [ -f "$build/lib/pricing_data.c" ] ||
    { echo "fuzz: $build is not a built tree: run ./configure && make first (or set FUZZ_BUILDDIR)" >&2; exit 2; }
out=$build/_fuzz
mkdir -p "$out/obj"
cflags="-g -O1 -std=gnu11 -fno-sanitize-recover=undefined -I$build -I$src/include -I$src/lib -I$src/src \
    $(pkg-config --cflags cairo-pdf fontconfig sqlite3 gsl libmicrohttpd) -DFUZZ_PRICING_BASE=\"$src/tests/fuzz/pricing-base\""
libs="-lcsv $(pkg-config --libs gsl cairo-pdf fontconfig sqlite3 libmicrohttpd) -lm"

# The library and the command-line code, compiled once with coverage
# instrumentation (the harnesses link them).
objects() { # ARCHIVE SOURCES...: compile what changed, archive
    archive=$1
    shift
    list=""
    for s in "$@"; do
        o=$out/obj/$(echo "${s#"$src"/}" | tr / _).o
        o=${o%.c.o}.o
        if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ "$newest" -nt "$o" ]; then
            # shellcheck disable=SC2086
            $CC $cflags -fsanitize=fuzzer-no-link,address,undefined -c "$s" -o "$o"
        fi
        list="$list $o"
    done
    rm -f "$archive"
    # shellcheck disable=SC2086
    ar rcs "$archive" $list
}
newest=$(ls -t "$src"/include/stemcost/*.h "$src"/lib/*.h "$src"/src/*.h "$build/config.h" | head -n 1)
echo "fuzz: building the library"
objects "$out/libstemcost.a" "$src"/lib/*.c "$build/lib/pricing_data.c"
cli=""
for f in "$src"/src/*.c; do [ "${f##*/}" = main.c ] || cli="$cli $f"; done
# shellcheck disable=SC2086
objects "$out/libcli.a" $cli

status=0
for h in $harnesses; do
    echo "fuzz: building $h"
    # shellcheck disable=SC2086
    $CC $cflags -fsanitize=fuzzer,address,undefined -o "$out/fuzz_$h" "$src/tests/fuzz/fuzz_$h.c" \
        "$out/libcli.a" "$out/libstemcost.a" $libs
    seeds=$src/tests/fuzz/corpus/$h
    regressions=$src/tests/fuzz/regressions/$h
    mkdir -p "$out/corpus_$h" "$out/crashes_$h" "$seeds"
    mask=""
    case $h in options | register) mask="-close_fd_mask=3" ;; esac
    flags="$mask -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1"
    case $mode in
    merge)
        # The committed corpus becomes the smallest set with the coverage of
        # the committed one plus everything the runs found.
        rm -rf "$out/merged_$h" && mkdir -p "$out/merged_$h"
        before=$(find "$seeds" -type f | wc -l)
        # shellcheck disable=SC2086
        $nice "$out/fuzz_$h" $flags -merge=1 "$out/merged_$h" "$seeds" "$out/corpus_$h" \
            >"$out/$h.merge.log" 2>&1
        rm -rf "$seeds" && mkdir -p "$seeds" && cp "$out/merged_$h"/* "$seeds"/
        echo "fuzz: $h: corpus $before -> $(find "$seeds" -type f | wc -l) inputs ($(du -sk "$seeds" | cut -f1) kB)"
        continue ;;
    replay)
        files=$(find "$seeds" "$regressions" -type f 2>/dev/null | sort)
        # shellcheck disable=SC2086
        if [ -n "$files" ] && ! $nice "$out/fuzz_$h" $flags $files >"$out/$h.replay.log" 2>&1; then
            echo "fuzz: $h FAILS on a committed input: see $out/$h.replay.log" >&2
            status=1
        fi
        echo "fuzz: $h: replayed $(echo "$files" | grep -c .) committed inputs"
        continue ;;
    esac
    # Inputs that once crashed first, then the fuzzing run.
    if [ -d "$regressions" ]; then
        # shellcheck disable=SC2086
        if ! "$out/fuzz_$h" $flags $(find "$regressions" -type f) >"$out/$h.regressions.log" 2>&1; then
            echo "fuzz: $h FAILS a regression input: see $out/$h.regressions.log" >&2
            status=1
            continue
        fi
    fi
    echo "fuzz: running $h for $seconds s"
    start=$(date +%s)
    # shellcheck disable=SC2086
    if ! $nice "$out/fuzz_$h" $flags -max_total_time="$seconds" -artifact_prefix="$out/crashes_$h/" \
        "$out/corpus_$h" "$seeds" >"$out/$h.log" 2>&1; then
        echo "fuzz: $h FOUND A PROBLEM: see $out/$h.log and $out/crashes_$h/" >&2
        status=1
    fi
    took=$(($(date +%s) - start))
    # "#N DONE cov: C ft: F corp: K/..." (or the last status line).
    last=$(grep -E '^#[0-9]+' "$out/$h.log" | tail -n 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$h.log")
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    echo "fuzz: $h: ${execs:-?} executions in $took s ($((${execs:-0} / (took > 0 ? took : 1)))/s), cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
done
exit $status
