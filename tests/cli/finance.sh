#!/bin/sh
# `finance` from the command line, against published examples:
#  - Regulation Z Appendix J (c)(1)(i): $5,000, 24 monthly payments of $230,
#    advance 1978-01-10, first payment 1978-02-10: APR 9.69 %;
#  - Appendix J (c)(1)(ii): $6,000, 36 payments of $200 from 1978-04-01 after
#    an advance on 1978-02-10 (19 odd days): APR 11.82 %;
#  - Microsoft Excel PMT documentation: $10,000 at 8 % over 10 months: $1,037.03.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
fin() { status=0; sc finance "$@" >"$tmp/out" 2>"$tmp/err" || status=$?; }

fin --amount 5000 --payment 230 --months 24 --start 1978-01-10 --format json
expect_status 0 "$status" "solve APR"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"apr":9.69' "$tmp/flat" "App. J (c)(1)(i) APR"
expect_grep '"payments":24' "$tmp/flat" "24 payments"

fin --amount 6000 --payment 200 --months 36 --start 1978-02-10 --first-payment 1978-04-01
expect_status 0 "$status" "long first period"
expect_grep 'ANNUAL PERCENTAGE RATE 11.82 %' "$tmp/out" "App. J (c)(1)(ii) APR"
expect_grep '1 month and 19 odd days' "$tmp/out" "odd days"

fin --amount 10000 --apr 8 --months 10 --start 2026-01-01 --format csv
expect_status 0 "$status" "schedule csv"
expect_grep '^period,date,payment,interest,principal,balance' "$tmp/out" "csv header"
expect_grep '^1,2026-02-01,1037.03,66.67,970.36,9029.64' "$tmp/out" "first row (8 %/12 x 10,000 = 66.67)"
# Principal adds up to the loan exactly.
total=$(awk -F, 'NR > 1 { gsub(/\r/, ""); s += $5 * 100 } END { printf "%d", s + 0.5 }' "$tmp/out")
[ "$total" -eq 1000000 ] && pass || fail "principal sums to $total cents, not 1000000"
last=$(tail -n 1 "$tmp/out" | tr -d '\r' | cut -d, -f6)
[ "$last" = "0.00" ] && pass || fail "final balance $last"

# Deferred interest: $1,200, 12 months, 29.99 %, $30 minimum: $310.16 (worked in check_finance.c).
fin --amount 1200 --promo-months 12 --deferred --apr 29.99 --start 2026-01-01 --format json
expect_status 0 "$status" "deferred"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"payment_to_avoid_interest":100.00' "$tmp/flat" "payoff payment"
expect_grep '"deferred_interest_on_minimum":310.16' "$tmp/flat" "back interest"

# A fee raises the APR above the note rate; --compare lists every plan.
fin --amount 5000 --plan loan-36 --start 2026-12-01 --format json
expect_status 0 "$status" "loan-36"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"prepaid_finance_charge":250.00' "$tmp/flat" "5 % fee"
expect_grep '"amount_financed":4750.00' "$tmp/flat" "amount financed"
fin --amount 6500 --compare --format csv
expect_status 0 "$status" "compare"
[ "$(grep -c '' "$tmp/out")" -eq 8 ] && pass || fail "compare: expected 7 plans and a header"

# Extra principal: fewer payments, less interest.
fin --amount 10000 --apr 12 --months 36 --extra 100 --start 2026-01-01 --format json
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"payments_without_extra":36' "$tmp/flat" "baseline reported"

# Bad input.
fin --amount 0 --apr 5 --months 12;        expect_status 2 "$status" "zero amount"
fin --amount 5000 --apr -1 --months 12;    expect_status 2 "$status" "negative APR"
fin --amount 5000 --apr 101 --months 12;   expect_status 2 "$status" "APR above 100"
fin --amount 5000 --apr 5 --months 0;      expect_status 2 "$status" "zero months"
fin --amount 5000 --apr 5 --months 12 --fee 5000; expect_status 2 "$status" "fee >= amount"
fin --amount 5000 --payment 100 --months 12
expect_status 2 "$status" "payment too small"
expect_grep "at least 416.67 a month" "$tmp/err" "says the minimum"
fin --amount 5000 --apr 5 --months 12 --start 2026-03-01 --first-payment 2026-02-01
expect_status 2 "$status" "first payment before start"
fin --amount 5000 --plan nosuch;           expect_status 1 "$status" "unknown plan"
fin --amount 5000 --plan cash --apr 5;     expect_status 2 "$status" "plan with terms"
fin --amount 5000 --apr 5;                 expect_status 2 "$status" "missing months"
finish
