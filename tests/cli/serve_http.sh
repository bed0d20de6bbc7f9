#!/bin/sh
# stemcost serve over HTTP (curl): status codes, security headers, the Host
# check, escaping, limits, the API's JSON byte for byte against the command
# line, logs without queries, a port in use, and a clean stop.
. "$TESTS_SRCDIR/cli/lib.sh"
make_tmp
pid=
# A server left running by a failed check is stopped with the test.
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
command -v curl >/dev/null 2>&1 || {
    echo "SKIP: serve_http: curl is not installed (Debian: apt-get install curl)"
    exit 77
}
today=2026-11-24

start() { # OUT ERR ARGS...: start a server, set $pid and $url
    out=$1 err=$2
    shift 2
    # shellcheck disable=SC2086
    $STEMCOST_WRAPPER "$STEMCOST" serve --port 0 --today "$today" "$@" >"$out" 2>"$err" &
    pid=$!
    url=
    for _ in $(seq 1 300); do
        url=$(sed -n 's|^Serving on \(http://[^ ]*\) .*|\1|p' "$out")
        [ -n "$url" ] && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    fail "serve did not start: $(cat "$err")"
    finish
    exit 1
}
stop() { # SIGNAL: stop the server, expect exit 0
    kill "-$1" "$pid"
    wait "$pid"
    expect_status 0 $? "serve stops on SIG$1"
}
get() { # PATH [CURL ARGS...]: the body in $tmp/body, headers in $tmp/head, status in $code
    p=$1
    shift
    code=$(curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' "$@" "$url${p#/}")
}
expect_code() { # WANT WHAT
    if [ "$code" = "$1" ]; then pass; else fail "$2: HTTP $code, expected $1"; head -c 300 "$tmp/body"; echo; fi
}
header() { # NAME: its value in the last response
    tr -d '\r' <"$tmp/head" | sed -n "s/^$1: //Ip" | head -n 1
}

start "$tmp/out" "$tmp/err"
port=${url##*:}
port=${port%/}

# ---- pages and status codes
get /
expect_code 200 "the form"
expect_grep '<form method="get" action="/compare"' "$tmp/body" "the form"
q="procedure=bmac&condition=knee-oa&home=US&sites=2"
get "/compare?$q"
expect_code 200 "a comparison"
expect_grep 'table class="cards compare"' "$tmp/body" "the comparison's table"
expect_grep 'href="/estimate?procedure=bmac&amp;condition=knee-oa&amp;sites=2&amp;home=US&amp;country=JP&amp;tier=community"' \
    "$tmp/body" "each row links to its estimate"
# The charts inline, as --chart draws them, with nothing the page's
# Content-Security-Policy (default-src 'self') would block.
no_inline_style() { # WHAT
    if grep -q -e '<style' -e ' style="' "$tmp/body"; then fail "$1: a style element or attribute"; else pass; fi
}
expect_grep '<svg xmlns="http://www.w3.org/2000/svg" class="sc-chart sc-chart-compare' "$tmp/body" "the comparison's chart inline"
no_inline_style "the comparison page"
get "/estimate?procedure=bmac&condition=knee-oa&country=JP&home=US&draws=500"
expect_code 200 "an estimate"
expect_grep 'class="sc-chart sc-chart-estimate' "$tmp/body" "the estimate's chart inline"
no_inline_style "the estimate page"
get "/finance?amount=6500&start=2026-01-15"
expect_code 200 "every plan (no plan chosen)"
expect_grep 'the deferred-interest trap' "$tmp/body" "the trap spelled out"
expect_grep 'class="sc-chart sc-chart-finance' "$tmp/body" "the plans' chart inline"
no_inline_style "the finance page"
# One loan: the disclosures of finance's text (by hand: $8,000 - 10% down
# = $7,200 lent, less the 2% fee $144 = $7,056.00 financed; 20 x $381.91 +
# $220.15 = $7,858.35 in payments).
get "/finance?amount=8000&apr=9.9&months=24&down=10%25&fee=2%25&extra=50"
expect_code 200 "a loan with a fee"
expect_grep '<dt>Amount financed</dt><dd>\$7,056.00</dd>' "$tmp/body" "the amount financed"
expect_grep '<dt>Total of payments</dt><dd>\$7,858.35</dd>' "$tmp/body" "the total of payments"
get "/compare?procedure=bmac&home=US"
expect_code 400 "a missing field"
expect_grep 'id="condition-error"' "$tmp/body" "the message next to the missing field"
get "/no-such-page"
expect_code 404 "an unknown path"
case $(header Content-Type) in text/html*) pass ;; *) fail "404 page type: $(header Content-Type)" ;; esac
for p in /api/anything /api/ /api /api/compare/x; do
    get "$p"
    expect_code 404 "$p"
    case $(header Content-Type) in application/json*) pass ;; *) fail "$p: type $(header Content-Type)" ;; esac
    expect_grep '"reason": "not-found"' "$tmp/body" "$p: a JSON error"
done
get / -X POST
expect_code 405 "POST"
[ "$(header Allow)" = "GET, HEAD" ] && pass || fail "405 names the methods: $(header Allow)"
get / -I
expect_code 200 "HEAD"
get /static/stemcost.css
expect_code 200 "the style sheet"
case $(header Content-Type) in text/css*) pass ;; *) fail "css type: $(header Content-Type)" ;; esac
get /static/stemcost.js
expect_code 200 "the script"

# ---- headers on every answer
for p in / "/compare?$q" /no-such-page /static/stemcost.css "/api/compare?$q"; do
    get "$p"
    case $(header Content-Security-Policy) in
    "default-src 'self'"*) pass ;;
    *) fail "$p: Content-Security-Policy: $(header Content-Security-Policy)" ;;
    esac
    [ "$(header X-Content-Type-Options)" = nosniff ] && pass || fail "$p: X-Content-Type-Options"
    if grep -qi '^set-cookie' "$tmp/head"; then fail "$p: sets a cookie"; else pass; fi
done
get "/compare?$q"
[ "$(header Cache-Control)" = no-store ] && pass || fail "pages are not stored: $(header Cache-Control)"

# ---- the Host check (DNS rebinding): localhost or an IP literal, on our port
for h in "localhost:$port" "127.0.0.1:$port" "LOCALHOST:$port" "[::1]:$port"; do
    get / -H "Host: $h"
    expect_code 200 "Host $h"
done
for h in "evil.example:$port" "evil.example" "localhost" "localhost:1" "127.0.0.1.evil.example:$port" \
    "localhost:${port}x" "[::1]x"; do
    get / -H "Host: $h"
    expect_code 421 "Host $h"
done

# RFC 9112: an HTTP/1.1 request has one Host (3.2), and no white space
# before a field's colon (5.1); HTTP/1.0 may leave Host out.
raw() { # REQUEST (printf format): the status line of the answer
    printf "$1" | python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(sys.stdin.buffer.read())
s.settimeout(5)
print(s.recv(4096).split(b"\r\n")[0].decode())' "$port" 2>&1
}
if command -v python3 >/dev/null 2>&1; then
    for r in 'GET / HTTP/1.1\r\n\r\n' \
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nHost: evil.example\r\n\r\n" \
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nhost: 127.0.0.1:$port\r\n\r\n" \
        'GET / HTTP/1.1\r\nHost : evil.example\r\n\r\n' \
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nX-A : b\r\n\r\n"; do
        got=$(raw "$r")
        [ "$got" = "HTTP/1.1 400 Bad Request" ] && pass || fail "400 for $r: $got"
    done
    for r in 'GET / HTTP/1.0\r\n\r\n' "GET / HTTP/1.1\r\nhost: 127.0.0.1:$port\r\n\r\n"; do
        got=$(raw "$r")
        [ "$got" = "HTTP/1.1 200 OK" ] && pass || fail "200 for $r: $got"
    done
fi

# ---- every value echoed back is escaped
get "/compare?procedure=%3Cscript%3Ealert(1)%3C/script%3E&condition=knee-oa&home=US"
expect_code 400 "a <script> value"
if grep -q '<script>alert' "$tmp/body"; then fail "a <script> value is echoed raw"; else pass; fi
expect_grep '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/body" "the <script> value escaped"
get "/?sites=%22%3E%3Cimg%20src%3Dx%3E&countries=US%22onmouseover%3D%22x"
expect_code 200 "the form refilled with quotes"
if grep -q '"><img' "$tmp/body" || grep -q 'onmouseover="x' "$tmp/body"; then
    fail "a quote breaks out of an attribute"
else pass; fi
expect_grep 'value="&quot;&gt;&lt;img src=x&gt;"' "$tmp/body" "the value escaped in its attribute"

# ---- /api: the command line's JSON, byte for byte
api() { # NAME QUERY CLI ARGS...
    name=$1 query=$2
    shift 2
    get "/api/$name?$query"
    expect_code 200 "/api/$name"
    sc "$@" --format json >"$tmp/cli.json" 2>"$tmp/cli.err"
    expect_same "$tmp/cli.json" "$tmp/body" "/api/$name?$query"
}
api compare "$q&travelers=2&insurance=us-ppo&deductible_met=500&contingency=10&plan=promo-12" \
    compare --procedure bmac --condition knee-oa --home US --sites 2 --travelers 2 \
    --insurance us-ppo --deductible-met 500 --contingency 10 --plan promo-12 --today "$today"
api compare "procedure=prp&condition=hip-oa&home=JP&countries=JP&countries=IN&tiers=community,premium" \
    compare --procedure prp --condition hip-oa --home JP --countries JP,IN \
    --tiers community,premium --today "$today"
api estimate "procedure=adipose-cultured&condition=knee-oa&country=JP&home=US&travelers=2&sites=2&contingency=15" \
    estimate --procedure adipose-cultured --condition knee-oa --country JP --home US --travelers 2 \
    --sites 2 --contingency 15 --today "$today"
api estimate "procedure=bmac&condition=knee-oa&country=US&percentiles=1&draws=2000&seed=7" \
    estimate --procedure bmac --condition knee-oa --country US --percentiles --draws 2000 --seed 7 \
    --today "$today"
api simulate "procedure=adipose&condition=knee-oa&country=IN&home=CA&draws=3000&currency=EUR" \
    simulate --procedure adipose --condition knee-oa --country IN --home CA --draws 3000 --currency EUR \
    --today "$today"
api finance "amount=6500&compare=1&start=2026-01-15" finance --amount 6500 --compare --start 2026-01-15
api finance "amount=6500&promo_months=12&deferred=on&apr=29.99&start=2026-01-15&first_payment=2026-03-15" \
    finance --amount 6500 --promo-months 12 --deferred --apr 29.99 --start 2026-01-15 \
    --first-payment 2026-03-15
case $(header Content-Type) in application/json*) pass ;; *) fail "json type: $(header Content-Type)" ;; esac

# ---- errors: the command line's message, naming the field
api_error() { # QUERY NAME CLI ARGS...
    query=$1 name=$2
    shift 2
    get "/api/$name?$query"
    expect_code 400 "/api/$name?$query"
    sc "$@" >/dev/null 2>"$tmp/cli.err"
    msg=$(head -n 1 "$tmp/cli.err" | sed 's/^stemcost: //')
    expect_grep "\"message\": \"$msg\"" "$tmp/body" "/api/$name?$query: the command's message"
}
api_error "procedure=bmac&condition=knee-oa&home=US&sites=0" compare \
    compare --procedure bmac --condition knee-oa --home US --sites 0
api_error "procedure=bmac&condition=knee-oa&home=XX" compare \
    compare --procedure bmac --condition knee-oa --home XX
api_error "procedure=bmac&condition=knee-oa&home=US&countries=US,,IN" compare \
    compare --procedure bmac --condition knee-oa --home US --countries US,,IN
api_error "procedure=bmac&condition=knee-oa&home=US&country=US" compare \
    compare --procedure bmac --condition knee-oa --home US --country US
api_error "procedure=bmac&condition=knee-oa&country=US&deductible_met=12,50" estimate \
    estimate --procedure bmac --condition knee-oa --country US --deductible-met 12,50
api_error "amount=6500&plan=promo-12&compare=1" finance \
    finance --amount 6500 --plan promo-12 --compare
expect_grep '"field": "compare"' "$tmp/body" "the error names its field"
get "/api/compare?$q&colour=blue"
expect_code 400 "an unknown field"
expect_grep "unknown field 'colour'" "$tmp/body" "an unknown field named"

# ---- a '%' not followed by two hex digits is refused naming its field, not
# read as a percent sign: "down=10%" is not a 10% down payment
bad_escape() { # PATH FIELD WHAT
    get "$1"
    expect_code 400 "$3"
    expect_grep "\"field\": \"$2\"" "$tmp/body" "$3: the field named"
    expect_grep "\"reason\": \"malformed\"" "$tmp/body" "$3: the reason"
    expect_grep "\"message\": \"--$2: a '%' in the value is not followed by two hexadecimal digits" \
        "$tmp/body" "$3: the message"
}
bad_escape "/api/finance?amount=1000&apr=5&months=12&down=10%" down "a bare '%' ending a value"
bad_escape "/api/compare?procedure=%zz&condition=knee-oa&home=US" procedure "'%zz'"
bad_escape "/api/finance?amount=1000&apr=5&months=12&down=10%4" down "'%4' cut short"
bad_escape "/api/estimate?procedure=bmac&condition=knee-oa&country=US&contingency=1%g0" contingency \
    "'%g0'"
get "/api/compare?pro%zzcedure=bmac&condition=knee-oa&home=US"
expect_code 400 "a bad '%' in a field name"
expect_grep '"field": null' "$tmp/body" "a bad field name is not echoed as a field"
expect_grep "a field name in the address has a '%' not followed by two hexadecimal digits" \
    "$tmp/body" "a bad '%' in a field name said"
# The pages: the form again, the message next to the field.
get "/finance?amount=1000&apr=5&months=12&down=10%"
expect_code 400 "a bare '%' on the finance page"
expect_grep "id=\"down-error\">.*is not followed by two hexadecimal digits" "$tmp/body" \
    "the finance page: the message next to down"
get "/compare?procedure=%zz&condition=knee-oa&home=US"
expect_code 400 "'%zz' on the comparison page"
expect_grep "id=\"procedure-error\">.*is not followed by two hexadecimal digits" "$tmp/body" \
    "the comparison page: the message next to procedure"
# Valid escapes are still decoded: %25 is a percent sign (10% of $1000 down),
# %2E a full stop (the same JSON as --apr 29.99), %20 a space.
get "/api/finance?amount=1000&apr=5&months=12&down=10%25"
expect_code 200 "%25 in a value"
expect_grep '"down_payment": 100.00,' "$tmp/body" "%25 decoded: 10% of \$1000 down"
api finance "amount=6500&apr=29%2E99&months=12&start=2026-01-15" \
    finance --amount 6500 --apr 29.99 --months 12 --start 2026-01-15
get "/api/compare?procedure=bm%20ac&condition=knee-oa&home=US"
expect_code 400 "an unknown procedure with a space"
expect_grep "unknown procedure 'bm ac'" "$tmp/body" "%20 decoded to a space"

# ---- limits
long=$(printf '%05000d' 0)
get "/compare?$q&x=$long"
expect_code 414 "an address over 4096 bytes"
get "/api/compare?$q&contingency=$(printf '%0300d' 1)"
expect_code 400 "a value over 256 bytes"
many=$(seq 1 70 | sed 's/.*/sites=1/' | tr '\n' '&')
get "/api/compare?$many$q"
expect_code 400 "more than 64 fields"
get "/" -H "X-Big: $(printf '%020000d' 0)"
expect_code 431 "headers over 16 KiB"
# Every request within or past the limits gets an answer (curl's 000 is
# none): libmicrohttpd keeps the request, a record per field or header, and
# the answer's header in one pool per connection.
get "/" -H "X-Pad: $(printf '%015900d' 0)"
expect_code 200 "headers just under 16 KiB"
get "/" -H "X-Pad: $(printf '%030000d' 0)"
expect_code 431 "headers of 30 kB"
case $(header Content-Type) in text/plain*) pass ;; *) fail "431 from the server: $(header Content-Type)" ;; esac
get "/estimate?x=$(printf '%016300d' 0)" -m 5
expect_code 414 "a request line of 16.3 kB"
many=$(seq 1 220 | sed 's/.*/home=US/' | tr '\n' '&')
get "/api/estimate?${many%&}"
expect_code 400 "220 fields in 1.8 kB"
expect_grep 'too many fields in the address (at most 64)' "$tmp/body" "220 fields said"
get "/api/estimate?$(printf '%04000d' 0 | tr 0 '&')"
expect_code 400 "4000 empty fields"
get "/api/estimate?$(printf '%05000d' 0 | tr 0 '&')"
expect_code 414 "5000 empty fields: too long"
get / -X GET --data x=1
expect_code 413 "a GET with a body"
get / -X GET -H 'Transfer-Encoding: chunked' --data x=1
expect_code 413 "a GET with a chunked body"
get / -H 'Content-Length: 0'
expect_code 200 "a GET with Content-Length: 0"
get "/api/estimate?procedure=bmac&condition=knee-oa&country=US&percentiles=1&draws=200000"
expect_code 400 "more draws than a page may take"
get "/api/compare?procedure=bmac%00x&condition=knee-oa&home=US"
expect_code 400 "a NUL byte in a value"
get "/api/estimate?procedure=bmac&condition=knee-oa&home=US&country=US&home%00%3Cscript%3E=DE"
expect_code 400 "a NUL byte in a field name"
expect_grep '"field": null' "$tmp/body" "a name with a NUL byte is not echoed as a field"
expect_grep 'a field of the address is not one this page takes' "$tmp/body" "a NUL name said"
get "/api/compare?procedure=bm%FFac&condition=knee-oa&home=US"
expect_code 400 "a value that is not UTF-8"
expect_grep 'not valid UTF-8' "$tmp/body" "not UTF-8 said"

# ---- connections: at most 64 at once; an idle one is closed after 10 s
if command -v python3 >/dev/null 2>&1; then
    python3 - "$port" >"$tmp/conn" 2>&1 <<'PY'
import socket, subprocess, sys, time
port = int(sys.argv[1])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(64)]
time.sleep(0.5)
full = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "5",
                       f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
for s in held:
    s.close()
time.sleep(0.5)
again = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "5",
                        f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
# A request that never ends (slowloris): closed once idle for 10 s.
slow = socket.create_connection(("127.0.0.1", port))
slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
slow.settimeout(20)
start = time.time()
try:
    closed = slow.recv(4096) == b""
except ConnectionResetError:
    closed = True
print(f"full={full} again={again} idle_closed={closed} after={time.time() - start:.0f}")
PY
    expect_grep 'full=000 ' "$tmp/conn" "a 65th connection is refused"
    expect_grep 'again=200 ' "$tmp/conn" "served again once connections close"
    expect_grep 'idle_closed=True after=1[0-2]$' "$tmp/conn" "an idle request is closed after 10 s"
fi

# ---- nothing from libmicrohttpd bypasses the program's logger (which says
# nothing without --log)
if grep -q 'libmicrohttpd' "$tmp/err"; then fail "libmicrohttpd printed: $(cat "$tmp/err")"; else pass; fi

# ---- no query strings in the log without --log
if grep -q 'compare?' "$tmp/err" || grep -q 'knee-oa' "$tmp/err"; then
    fail "a query was logged without --log"
else pass; fi
stop TERM
expect_grep 'stopped (SIGTERM)' "$tmp/err" "the stop is said"

# ---- with --log the requests are logged with their queries; SIGINT stops too
start "$tmp/out2" "$tmp/err2" --log
# The logger is libmicrohttpd's first option: no warning that it is not.
if grep -q 'libmicrohttpd' "$tmp/err2"; then
    fail "serve --log starts with a libmicrohttpd message: $(cat "$tmp/err2")"
else pass; fi
get "/compare?$q"
# Raw control bytes in the path (an ESC for the terminal, a CR forging a
# line) are logged escaped.
if command -v python3 >/dev/null 2>&1; then
    python3 - "${url##*:}" <<'PY' >/dev/null 2>&1
import socket, sys
port = sys.argv[1].rstrip("/")
s = socket.create_connection(("127.0.0.1", int(port)))
s.sendall(b"GET /x\x1b[2J\rstemcost: GET /forged\\ 200 HTTP/1.1\r\nHost: 127.0.0.1:"
          + port.encode() + b"\r\nConnection: close\r\n\r\n")
while s.recv(4096):
    pass
PY
fi
stop INT
expect_grep "GET /compare?$q 200" "$tmp/err2" "--log logs the request with its query"
if command -v python3 >/dev/null 2>&1; then
    expect_grep 'GET /x\\x1b\[2J\\x0dstemcost: GET /forged\\x5c 200 404$' "$tmp/err2" "control bytes logged escaped"
    if LC_ALL=C grep -q "$(printf '[\033\r]')" "$tmp/err2"; then fail "a raw ESC or CR in the log"; else pass; fi
fi

# ---- a port in use is a clear error (exit 1); a bad --bind a usage error (2)
start "$tmp/out3" "$tmp/err3"
port=${url##*:}
port=${port%/}
status=0
sc serve --port "$port" --today "$today" >"$tmp/out4" 2>"$tmp/err4" || status=$?
expect_status 1 "$status" "a port in use"
expect_grep 'the port is in use' "$tmp/err4" "a port in use said"
stop TERM
status=0
sc serve --bind not-an-address >/dev/null 2>"$tmp/err5" || status=$?
expect_status 2 "$status" "a bad --bind"
expect_grep '^stemcost: --bind:' "$tmp/err5" "--bind named"
status=0
sc serve --format json >/dev/null 2>"$tmp/err6" || status=$?
expect_status 2 "$status" "--format is refused"
finish
