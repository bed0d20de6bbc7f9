#!/bin/sh
# The charts the README shows, one of each kind, from the bundled tables:
#   sh doc/charts/charts.sh STEMCOST DIR
# (`make charts` writes them here; tests/cli/chart.sh makes them again and
# fails when a committed copy differs.)  Dates are fixed, so the files only
# change when the tables or the charts do.
set -eu
bin=$1
dir=$2
run() { ${STEMCOST_WRAPPER:-} "$bin" "$@" >/dev/null; }
day="--today 2026-11-24"
# shellcheck disable=SC2086
run compare --procedure bmac --condition knee-oa --home US --sites 2 $day \
    --chart "$dir/compare.svg" --force
# shellcheck disable=SC2086
run simulate --procedure bmac --condition knee-oa --country IN --home US --sites 2 $day \
    --chart "$dir/simulate.svg" --force
# shellcheck disable=SC2086
run estimate --procedure bmac --condition knee-oa --country US --sites 2 --insurance us-ppo $day \
    --chart "$dir/estimate.svg" --force
run finance --amount 12000 --plan promo-12 --start 2026-01-15 --chart "$dir/finance.svg" --force
run finance --amount 12000 --compare --start 2026-01-15 --chart "$dir/finance-compare.svg" --force
