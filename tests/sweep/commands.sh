# The commands the sweeps run (sourced by tests/sweep/*.sh and tests/cli/sweep_*.sh):
# each with a scenario that exercises its whole path, on the built-in tables.
# Needs STEMCOST and TESTS_SRCDIR.
T=2026-11-24
PROVIDER="$TESTS_SRCDIR/fixtures/provider.csv"
sweep_commands="estimate compare simulate finance batch quote reissue quotes validate list"
# quote-pdf (a PDF quote) is swept on request only: fontconfig crashes when an
# allocation fails while it reads its configuration (FcInitLoadConfigAndFonts,
# through expat) or matches a font, which no caller can prevent; every other
# point of it fails cleanly.
# For writes also a batch whose report fills many buffers, so that writes fail
# in the middle of the stream, not only when the file is closed.
write_commands="$sweep_commands bigbatch"
unset STEMCOST_PRICING STEMCOST_REGISTER

# invoke NAME OUTPUT [PREFIX...]: run command NAME in the current directory,
# with PREFIX (env VAR=... for instance) in front; OUTPUT is a file name or
# '-' (standard output).  With SWEEP_FORCE=1 the output replaces an existing
# file (--force).  The files a command reads come from make_template.
scenario="--procedure bmac --condition knee-oa --country US"
quote_scenario="$scenario --icd10 M17.0"
invoke() {
    name=$1 out=$2
    shift 2
    force=""
    [ "${SWEEP_FORCE:-0}" = 1 ] && [ "$out" != - ] && force=--force
    case $name in
    estimate) "$@" "$STEMCOST" estimate --today $T $scenario -o "$out" $force ;;
    compare) "$@" "$STEMCOST" compare --today $T --procedure bmac --condition knee-oa --home US \
        --countries US,DE,IN --format csv -o "$out" $force ;;
    simulate) "$@" "$STEMCOST" simulate --today $T $scenario --draws 2000 --seed 7 -o "$out" $force ;;
    finance) "$@" "$STEMCOST" finance --amount 12000 --apr 9.9 --months 24 -o "$out" $force ;;
    batch | bigbatch) "$@" "$STEMCOST" batch --today $T rows.csv -o "$out" $force ;;
    quote) "$@" "$STEMCOST" quote --register reg.sqlite --patient Jane-Doe --dob 1960-04-02 \
        --provider "$PROVIDER" $quote_scenario --service-date 2026-12-04 --quote-date 2026-11-24 --date-reason sweep \
        -o "$out" $force ;;
    quote-pdf) "$@" "$STEMCOST" quote --register reg.sqlite --patient Jane-Doe --dob 1960-04-02 \
        --provider "$PROVIDER" $quote_scenario --service-date 2026-12-04 --quote-date 2026-11-24 --date-reason sweep \
        --format pdf -o "$out" $force ;;
    reissue) "$@" "$STEMCOST" quote --register reg.sqlite --reissue 1 -o "$out" $force ;;
    quotes) "$@" "$STEMCOST" quotes list --register reg.sqlite -o "$out" $force ;;
    validate) "$@" "$STEMCOST" validate -o "$out" $force ;;
    list) "$@" "$STEMCOST" list procedures --format csv -o "$out" $force ;;
    *) echo "sweep: unknown command '$name'" >&2; return 125 ;;
    esac
}
uses_register() { case $1 in quote | quote-pdf | reissue | quotes) return 0 ;; esac; return 1; }

# make_template NAME DIR [write]: the files command NAME starts with: batch's
# rows; for reissue and quotes a register holding one quote.  For the write
# sweep ("write") quote's register holds one quote too, and an output file
# 'out' exists, to be replaced (and to survive a failure intact).
make_template() {
    mkdir -p "$2"
    case $1 in
    batch) printf 'procedure,condition,country,note\r\nbmac,knee-oa,US,first\r\nprp,knee-oa,DE,"a, b"\r\nbmac,knee-oa,IN,\r\n' >"$2/rows.csv" ;;
    bigbatch) awk 'BEGIN { print "procedure,condition,country,sites,note"
        for (i = 1; i <= 2000; i++) printf "bmac,knee-oa,%s,%d,row %d\n", i % 2 ? "US" : "DE", int(i / 2) % 2 + 1, i }' >"$2/rows.csv" ;;
    esac
    if uses_register "$1" && { [ "${1%-pdf}" != quote ] || [ "${3:-}" = write ]; }; then
        (cd "$2" && "$STEMCOST" quote --register reg.sqlite --patient Old-Patient --dob 1950-01-01 \
            --provider "$PROVIDER" $quote_scenario --service-date 2026-12-01 --quote-date 2026-11-20 --date-reason sweep \
            >/dev/null 2>&1) || { echo "sweep: cannot make the register" >&2; return 125; }
    fi
    if [ "${3:-}" = write ]; then printf 'previous contents\n' >"$2/out"; fi
    return 0
}
