#!/bin/sh
# cli_query_test.sh MI_BINARY SHARED_DIR CASE - runs `mi query` for one test case and
# checks its exit status, stdout and stderr (cases below). Exit 0 when the case passes;
# otherwise prints what differed and exits 1.
#   family  a repository with TST_Family.mof: WHERE, projection, polymorphism, JSON,
#           count, the wql alias, --dialect; expected values read from the MOF text
#   errors  every error path: MI_Result name and message on stderr, exit 1; usage, 2
#   linux   the live Linux providers: this shell's process by Handle, its sleeping
#           children by ParentProcessID, and a count compared with /proc
set -u

MI=$1
SHARED=$2
CASE=$3
DATA=$SHARED/data
QUALIFIERS=$DATA/cim-schema/2.49.0/qualifiers.mof
FAMILY=$DATA/mof-extra/openpegasus/pegasus/src/Providers/TestProviders/Load/TST_Family.mof

# shellcheck source=../cli_lib.sh
. "$(dirname "$0")/../cli_lib.sh"

# sorted_values PROPERTY: the string values of PROPERTY in the MOF output, sorted.
sorted_values() {
    sed -n "s/^    $1 = \"\(.*\)\";\$/\1/p" "$OUT" | sort | tr '\n' ' '
}

family_repo() {
    "$MI" mofcomp "$QUALIFIERS" "$FAMILY" >"$OUT" 2>"$ERR" ||
        fail "mofcomp of TST_Family into $REPO failed"
}

# Names of the TST_Person/TST_PersonS instances of the MOF file (one per line there).
family_names() { # [S]: only TST_PersonS
    sed -n "s/^instance of TST_Person$1 *{ *name = \"\([^\"]*\)\".*/\1/p" "$FAMILY" | sort
}

case $CASE in
family)
    family_repo
    all=$(family_names "S\{0,1\}" | tr '\n' ' ')
    subs=$(family_names S | tr '\n' ' ')
    [ -n "$subs" ] || fail "no TST_PersonS in $FAMILY"
    run 0 query root/cimv2 "SELECT name FROM TST_Person"
    [ "$(sorted_values name)" = "$all" ] || fail "names are '$(sorted_values name)', not '$all'"
    out_lacks "extraProperty"
    out_lacks "counter"
    run 0 query root/cimv2 "SELECT * FROM TST_Person" --count
    out_is "$(family_names "S\{0,1\}" | wc -l | tr -d ' ')"
    run 0 query root/cimv2 "SELECT * FROM TST_Person" --count --shallow
    out_is "$(($(family_names "S\{0,1\}" | wc -l) - $(family_names S | wc -l)))"
    # Names ending in s (any case), computed with grep from the same list.
    want=$(family_names "S\{0,1\}" | grep -i 's$' | tr '\n' ' ')
    run 0 wql root/cimv2 "select * from tst_person where NAME like '%S'"
    [ "$(sorted_values name)" = "$want" ] || fail "LIKE gave '$(sorted_values name)', not '$want'"
    out_has "^instance of TST_PersonS$"
    out_has "^    counter = "
    run 0 query root/cimv2 "SELECT * FROM TST_Person WHERE name LIKE '%S'" --base-props
    out_lacks "counter"
    # counter: the values of the MOF text.
    want=$(sed -n 's/.*name = "\([^"]*\)".*counter = \([0-9]*\).*/\2 \1/p' "$FAMILY" |
        awk '$1 >= 3 { print $2 }' | sort | tr '\n' ' ')
    run 0 query root/cimv2 "SELECT counter FROM TST_PersonS WHERE counter >= 3" --dialect CQL
    [ "$(sorted_values name)" = "$want" ] || fail "counter >= 3 gave '$(sorted_values name)'"
    out_lacks "secondProperty"
    run 0 query root/cimv2 "SELECT counter FROM TST_PersonS WHERE counter = 2" --json
    out_has '"@class": *"TST_PersonS"'
    out_has '"counter": *2'
    [ "$(grep -c '"name"' "$OUT")" -eq 1 ] || fail "--json: expected one instance"
    run 0 query root/cimv2 "SELECT * FROM TST_Lineage WHERE parent = 'TST_Person.name=\"Mike\"'" --count
    out_is "$(grep -c 'parent = "TST_Person.name=\\"Mike\\""' "$FAMILY")"
    run 0 query root/cimv2 "SELECT * FROM TST_Person WHERE name = NULL" --count
    out_is "0"
    run 0 query --help
    out_has "^usage: mi query NAMESPACE QUERY"
    run 0 --help
    out_has "^  query "
    ;;
errors)
    family_repo
    run 1 query root/cimv2 "SELECT * FROM TST_Person WHERE"
    err_is "mi: MI_RESULT_INVALID_QUERY (15): QueryInstances: column 31: expected a property, a literal or '(', found end of query"
    run 1 query root/cimv2 "SELECT nme FROM TST_Person"
    err_is "mi: MI_RESULT_INVALID_QUERY (15): QueryInstances: column 8: no property nme in class TST_Person"
    run 1 query root/cimv2 "SELECT * FROM TST_Nobody"
    err_is "mi: MI_RESULT_INVALID_CLASS (5): QueryInstances: class TST_Nobody (FROM) does not exist in namespace root/cimv2"
    run 1 query root/cimv2 "SELECT * FROM TST_Person" --dialect XPath
    err_is "mi: MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED (14): QueryInstances: query language 'XPath' is not supported (use WQL or CQL)"
    run 1 query root/nowhere "SELECT * FROM TST_Person"
    err_has "MI_RESULT_INVALID_NAMESPACE"
    run 1 query root/cimv2 "SELECT * FROM TST_Person WHERE name = 1" --count
    err_has "cannot compare property name (string) with an integer literal"
    out_is ""
    run 2 query root/cimv2
    err_has "NAMESPACE and QUERY are required"
    run 2 query root/cimv2 "SELECT * FROM TST_Person" --keys-only
    err_has "keys-only"
    run 2 query root/cimv2 "SELECT * FROM TST_Person" --shallow --base-props
    err_has "exclude each other"
    run 2 query root/cimv2 "SELECT * FROM TST_Person" --dialect
    err_has "needs an argument"
    run 2 ei root/cimv2 TST_Person --dialect WQL
    err_has "not valid for this command"
    ;;
linux)
    # This shell's own process, by its key Handle (a string).
    run 0 query root/cimv2 "SELECT Handle FROM CIM_Process WHERE Handle = '$$'"
    [ "$(sorted_values Handle)" = "$$ " ] || fail "Handle = $$ gave '$(sorted_values Handle)'"
    [ "$(grep -c '^instance of ' "$OUT")" -eq 1 ] || fail "expected exactly one process"
    out_lacks "ModulePath"
    # Three children of this shell, by ParentProcessID and Name.
    sleep 60 & p1=$!
    sleep 60 & p2=$!
    sleep 60 & p3=$!
    want=$(printf '%s\n' "$p1" "$p2" "$p3" | sort | tr '\n' ' ')
    # The kernel may not have exec'd sleep yet: wait until /proc says so.
    for i in $(seq 1 50); do
        n=0
        for p in $p1 $p2 $p3; do
            [ "$(cat /proc/$p/comm 2>/dev/null)" = sleep ] && n=$((n + 1))
        done
        [ "$n" -eq 3 ] && break
        sleep 0.1
    done
    run 0 query root/cimv2 "SELECT Handle, Name FROM CIM_UnixProcess WHERE ParentProcessID = '$$' AND Name = 'SLEEP'"
    [ "$(sorted_values Handle)" = "$want" ] || fail "children are '$(sorted_values Handle)', not '$want'"
    run 0 query root/cimv2 "SELECT Handle FROM CIM_UnixProcess WHERE ParentProcessID = '$$' AND NOT Name LIKE 'sl%'"
    out_lacks "Handle = \"$p1\""
    kill "$p1" "$p2" "$p3" 2>/dev/null
    wait 2>/dev/null
    # All processes: /proc's process folders listed just before and after. Every
    # process in both lists lived through the query and must be counted; the query may
    # also see a few that started or ended meanwhile (other tests run in parallel).
    ls /proc | grep '^[0-9][0-9]*$' | sort > "$TMP/before"
    run 0 query root/cimv2 "SELECT Handle FROM CIM_Process" --count
    ls /proc | grep '^[0-9][0-9]*$' | sort > "$TMP/after"
    got=$(cat "$OUT")
    lo=$(comm -12 "$TMP/before" "$TMP/after" | wc -l)
    hi=$(( $(sort -u "$TMP/before" "$TMP/after" | wc -l) + 10 ))
    [ "$got" -ge "$lo" ] && [ "$got" -le "$hi" ] ||
        fail "query counted $got processes; /proc had $lo throughout, $hi - 10 at either end"
    # Two processes by key: init (when this namespace has one) and this shell.
    run 0 query root/cimv2 "SELECT Handle FROM CIM_Process WHERE Handle = '1' OR Handle = '$$'" --count
    if [ -d /proc/1 ]; then out_is "2"; else out_is "1"; fi
    ;;
*)
    echo "unknown case $CASE"
    exit 2
    ;;
esac

finish
