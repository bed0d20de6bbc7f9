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
fin --amount 5000 --plan nosuch;           expect_status 2 "$status" "unknown plan"
fin --amount 5000 --plan cash --apr 5;     expect_status 2 "$status" "plan with terms"
fin --amount 5000 --apr 5;                 expect_status 2 "$status" "missing months"

# Issue 19, half-cent ties: $6,500 at 15.9 % for 36 months.  The monthly rate
# is 0.159 / 12 = 0.01325 exactly; the first interest 6,500 x 0.01325 = 86.125
# rounds half away from zero to 86.13; the payment 228.20 (86.125 / (1 -
# 1.01325^-36) = 228.196) and total of payments 36 x 228.20 = 8,215.20.
fin --amount 6500 --apr 15.9 --months 36 --start 2026-01-15 --format csv
expect_grep '^1,2026-02-15,228.20,86.13,142.07,6357.93' "$tmp/out" "tie rounds half away"
total=$(awk -F, 'NR > 1 { s += $3 * 100 } END { printf "%d", s + 0.5 }' "$tmp/out")
[ "$total" -eq 821520 ] && pass || fail "total of payments $total cents, not 821520"

# Issue 19, payoff advice from the dates: $3,000, 6 months, bought 2026-01-20,
# first payment 2026-03-01: the promotion ends 2026-07-20 and only the
# payments of Mar 1 .. Jul 1 (five) fall before it: 3,000 / 5 = $600.00.
fin --amount 3000 --promo-months 6 --deferred --apr 26.99 --start 2026-01-20 \
    --first-payment 2026-03-01 --format json
expect_status 0 "$status" "deferred with a late first payment"
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"payment_to_avoid_interest":600.00' "$tmp/flat" "advice meets the deadline"
expect_grep '"payments_in_time":5' "$tmp/flat" "five payments in time"
expect_grep '"payments":5,' "$tmp/flat" "the schedule follows the advice"
# $6,500, 12 months, bought 2026-01-15, first payment 2026-03-15: 11 payments
# (Mar 15 2026 .. Jan 15 2027): 6,500 / 11 = 590.909 -> $590.91.
fin --amount 6500 --promo-months 12 --deferred --apr 26.99 --start 2026-01-15 \
    --first-payment 2026-03-15 --format csv
expect_grep '^period,date,payment,interest,principal,balance,deferred_interest_accrued,deferred_interest_on_minimum' \
    "$tmp/out" "deferred CSV carries the risk"
expect_grep '^1,2026-03-15,590.91,0.00,590.91,5909.09,283.58,283.58' "$tmp/out" \
    "first row: 6,500 x 59 days x 0.2699 / 365 = 283.58 at stake"
expect_grep '^11,2027-01-15,590.90,0.00,590.90,0.00,' "$tmp/out" "last payment on the expiry"
fin --amount 6500 --promo-months 12 --deferred --apr 26.99 --start 2026-01-15
expect_grep 'standard APR of 26.99 %' "$tmp/out" "standard APR shown"
expect_grep 'minimum of \$30.00 a month leaves' "$tmp/out" "names the minimum assumed"

# Cash is paid up front, in full: JSON totals are the amount.
fin --amount 6500 --plan cash --format json
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"down_payment":6500.00' "$tmp/flat" "cash down payment"
expect_grep '"total_cost":6500.00' "$tmp/flat" "cash total cost"

# A down payment with a plan that takes a deposit: 30 % of $6,500 = $1,950 down,
# then clinic-6's 20 % deposit on the $4,550 left = $910; $3,640 in 6 payments:
# 3,640 / 6 = 606.666... -> $606.67 five times, the last 3,640 - 3,033.35 = $606.65.
fin --amount 6500 --plan clinic-6 --down 30% --start 2026-01-15
expect_status 0 "$status" "clinic plan with a down payment"
expect_grep 'paid before financing \$2,860.00 (down payment \$1,950.00, then the plan.s deposit \$910.00 on the rest)' \
    "$tmp/out" "down payment and deposit named apart"
expect_grep '6 monthly payments of \$606.67 .*(last \$606.65)' "$tmp/out" "the instalments"
fin --amount 6500 --plan clinic-6 --down 30% --start 2026-01-15 --format json
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"down_payment":2860.00,"deposit":910.00,' "$tmp/flat" "JSON: before financing, and the deposit"

# Up front + payments = total paid, for every plan (loan-36's $325 fee is
# paid at signing: 5 % of $6,500).
fin --amount 6500 --compare --start 2026-01-15 --format csv
awk -F, 'NR > 1 { n = $6; if (n > 0) paid = $4 * 100 + $5 * 100 * (n - 1) + $13 * 100;
                  else paid = $4 * 100;
                  if (int(paid + 0.5) != int($7 * 100 + 0.5)) { print $1; bad = 1 } }
         END { exit bad }' "$tmp/out" && pass || fail "up front + payments != total paid"
expect_grep '^loan-36,loan,yes,325.00,215.89,36,8097.17,' "$tmp/out" "fee up front"
fin --amount 6500 --compare --start 2026-01-15
expect_grep 'Personal loan with origination fee' "$tmp/out" "plan names"
expect_grep 'different horizons (0 to 60' "$tmp/out" "horizon note"
expect_grep 'minimum of \$30.00 a month leaves \$6,140.00 owed' "$tmp/out" "promo missed names minimum"

# The plans' minimums in another currency: converted, or an error, never the
# same digits.
fin --amount 5000 --currency GBP --compare
expect_status 1 "$status" "no rate for GBP"
expect_grep '^stemcost: --currency: the tables have no exchange rate for GBP' "$tmp/err" "says why"
fin --amount 800 --currency EUR --plan fixed-36 --format json
expect_grep 'needs a purchase of at least €840.30' "$tmp/out" "1,000 USD x 0.8403 = 840.30 EUR"

# Options that would be ignored are refused, naming the option.
for args in "--plan fixed-36 --fee 100" "--compare --extra 10" "--plan cash --first-payment 2026-01-01 --fee 1" \
            "--promo-months 6 --deferred --apr 26.99 --months 6" \
            "--promo-months 6 --deferred --apr 26.99 --payment 500" \
            "--apr 5 --months 12 --min-payment 30"; do
    # shellcheck disable=SC2086
    fin --amount 5000 --start 2025-12-01 $args
    expect_status 2 "$status" "refused: $args"
done
fin --amount 5000 --plan fixed-36 --fee 100
expect_grep '^stemcost: --fee: not used with --plan' "$tmp/err" "names --fee"
fin --amount 5000 --promo-months 6 --deferred --apr 26.99 --extra 10
expect_grep '^stemcost: --extra: not used with a deferred' "$tmp/err" "names --extra"
# --first-payment applies to a plan.
fin --amount 6500 --plan fixed-36 --start 2026-01-15 --first-payment 2026-03-01 --format json
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"first_payment":"2026-03-01"' "$tmp/flat" "plan first payment"

# Month-end loans stay on month ends.
fin --amount 1200 --apr 12 --months 4 --start 2026-01-31 --format csv
expect_grep '^1,2026-02-28,' "$tmp/out" "February"
expect_grep '^2,2026-03-31,' "$tmp/out" "March 31, not 28"
expect_grep '^3,2026-04-30,' "$tmp/out" "April 30"

# A given payment is the payment: App. J (c)(1)(i), 24 x $230 on $5,000:
# total of payments $5,520.00, finance charge $520.00.
fin --amount 5000 --payment 230 --months 24 --start 1978-01-10 --format json
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"total_of_payments":5520.00' "$tmp/flat" "total of payments"
expect_grep '"finance_charge":520.00' "$tmp/flat" "finance charge"
expect_grep '"last_payment":230.00' "$tmp/flat" "last payment is the payment"

# Messages name the right option and the APR refused.
fin --amount 5000 --apr 80 --months 12 --start 2026-01-01 --first-payment 2026-03-15
expect_status 0 "$status" "long first period at 80 %"
expect_grep 'Warning: the interest accrued before the first payment' "$tmp/out" "warned"
fin --amount 10000 --apr 5 --months 12 --fee 9999.99
expect_status 2 "$status" "fee leaves a cent"
expect_grep '^stemcost: --fee: ' "$tmp/err" "names --fee"
fin --amount 5000 --payment 700 --months 12
expect_status 2 "$status" "APR above 100"
expect_grep '^stemcost: --payment: the APR would be 10[0-9]\.[0-9][0-9] %' "$tmp/err" "says the APR"

# Degenerate loans are refused with the reason.
fin --amount 0.03 --apr 5 --months 600
expect_status 2 "$status" "0.03 over 600 months"
expect_grep '^stemcost: --amount: 0.03 over 600 months is less than' "$tmp/err" "says why"
fin --amount 1 --apr 100 --months 600
expect_status 2 "$status" "interest-only"
expect_grep 'does not reduce the balance' "$tmp/err" "says why"
fin --amount 1 --apr 100 --months 12 --start 2026-01-01
expect_status 2 "$status" "rounding pushes the APR over 100 %"
expect_grep '^stemcost: --amount: rounding this small loan to the cent means the APR would be 10' \
    "$tmp/err" "says the APR"
# Extra principal that repays the loan with the first payment: that payment,
# $1,000 + a month's interest at 10 % (1,000 x 0.10 / 12 = 8.333 -> 8.33), is
# the one disclosed, not payment + extra.
fin --amount 1000 --apr 10 --months 12 --extra 2000 --start 2026-01-01
expect_status 0 "$status" "extra beyond the balance"
expect_grep '^1 monthly payment of \$1,008.33 from 2026-02-01$' "$tmp/out" "the one payment made"
fin --amount 1000 --apr 10 --months 12 --extra 2000 --start 2026-01-01 --format json
tr -d ' \n' <"$tmp/out" >"$tmp/flat"
expect_grep '"payment":1008.33,"payments":1,"last_payment":1008.33,' "$tmp/flat" "JSON: the one payment"

# Dates are written YYYY-MM-DD: a schedule or promotion running past
# 9999-12-31 is refused, naming the start; one ending on it is fine.
fin --amount 1000 --apr 5 --months 2 --start 9999-12-31 --format csv
expect_status 2 "$status" "payments past 9999"
expect_grep '--start: the last payment would fall after 9999-12-31' "$tmp/err" "says why"
[ ! -s "$tmp/out" ] && pass || fail "printed a schedule past 9999"
fin --amount 1000 --apr 5 --months 2 --start 9999-10-31 --format csv
expect_status 0 "$status" "payments up to 9999-12-31"
expect_grep '^2,9999-12-31,' "$tmp/out" "month-end loan's last payment on 9999-12-31"
fin --amount 1000 --promo-months 12 --deferred --apr 20 --start 9999-06-15
expect_status 2 "$status" "promotion past 9999"
expect_grep '--start: the promotion would end after 9999-12-31' "$tmp/err" "promotion: says why"
fin --amount 1 --apr 20 --months 12 --start 2026-01-01 --format csv
expect_status 0 "$status" "tiny loan"
expect_grep 'warning: rounding to the cent' "$tmp/err" "warns on a distorted last payment"
finish
