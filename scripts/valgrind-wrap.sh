#!/bin/sh
# Runs a test program (or the stemcost binary, from the CLI tests) under
# valgrind through libtool, so uninstalled shared-library builds work.
# Any memory error or leak makes the run fail with status 97.
# Used by `make check-valgrind`.
exec "${SC_LIBTOOL:-libtool}" --mode=execute valgrind -q --error-exitcode=97 \
    --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible "$@"
