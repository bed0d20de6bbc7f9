#!/bin/sh
# stemcost set-up for a fresh Debian 12 machine: installs missing build
# dependencies (Debian packages), builds, then either runs the main job on the
# bundled pricing tables (`run`) or runs the whole test suite (`test`).
# Running it again is harmless and fast: nothing is installed or rebuilt twice.
#
#   ./bootstrap.sh run     build and show an example on the bundled tables
#   ./bootstrap.sh test    build and run the test suite (make check)
set -eu

# Fonts for PDF quotes: DejaVu Sans for Latin, Greek, Cyrillic and the currency
# signs; for what it lacks, fontconfig falls back to Droid Sans Fallback (CJK:
# Chinese, Japanese and Korean names; 1.8 MB, against 57 MB for Noto CJK) and
# Lohit Devanagari (Hindi names; 80 kB).  sqlite3 (the command) lets the tests
# hold the quote register busy as another program would.
PACKAGES="gcc make autoconf automake libtool pkgconf libcsv-dev libgsl-dev check locales
libcairo2-dev libfontconfig-dev libsqlite3-dev fonts-dejavu-core fonts-droid-fallback
fonts-lohit-deva poppler-utils sqlite3 libmicrohttpd-dev curl chromium nodejs wrk
libxml2-utils"
# npm comes with nodejs from some sources (NodeSource's nodejs conflicts with
# Debian's npm package), so it is installed only when the command is missing.

cd "$(dirname "$0")"

missing_packages() {
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
            printf '%s ' "$p"
    done
    command -v npm >/dev/null 2>&1 || printf 'npm '
}

install_dependencies() {
    command -v dpkg-query >/dev/null 2>&1 || {
        echo "bootstrap: not a Debian system; install: $PACKAGES" >&2
        return 0
    }
    missing=$(missing_packages)
    [ -z "$missing" ] && return 0
    echo "bootstrap: installing Debian packages: $missing"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
    else
        echo "bootstrap: missing packages and no sudo; as root run:" >&2
        echo "  apt-get update && apt-get install -y $missing" >&2
        exit 1
    fi
}

build() {
    if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt configure ]; then
        autoreconf -fi
    fi
    [ -f Makefile ] || ./configure
    make -j"$(nproc 2>/dev/null || echo 2)"
}

# The browser test's node packages (playwright-core, pinned by the lockfile;
# it drives the Debian chromium and never downloads a browser).
browser_test_packages() {
    [ -f tests/browser/node_modules/playwright-core/package.json ] && return 0
    echo "bootstrap: npm ci in tests/browser (playwright-core for the browser test)"
    (cd tests/browser && npm ci --no-audit --no-fund) ||
        echo "bootstrap: npm ci failed: the browser test will be skipped" >&2
}

case "${1:-}" in
run)
    install_dependencies
    build
    set -x
    ./src/stemcost validate
    ./src/stemcost compare --procedure bmac --condition knee-oa --home US --sites 2
    ;;
test)
    install_dependencies
    browser_test_packages
    build
    make -j"$(nproc 2>/dev/null || echo 2)" check
    ;;
*)
    echo "usage: ./bootstrap.sh run|test" >&2
    exit 2
    ;;
esac
