#!/bin/sh
# Build and run the libFuzzer harnesses (tests/fuzz/fuzz_*.c) with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]    (default 60 seconds, every harness)
#
# Run from a configured tree (it needs config.h and lib/pricing_data.c: run
# `make` first).  Seeds come from tests/fuzz/corpus/NAME; the corpus grown by
# a run and any crash files go to _fuzz/ (not committed).  Needs the Debian
# packages clang and libclang-rt-14-dev.  Exits non-zero when a harness finds
# something.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-pricing batch clinics money options provider query}
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
[ -f config.h ] && [ -f lib/pricing_data.c ] || { echo "fuzz: run ./configure && make first" >&2; exit 2; }
mkdir -p _fuzz
flags="-g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I. -Iinclude -Ilib $(pkg-config --cflags cairo-pdf fontconfig sqlite3)"
libs="-lcsv $(pkg-config --libs gsl cairo-pdf fontconfig sqlite3) -lm"
lib_sources=$(ls lib/*.c)
serve_sources="src/serve_query.c src/serve_pages.c"
cli_sources="src/cli.c src/cli_output.c src/cli_scenario.c src/cli_quote.c src/cli_command.c \
$(ls src/cmd_*.c) src/serve.c $serve_sources $(pkg-config --cflags --libs libmicrohttpd)"
status=0
for h in $harnesses; do
    extra=""
    mask=""
    [ "$h" = options ] && extra="$cli_sources -Isrc" && mask="-close_fd_mask=3"
    [ "$h" = query ] && extra="$serve_sources -Isrc"
    echo "fuzz: building $h"
    # shellcheck disable=SC2086
    $CC $flags -o "_fuzz/fuzz_$h" "tests/fuzz/fuzz_$h.c" $lib_sources $extra $libs
    mkdir -p "_fuzz/corpus_$h" "_fuzz/crashes_$h"
    echo "fuzz: running $h for $seconds s"
    # shellcheck disable=SC2086
    if ! "./_fuzz/fuzz_$h" $mask -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="_fuzz/crashes_$h/" \
        "_fuzz/corpus_$h" "tests/fuzz/corpus/$h" >"_fuzz/$h.log" 2>&1; then
        echo "fuzz: $h FOUND A PROBLEM: see _fuzz/$h.log and _fuzz/crashes_$h/" >&2
        status=1
    fi
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "_fuzz/$h.log" | sed "s/^/fuzz: $h: /" || true
done
exit $status
