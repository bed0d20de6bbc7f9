#!/bin/sh
# pricing/coverage.md (how much of each main scenario rests on interpolated
# prices) is generated from the bundled tables by tools/coverage: the
# committed copy must be what the tool prints today (`make coverage`
# regenerates it).
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
status=0
# shellcheck disable=SC2086
$STEMCOST_WRAPPER "$COVERAGE_TOOL" >"$tmp/coverage.md" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "tools/coverage"
expect_same "$PRICING_SRCDIR/coverage.md" "$tmp/coverage.md" "pricing/coverage.md is out of date (run make coverage)"
# The tool reads a pricing directory too: the minimal fixture prices two
# knee scenarios, and says which are not priced.
status=0
# shellcheck disable=SC2086
$STEMCOST_WRAPPER "$COVERAGE_TOOL" "$TESTS_SRCDIR/fixtures/minimal" >"$tmp/min.md" 2>"$tmp/err" || status=$?
expect_status 0 "$status" "tools/coverage on the fixture"
# US BMAC: consultation 200 + follow-up 2 x 100 interpolated of 4,400 typical
# (check_estimate.c) = 400 / 4,400 = 9.1 %.
expect_grep '| US | bmac | \$4,400.00 | S1 (2025) | 9.1 % | consultation, follow-up |' "$tmp/min.md" "fixture US bmac row"
expect_grep '| JP | prp | not priced |' "$tmp/min.md" "unpriced row"
status=0
"$COVERAGE_TOOL" /nonexistent >/dev/null 2>"$tmp/err" || status=$?
expect_status 1 "$status" "missing directory"
finish
