#!/bin/sh
# cli_test.sh MI_BINARY SHARED_DIR CASE - runs the `mi` command for one test case and
# checks its exit status, stdout and stderr. Exit 0 when the case passes; otherwise
# prints what differed and exits 1.
set -u

MI=$1
SHARED=$2
CASE=$3
DATA=$SHARED/data
SCHEMA_DIR=$DATA/cim-schema/2.49.0
SCHEMA=$SCHEMA_DIR/cim_schema_2.49.0.mof
PEGASUS=$DATA/mof-extra/openpegasus/pegasus
FAMILY=$PEGASUS/src/Providers/TestProviders/Load/TST_Family.mof
INVALID=$PEGASUS/src/Pegasus/Compiler/tests/invalidMOF

TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
OUT=$TMP/out
ERR=$TMP/err
failures=0

fail() {
    echo "FAIL [$CASE]: $*"
    echo "--- stdout (first 20 lines):"; head -n 20 "$OUT"
    echo "--- stderr (first 20 lines):"; head -n 20 "$ERR"
    failures=$((failures + 1))
}

# run EXPECTED_STATUS ARGS...: runs mi, keeps stdout/stderr in $OUT/$ERR.
run() {
    want=$1
    shift
    "$MI" "$@" >"$OUT" 2>"$ERR"
    got=$?
    [ "$got" -eq "$want" ] || fail "mi $* exited $got, expected $want"
}

out_is() { [ "$(cat "$OUT")" = "$1" ] || fail "stdout is not '$1'"; }
out_has() { grep -q -e "$1" "$OUT" || fail "stdout lacks '$1'"; }
out_lacks() { ! grep -q -e "$1" "$OUT" || fail "stdout has '$1'"; }
err_has() { grep -q -e "$1" "$ERR" || fail "stderr lacks '$1'"; }
err_empty() { [ ! -s "$ERR" ] || fail "stderr is not empty"; }

# Names of all classes derived (directly or not) from $1, computed from the class
# declarations in the schema files themselves ("class X : Y {").
descendants() {
    cat "$SCHEMA_DIR"/*/*.mof |
        awk -v root="$1" '
            /^class [A-Za-z0-9_]+ *: *[A-Za-z0-9_]+/ {
                line = $0; sub(/^class /, "", line); sub(/ *\{.*/, "", line)
                split(line, part, / *: */); parent[tolower(part[1])] = tolower(part[2])
                name[tolower(part[1])] = part[1]
            }
            END {
                for (c in parent) {
                    p = parent[c]
                    for (depth = 0; p != "" && depth < 64; depth++) {
                        if (p == tolower(root)) { print name[c]; break }
                        p = (p in parent) ? parent[p] : ""
                    }
                }
            }' | sort
}

case $CASE in
mofcomp_schema)
    run 0 mofcomp --check "$SCHEMA"
    out_is "1631 classes, 0 instances, 70 qualifiers"
    err_empty
    # Without --check the result is the same (no persistent repository yet).
    run 0 mofcomp "$SCHEMA"
    out_is "1631 classes, 0 instances, 70 qualifiers"
    ;;
mofcomp_instances)
    run 0 mofcomp --check "$SCHEMA_DIR/qualifiers.mof" "$FAMILY"
    out_has "^9 classes, 12 instances, 56 qualifiers"
    ;;
mofcomp_invalid)
    run 1 mofcomp --check "$INVALID/badQualifierDecl1.mof"
    err_has "badQualifierDecl1\.mof:4:[0-9][0-9]*: error: "
    tail -n 1 "$ERR" | grep -q "^mofcomp: [1-9][0-9]* errors$" ||
        fail "last stderr line is not 'mofcomp: N errors'"
    [ ! -s "$OUT" ] || fail "stdout is not empty"
    # Every diagnostic line has the file:line:column: error: form.
    grep -v "^mofcomp: " "$ERR" | grep -v -q -E "^[^:]+:[0-9]+:[0-9]+: (error|warning): " &&
        fail "a diagnostic line is not 'file:line:column: error: message'"
    run 1 mofcomp --check "$TMP/no-such-file.mof"
    err_has "^mofcomp: [1-9][0-9]* errors$"
    ;;
usage)
    run 2
    err_has "usage: mi"
    run 2 frobnicate
    err_has "unknown command 'frobnicate'"
    run 2 --bogus
    run 2 mofcomp
    err_has "no FILE given"
    run 2 mofcomp --bogus "$SCHEMA"
    err_has "unknown option '--bogus'"
    run 2 mofcomp -I
    err_has "needs an argument"
    run 2 gc root/cimv2 --mof "$SCHEMA"
    err_has "NAMESPACE and CLASS are required"
    run 2 gc root/cimv2 CIM_ComputerSystem
    err_has "no --mof FILE given"
    run 2 gc root/cimv2 CIM_ComputerSystem extra --mof "$SCHEMA"
    run 2 ec --mof "$SCHEMA"
    run 2 ei root/cimv2 --mof "$SCHEMA"
    run 0 --help
    out_has "^usage: mi"
    for cmd in mofcomp gc ec ei; do
        run 0 "$cmd" --help
        out_has "^usage: mi $cmd"
    done
    run 0 --version
    out_has "^mi (libmi) [0-9]"
    ;;
gc_class)
    run 0 gc root/cimv2 CIM_ComputerSystem --mof "$SCHEMA"
    out_has "class CIM_ComputerSystem : CIM_System"
    # Inherited members are marked ("// ... from CIM_X"); the class's own are not.
    out_has "// .*from CIM_ManagedElement"
    # The mark is the comment line above a member (the member may span lines).
    mark_of() { awk -v m="$1" '/^ *\/\/ /{c=$0} $0 ~ m {print c; exit} /;$/{c=""}' "$OUT"; }
    mark_of " Caption;$" | grep -q "from CIM_ManagedElement" ||
        fail "inherited property Caption is not marked"
    mark_of " Dedicated\\[\\];$" | grep -q "from" &&
        fail "own property Dedicated is marked as inherited"
    out_has " Dedicated\[\];"
    err_empty
    # Class names are case-insensitive.
    run 0 gc root/cimv2 cim_computersystem --mof "$SCHEMA"
    out_has "class CIM_ComputerSystem : CIM_System"
    ;;
gc_unknown)
    run 1 gc root/cimv2 No_Such --mof "$SCHEMA"
    [ "$(cat "$ERR")" = "mi: MI_RESULT_INVALID_CLASS: class 'No_Such' not found in namespace 'root/cimv2'" ] ||
        fail "wrong message for an unknown class"
    [ ! -s "$OUT" ] || fail "stdout is not empty"
    run 1 gc root/cimv2 CIM_X --mof "$INVALID/badQualifierDecl1.mof"
    err_has "badQualifierDecl1\.mof:4:"
    ;;
ec_deep)
    run 0 ec root/cimv2 CIM_ManagedElement --deep --mof "$SCHEMA"
    descendants CIM_ManagedElement >"$TMP/expected"
    sort "$OUT" >"$TMP/got"
    n=$(wc -l <"$TMP/got")
    # 962 in CIM 2.49.0; the exact list is compared with the schema files below.
    [ "$n" -gt 900 ] || fail "only $n descendants of CIM_ManagedElement"
    cmp -s "$TMP/expected" "$TMP/got" ||
        fail "descendants differ from the schema files: $(diff "$TMP/expected" "$TMP/got" | head -5)"
    out_has "^CIM_ComputerSystem$"
    out_lacks "^CIM_ManagedElement$"
    # Repository order: a superclass comes before its subclasses.
    sys=$(grep -n "^CIM_System$" "$OUT" | cut -d: -f1)
    cs=$(grep -n "^CIM_ComputerSystem$" "$OUT" | cut -d: -f1)
    [ -n "$sys" ] && [ -n "$cs" ] && [ "$sys" -lt "$cs" ] ||
        fail "CIM_System is not listed before CIM_ComputerSystem"
    ;;
ec_shallow)
    # Without CLASS: the 111 root classes (README fact).
    run 0 ec root/cimv2 --mof "$SCHEMA"
    [ "$(wc -l <"$OUT")" -eq 111 ] || fail "expected 111 root classes, got $(wc -l <"$OUT")"
    out_has "^CIM_ManagedElement$"
    out_lacks "^CIM_ComputerSystem$"
    run 0 ec root/cimv2 --deep --mof "$SCHEMA"
    [ "$(wc -l <"$OUT")" -eq 1631 ] || fail "expected 1631 classes, got $(wc -l <"$OUT")"
    # Direct subclasses only.
    run 0 ec root/cimv2 CIM_System --mof "$SCHEMA"
    out_has "^CIM_ComputerSystem$"
    out_lacks "^CIM_UnitaryComputerSystem$"
    run 1 ec root/cimv2 No_Such --mof "$SCHEMA"
    err_has "MI_RESULT_INVALID_CLASS"
    ;;
ei_family)
    run 0 ei root/cimv2 TST_Person --count --mof "$SCHEMA_DIR/qualifiers.mof" --mof "$FAMILY"
    out_is "8"
    run 0 ei root/cimv2 TST_Person --shallow --count --mof "$SCHEMA_DIR/qualifiers.mof" \
        --mof "$FAMILY"
    out_is "4"
    run 0 ei root/cimv2 TST_PersonS --mof "$SCHEMA_DIR/qualifiers.mof" --mof "$FAMILY"
    [ "$(grep -c "^instance of TST_PersonS" "$OUT")" -eq 4 ] ||
        fail "expected 4 'instance of TST_PersonS' blocks"
    out_has "Saaras"
    run 0 ei root/cimv2 TST_Lineage --count --mof "$SCHEMA_DIR/qualifiers.mof" --mof "$FAMILY"
    out_is "4"
    ;;
*)
    echo "cli_test.sh: unknown case '$CASE'"
    exit 2
    ;;
esac

[ "$failures" -eq 0 ] || exit 1
echo "PASS [$CASE]"
exit 0
