# Judge the cases of one sweep (tests/sweep/sweep.sh): one awk pass over
# every case, instead of several processes per case.
#
# Variables: cases (the directory of the cases), kind (alloc or write),
# base (the number of the run with nothing failed), template_quotes and
# base_quotes (quotes in the register before and after a successful run),
# timeout.  Input: the case numbers, then (after a line "--leftovers") the
# paths find(1) listed of output and temporary files inside case
# directories, then (after "--register") what sqlite3 said of each case's
# register.  Output: "FAIL N WHY" lines and one summary line
# "tried T clean C absorbed A failed F".

function readline(path,   line) {
    line = ""
    if ((getline line < path) < 0) line = "none"
    close(path)
    return line
}

# Does the file hold a line matching re (case-insensitive when ci)?
function has(path, re, ci,   line, found) {
    found = 0
    while ((getline line < path) > 0) {
        if (ci) line = tolower(line)
        if (line ~ re) { found = 1; break }
    }
    close(path)
    return found
}

# Are two files the same, line for line?  (Outputs are text.)
function same(a, b,   la, lb, ra, rb) {
    for (;;) {
        ra = (getline la < a); rb = (getline lb < b)
        if (ra != rb || (ra > 0 && la != lb)) { close(a); close(b); return 0 }
        if (ra <= 0) { close(a); close(b); return ra == 0 }
    }
}

function fail(n, why) {
    print "FAIL " n " " why
    failed++
}

# The register of case n (if it has one): intact, every quote complete, and
# no quote lost or recorded in silence.
function register_ok(n, status,   code) {
    if (!(n in reg_seen)) return 1
    if (reg_table[n] == 0 && template_quotes == 0 && status != "exit 0")
        return 1    # failed before the table was made: an empty database
    if (reg_ic[n] != "ok") { fail(n, "register damaged: " reg_ic[n]); return 0 }
    if (reg_bad[n] != 0) { fail(n, "register holds " reg_bad[n] " incomplete quote(s)"); return 0 }
    if (reg_count[n] == template_quotes && status != "exit 0") return 1
    if (reg_count[n] != base_quotes) {
        fail(n, reg_count[n] " quotes in the register, expected " base_quotes); return 0
    }
    if (status != "exit 0" && base_quotes > template_quotes) {
        # A quote recorded by a run that then failed must be named in its messages.
        code = reg_last[n]
        if (!has(cases "/" n ".err", "quote " code " recorded", 0)) {
            fail(n, "quote " code " recorded but the failed run does not say so"); return 0
        }
    }
    return 1
}

BEGIN { section = "cases" }
$0 == "--leftovers" { section = "leftovers"; next }
$0 == "--register" { section = "register"; next }
section == "cases" && NF { order[++ncases] = $1; next }
section == "leftovers" {
    # .../cases/N/NAME
    k = split($0, part, "/"); n = part[k - 1]; f = part[k]
    if (f == "out") has_out[n] = 1
    else if (!(n in temp)) temp[n] = f
    next
}
section == "register" {
    if ($0 ~ /^@/) { rn = substr($0, 2); reg_seen[rn] = 1; reg_ic[rn] = ""; next }
    if ($0 ~ /^table\|/) { reg_table[rn] = substr($0, 7); next }
    if ($0 ~ /^bad\|/) { reg_bad[rn] = substr($0, 5); next }
    if ($0 ~ /^count\|/) { reg_count[rn] = substr($0, 7); next }
    if ($0 ~ /^last\|/) { reg_last[rn] = substr($0, 6); next }
    reg_ic[rn] = reg_ic[rn] == "" ? $0 : reg_ic[rn] "; " $0
    next
}

END {
    for (i = 1; i <= ncases; i++) {
        n = order[i]
        status = readline(cases "/" n ".status")
        if (status == "none") { fail(n, "not run"); continue }
        tried++
        if (has(cases "/" n ".counts", "^injected 0", 0)) {
            fail(n, "the run made fewer operations than the run with nothing failed"); continue
        }
        err = cases "/" n ".err"
        if (has(err, "sanitizer|runtime error:", 1)) { fail(n, "sanitizer report (" status ")"); continue }
        if (status == "signal 14") { fail(n, "hung (killed after " timeout " s)"); continue }
        if (status ~ /^signal/) { fail(n, "crashed: " status); continue }
        if (status == "exit 0") {
            if (!same(cases "/" n ".out", cases "/" base ".out") ||
                ((n in has_out) != (base in has_out)) ||
                ((n in has_out) && !same(cases "/" n "/out", cases "/" base "/out"))) {
                fail(n, "exit 0 with output different from the run with nothing failed"); continue
            }
            if (register_ok(n, status)) absorbed++
            continue
        }
        if (status != "exit 1") { fail(n, status ", expected exit 1"); continue }
        if (kind == "alloc" && !has(err, "out of memory|cannot allocate memory", 1)) {
            fail(n, "no message saying out of memory"); continue
        }
        # The message names what could not be written: the output or the register.
        if (kind == "write" && !has(err, "^stemcost: (out|standard output|([^:]*/)?reg\\.sqlite): ", 0)) {
            fail(n, "no message naming the file"); continue
        }
        if (kind == "alloc" && (n in has_out)) { fail(n, "left an output file"); continue }
        if (kind == "write" && (n in has_out) && readline(cases "/" n "/out") != "previous contents") {
            fail(n, "the file it was to replace was changed"); continue
        }
        if (n in temp) { fail(n, "left a temporary file " temp[n]); continue }
        if (register_ok(n, status)) clean++
    }
    print "tried " tried + 0 " clean " clean + 0 " absorbed " absorbed + 0 " failed " failed + 0
}
