#!/bin/sh
# The quote register under contention (issue 21, "Register contention"):
# CLERKS clerks issue QUOTES quotes each at once, while a reader holds a long
# transaction open and another process lists and exports the register in a
# loop.  Every quote must get a distinct number, none may be lost, every exit
# status must be right.  Then KILLS clerks are killed with SIGKILL at random
# moments; after every kill no number is used twice and no quote is half
# recorded (its lines and document all there).
#
# `make check` runs a quick round (16 clerks x 2 quotes, 5 kills);
# `make contention` the full one (16 x 25, 100 kills), figures on stdout.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
CLERKS=${CLERKS:-16}
QUOTES=${QUOTES:-2}
KILLS=${KILLS:-5}
FIX="$TESTS_SRCDIR/fixtures/minimal"
PROV="$TESTS_SRCDIR/fixtures/provider.txt"
REG="$tmp/quotes.sqlite"
SERVICE=$(date -d "+20 days" +%F)
issue() { # PATIENT: one quote; stderr kept
    $STEMCOST_WRAPPER "$STEMCOST" quote --pricing "$FIX" --register "$REG" --patient "$1" \
        --dob 1960-04-02 --provider "$PROV" --procedure bmac --condition knee-oa --country US \
        --icd10 M17.11 --service-date "$SERVICE" --wait 60
}
if ! command -v sqlite3 >/dev/null 2>&1; then
    fail "sqlite3 (the command) is missing: install it (bootstrap.sh does)"
    finish
    exit 1
fi
# Every quote complete: its lines and its document all recorded; no code twice.
consistent() { # WHAT
    bad=$(sqlite3 "$REG" "PRAGMA busy_timeout = 60000;
        SELECT count(*) FROM quotes q WHERE q.code IS NULL OR q.nblocks = 0
          OR q.nblocks != (SELECT count(*) FROM quote_blocks b WHERE b.number = q.number)
          OR q.nlines != (SELECT count(*) FROM quote_lines l WHERE l.number = q.number);" | tail -1)
    dup=$(sqlite3 "$REG" "PRAGMA busy_timeout = 60000; SELECT count(*) FROM (SELECT code FROM quotes GROUP BY code HAVING count(*) > 1);" | tail -1)
    orphans=$(sqlite3 "$REG" "PRAGMA busy_timeout = 60000; SELECT (SELECT count(*) FROM quote_lines WHERE number NOT IN (SELECT number FROM quotes)) + (SELECT count(*) FROM quote_blocks WHERE number NOT IN (SELECT number FROM quotes));" | tail -1)
    if [ "$bad" = 0 ] && [ "$dup" = 0 ] && [ "$orphans" = 0 ]; then pass; else
        fail "$1: $bad half-recorded quotes, $dup numbers used twice, $orphans orphan rows"
    fi
}

issue "First" >/dev/null 2>"$tmp/first.err" && pass || fail "first quote: $(cat "$tmp/first.err")"
start=$(date +%s.%N)

# A reader holding a long transaction for the whole run.
touch "$tmp/running"
( echo "BEGIN;"; echo "SELECT count(*) FROM quotes;"
  while [ -e "$tmp/running" ]; do sleep 0.2; done; echo "COMMIT;" ) | sqlite3 "$REG" >/dev/null &
reader=$!
# A process listing and exporting in a loop.
( n=0; f=0
  while [ -e "$tmp/running" ]; do
      $STEMCOST_WRAPPER "$STEMCOST" quotes list --register "$REG" --wait 60 >/dev/null 2>>"$tmp/lister.err" || f=$((f + 1))
      $STEMCOST_WRAPPER "$STEMCOST" quotes export --lines --register "$REG" --wait 60 >/dev/null 2>>"$tmp/lister.err" || f=$((f + 1))
      n=$((n + 2))
  done
  echo "$n $f" >"$tmp/lister" ) &
lister=$!

c=1
clerks=""
while [ $c -le "$CLERKS" ]; do
    ( i=1
      while [ $i -le "$QUOTES" ]; do
          s=0; issue "Clerk$c-$i" >/dev/null 2>>"$tmp/clerk$c.err" || s=$?
          echo "$s" >>"$tmp/clerk$c.status"
          i=$((i + 1))
      done ) &
    clerks="$clerks $!"
    c=$((c + 1))
done
for p in $clerks; do wait "$p"; done
end=$(date +%s.%N)
rm -f "$tmp/running"
wait "$lister"
wait "$reader"

want=$((CLERKS * QUOTES))
ok=$(cat "$tmp"/clerk*.status | grep -c '^0$')
[ "$ok" -eq "$want" ] && pass || fail "$ok of $want clerk runs exited 0: $(sort "$tmp"/clerk*.status | uniq -c | tr '\n' ' ')"
sed -n 's/.*quote \(SC-[0-9-]*\) recorded.*/\1/p' "$tmp"/clerk*.err | sort >"$tmp/told"
told=$(grep -c . "$tmp/told")
[ "$told" -eq "$want" ] && pass || fail "$told of $want clerks were told their number"
[ "$(uniq -d "$tmp/told" | grep -c .)" -eq 0 ] && pass || fail "a number was given twice"
sqlite3 "$REG" "SELECT code FROM quotes WHERE patient LIKE 'Clerk%'" | sort >"$tmp/recorded"
expect_same "$tmp/told" "$tmp/recorded" "every number a clerk was told is in the register, and no other"
consistent "after $want concurrent quotes"
read -r lists lfail <"$tmp/lister"
[ "$lfail" -eq 0 ] && pass || fail "$lfail of $lists list/export runs failed: $(head -3 "$tmp/lister.err")"
waited=$(cat "$tmp"/clerk*.err | grep -c "the register is busy" || true)
if grep -q "not a stemcost register\|database is locked" "$tmp"/clerk*.err "$tmp/lister.err"; then
    fail "a waiting clerk was misinformed"
else
    pass
fi
[ "$(sqlite3 "$REG" 'PRAGMA integrity_check' | tail -1)" = ok ] && pass || fail "integrity check"
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')

# SIGKILL at random moments.
k=1
committed=0
while [ $k -le "$KILLS" ]; do
    before=$(sqlite3 "$REG" "PRAGMA busy_timeout = 60000; SELECT count(*) FROM quotes" | tail -1)
    "$STEMCOST" quote --pricing "$FIX" --register "$REG" --patient "Killed$k" --dob 1960-04-02 \
        --provider "$PROV" --procedure bmac --condition knee-oa --country US --icd10 M17.11 \
        --service-date "$SERVICE" >/dev/null 2>&1 &
    victim=$!
    # a random moment within a quote's life (0 to 250 ms)
    sleep "0.$(awk -v s="$k$$" 'BEGIN { srand(s); printf "%03d", int(rand() * 250) }')"
    kill -9 "$victim" 2>/dev/null
    wait "$victim" 2>/dev/null
    after=$(sqlite3 "$REG" "PRAGMA busy_timeout = 60000; SELECT count(*) FROM quotes" | tail -1)
    committed=$((committed + after - before))
    [ $((after - before)) -le 1 ] && pass || fail "kill $k: $((after - before)) quotes appeared"
    consistent "after kill $k"
    k=$((k + 1))
done
[ "$(sqlite3 "$REG" 'PRAGMA integrity_check' | tail -1)" = ok ] && pass || fail "integrity check after kills"
issue "After" >/dev/null 2>"$tmp/after.err" && pass || fail "the register is unusable after the kills: $(cat "$tmp/after.err")"
consistent "at the end"
total=$(sqlite3 "$REG" "SELECT count(*) FROM quotes")
distinct=$(sqlite3 "$REG" "SELECT count(DISTINCT code) FROM quotes")
max=$(sqlite3 "$REG" "SELECT max(number) FROM quotes")
echo "contention: $CLERKS clerks x $QUOTES quotes = $want in ${secs}s, all numbered and recorded;" \
     "$waited told they waited; $lists list/export runs alongside, $lfail failed;" \
     "$KILLS kills, $committed of them after the commit (quote kept, whole), the rest rolled back;" \
     "register: $total quotes, $distinct distinct numbers, highest $max"
finish
