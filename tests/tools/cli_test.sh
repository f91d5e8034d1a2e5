#!/bin/sh
# cli_test.sh MI_BINARY SHARED_DIR CASE [PROVIDER_MODULE] - runs the `mi` command for one test case and
# checks its exit status, stdout and stderr. Exit 0 when the case passes; otherwise
# prints what differed and exits 1.
set -u

MI=$1
SHARED=$2
CASE=$3
PROVIDER=${4:-}   # the test provider module (tests/providers), for the providers case
PROVIDERS_MOF=$(dirname "$0")/../providers/test_providers.mof
DATA=$SHARED/data
SCHEMA_DIR=$DATA/cim-schema/2.49.0
SCHEMA=$SCHEMA_DIR/cim_schema_2.49.0.mof
PEGASUS=$DATA/mof-extra/openpegasus/pegasus
FAMILY=$PEGASUS/src/Providers/TestProviders/Load/TST_Family.mof
INVALID=$PEGASUS/src/Pegasus/Compiler/tests/invalidMOF

# shellcheck source=../cli_lib.sh
. "$(dirname "$0")/../cli_lib.sh"

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


# Stores the CIM qualifiers and the TST_Family MOF in $REPO (root/cimv2).
family_repo() {
    "$MI" mofcomp "$SCHEMA_DIR/qualifiers.mof" "$FAMILY" >"$OUT" 2>"$ERR" ||
        fail "mofcomp of TST_Family into $REPO failed"
}

# sorted_values PROPERTY: the values of PROPERTY in the MOF output, sorted.
sorted_values() {
    sed -n "s/^    $1 = \"\(.*\)\";\$/\1/p" "$OUT" | sort | tr '\n' ' '
}

# json_check PYTHON-EXPRESSION: stdout is one JSON document (python3 -m json.tool
# accepts it) and the expression, evaluated with `d` = the parsed document, is true.
json_check() {
    python3 -m json.tool "$OUT" >/dev/null 2>&1 || fail "stdout is not valid JSON"
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" 2>/dev/null \
        "$OUT" || fail "JSON check failed: $1"
}

# err_is_result NAME CODE: stderr is "mi: MI_RESULT_NAME (CODE): ..."
err_is_result() {
    grep -q "^mi: MI_RESULT_$1 ($2): ." "$ERR" || fail "stderr is not 'mi: MI_RESULT_$1 ($2): ...'"
}

case $CASE in
mofcomp_schema)
    run 0 mofcomp --check "$SCHEMA"
    out_is "1631 classes, 0 instances, 70 qualifiers"
    err_empty
    [ ! -e "$REPO" ] || fail "mofcomp --check created the repository"
    # Without --check the same compilation is stored.
    run 0 mofcomp "$SCHEMA"
    out_is "1631 classes, 0 instances, 70 qualifiers"
    [ -s "$REPO" ] || fail "mofcomp did not create the repository $REPO"
    ;;
mofcomp_instances)
    run 0 mofcomp --check "$SCHEMA_DIR/qualifiers.mof" "$FAMILY"
    out_has "^9 classes, 12 instances, 56 qualifiers"
    ;;
mofcomp_invalid)
    run 1 mofcomp --check "$INVALID/badQualifierDecl1.mof"
    err_has "badQualifierDecl1\.mof:4:[0-9][0-9]*: error: "
    tail -n 1 "$ERR" | grep -q "^mofcomp: [1-9][0-9]* errors*$" ||
        fail "last stderr line is not 'mofcomp: N errors'"
    [ ! -s "$OUT" ] || fail "stdout is not empty"
    # Every diagnostic line has the file:line:column: error: form.
    grep -v "^mofcomp: " "$ERR" | grep -v -q -E "^[^:]+:[0-9]+:[0-9]+: (error|warning): " &&
        fail "a diagnostic line is not 'file:line:column: error: message'"
    run 1 mofcomp --check "$TMP/no-such-file.mof"
    err_has "^mofcomp: [1-9][0-9]* errors*$"
    ;;
mofcomp_omi)
    # OMI's parser test files: all types, UTF-16 instances, DSC, boundary values.
    M=$DATA/mof-extra/omi/Unix/tests/codec/mof/blue/mofs
    run 0 mofcomp --check "$SCHEMA_DIR/qualifiers.mof" "$M/mintschema.mof" "$M/mintinstance.mof"
    out_has "^[1-9][0-9]* classes, [1-9][0-9]* instances, "
    run 0 mofcomp --check "$SCHEMA_DIR/qualifiers.mof" "$M/dscschema.mof" "$M/dscinstance.mof"
    out_has "^[1-9][0-9]* classes, [1-9][0-9]* instances, "
    # The boundary-value files leave the key v_Key of one instance NULL: an error by
    # default (DSP0004 requires keys), accepted with --allow-null-keys.
    run 1 mofcomp --check -I "$SCHEMA_DIR" "$M/dmtftypes.mof" "$M/dmtftypes_instancemaxvalue.mof"
    err_has "dmtftypes_instancemaxvalue\.mof:44:1: error: .*no value for key property v_Key"
    for f in dmtftypes_instancemaxvalue.mof dmtftypes_instanceminvalue.mof; do
        run 0 mofcomp --check --allow-null-keys -I "$SCHEMA_DIR" "$M/dmtftypes.mof" "$M/$f"
        out_has "^[1-9][0-9]* classes, [1-9][0-9]* instances, "
    done
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
    run 2 gc root/cimv2
    err_has "NAMESPACE and CLASS are required"
    run 2 ei root/cimv2 X --json --count
    err_has "exclude each other"
    run 2 gi root/cimv2 'X.k=1' --deep
    err_has "not valid for this command"
    run 2 --timeout 0 ei root/cimv2 X
    run 2 ei root/cimv2 X --timeout abc
    err_has "timeout"
    run 2 mi root/cimv2 'X.k=1'
    run 2 iv root/cimv2 X
    run 2 register root/cimv2
    run 2 mofcomp --option N=1 "$SCHEMA"
    err_has "not valid for this command"
    run 2 gc root/cimv2 CIM_ComputerSystem extra --mof "$SCHEMA"
    run 2 ec --mof "$SCHEMA"
    run 2 ei root/cimv2 --mof "$SCHEMA"
    run 0 --help
    out_has "^usage: mi"
    for cmd in mofcomp register gc ec ei gi r a ci mi di iv; do
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
    [ "$(cat "$ERR")" = "mi: MI_RESULT_INVALID_CLASS (5): class 'No_Such' not found in namespace 'root/cimv2'" ] ||
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
session_ei)
    family_repo
    out_is "9 classes, 12 instances, 56 qualifiers"
    # Deep: the 4 TST_Person and the 4 TST_PersonS instances of the MOF.
    run 0 ei root/cimv2 TST_Person --count
    out_is "8"
    run 0 ei root/cimv2 TST_Person --shallow --count
    out_is "4"
    run 0 ei root/cimv2 TST_Person
    [ "$(sorted_values name)" = "Gabi Gabis Mike Mikes Saara Saaras Sofi Sofis " ] ||
        fail "names are '$(sorted_values name)'"
    [ "$(grep -c '^instance of TST_PersonS$' "$OUT")" -eq 4 ] || fail "expected 4 TST_PersonS"
    out_has '^    counter = 3;$'
    out_has '^    extraProperty = "defaultvalue";$'
    run 0 ei root/cimv2 TST_Person --keys-only
    out_lacks "extraProperty"
    out_lacks "counter"
    [ "$(grep -c '^    name = ' "$OUT")" -eq 8 ] || fail "--keys-only lost instances"
    run 0 ei root/cimv2 TST_Person --base-props
    out_lacks "counter"
    [ "$(grep -c '^    name = ' "$OUT")" -eq 8 ] || fail "--base-props lost instances"
    run 0 ei root/cimv2 TST_Lineage --count
    out_is "4"
    # --repository, before or after the command, wins over $MI_REPOSITORY.
    MI_REPOSITORY=$TMP/other.db
    run 0 --repository "$REPO" ei root/cimv2 TST_Lineage --count
    out_is "4"
    run 0 ei root/cimv2 TST_Lineage --count --repository "$REPO"
    out_is "4"
    MI_REPOSITORY=$REPO
    # Class names are case-insensitive.
    run 0 ei root/cimv2 tst_personS --count
    out_is "4"
    ;;
session_json)
    family_repo
    run 0 ei root/cimv2 TST_PersonS --json
    json_check 'isinstance(d, list) and len(d) == 4'
    json_check 'all(o["@class"] == "TST_PersonS" and o["@namespace"] == "root/cimv2" for o in d)'
    json_check 'sorted((o["name"], o["counter"], o["secondProperty"]) for o in d) == [("Gabis", 4, "four"), ("Mikes", 1, "one"), ("Saaras", 2, "two"), ("Sofis", 3, "three")]'
    json_check 'all(type(o["counter"]) is int for o in d)'
    # References are objects with the class and the keys of the referenced instance.
    run 0 ei root/cimv2 TST_Lineage --json
    json_check 'len(d) == 4 and all(o["parent"]["@class"] == "TST_Person" for o in d)'
    json_check 'sorted((o["parent"]["name"], o["child"]["name"]) for o in d) == [("Mike", "Gabi"), ("Mike", "Sofi"), ("Saara", "Gabi"), ("Saara", "Sofi")]'
    # Nothing found is still one document.
    run 0 ei root/cimv2 TST_PersonDynamicSubClass --json
    json_check 'd == []'
    run 0 gi root/cimv2 'TST_Person.name="Mike"' --json
    json_check 'len(d) == 1 and d[0]["name"] == "Mike" and d[0]["extraProperty"] == "defaultvalue"'
    ;;
session_gi)
    family_repo
    run 0 gi root/cimv2 'TST_Person.name="Mike"'
    out_has '^instance of TST_Person$'
    out_has '^    name = "Mike";$'
    err_empty
    run 0 gi root/cimv2 'TST_PersonS.name="Sofis"'
    out_has '^    counter = 3;$'
    out_has '^    secondProperty = "three";$'
    run 0 gi root/cimv2 'TST_Lineage.parent="TST_Person.name=\"Mike\"",child="TST_Person.name=\"Sofi\""'
    out_has '^    parent = "TST_Person.name=\\"Mike\\"";$'
    run 1 gi root/cimv2 'TST_Person.name="Nobody"'
    err_is_result NOT_FOUND 6
    [ ! -s "$OUT" ] || fail "stdout is not empty"
    run 1 gi root/cimv2 'No_Such.name="x"'
    err_is_result INVALID_CLASS 5
    run 1 gi root/nowhere 'TST_Person.name="Mike"'
    err_is_result INVALID_NAMESPACE 3
    run 1 ei root/nowhere TST_Person --count
    err_is_result INVALID_NAMESPACE 3
    [ ! -s "$OUT" ] || fail "--count printed a count for a failed operation"
    run 1 ei root/cimv2 No_Such --json
    err_is_result INVALID_CLASS 5
    json_check 'd == []'
    run 1 gi root/cimv2 'TST_Person.name="Mike'
    err_is_result INVALID_PARAMETER 4
    run 1 gi root/cimv2 'TST_Person.nosuch="Mike"'
    # A file that is not a repository: a clear error, for queries and for mofcomp.
    printf 'not a database at all, not at all' >"$TMP/bad.db"
    run 1 --repository "$TMP/bad.db" ei root/cimv2 TST_Person
    err_is_result FAILED 1
    err_has "bad\.db"
    run 1 --repository "$TMP/bad.db" mofcomp "$SCHEMA_DIR/qualifiers.mof"
    err_is_result FAILED 1
    ;;
session_refs)
    family_repo
    # References of each person, derived by hand from the 4 TST_Lineage instances:
    # Mike->Sofi, Mike->Gabi, Saara->Sofi, Saara->Gabi.
    for p in Mike Saara Sofi Gabi; do
        run 0 r root/cimv2 "TST_Person.name=\"$p\"" --count
        out_is "2"
    done
    run 0 r root/cimv2 'TST_PersonS.name="Mikes"' --count
    out_is "0"
    run 0 r root/cimv2 'TST_Person.name="Mike"' --role parent --count
    out_is "2"
    run 0 r root/cimv2 'TST_Person.name="Mike"' --role child --count
    out_is "0"
    run 0 r root/cimv2 'TST_Person.name="Sofi"' --role child --result-class TST_Lineage --count
    out_is "2"
    run 0 r root/cimv2 'TST_Person.name="Sofi"' --result-class TST_LabeledLineage --count
    out_is "0"
    run 0 r root/cimv2 'TST_Person.name="Mike"' --json
    json_check 'sorted(o["child"]["name"] for o in d) == ["Gabi", "Sofi"] and all(o["@class"] == "TST_Lineage" for o in d)'
    # Associators.
    run 0 a root/cimv2 'TST_Person.name="Mike"'
    [ "$(sorted_values name)" = "Gabi Sofi " ] || fail "associators of Mike: $(sorted_values name)"
    run 0 a root/cimv2 'TST_Person.name="Sofi"'
    [ "$(sorted_values name)" = "Mike Saara " ] || fail "associators of Sofi: $(sorted_values name)"
    run 0 a root/cimv2 'TST_Person.name="Sofi"' --role child --result-role parent
    [ "$(sorted_values name)" = "Mike Saara " ] || fail "parents of Sofi: $(sorted_values name)"
    run 0 a root/cimv2 'TST_Person.name="Sofi"' --role parent --count
    out_is "0"
    run 0 a root/cimv2 'TST_Person.name="Sofi"' --result-role child --count
    out_is "0"
    run 0 a root/cimv2 'TST_Person.name="Gabi"' --assoc-class TST_Lineage --result-class TST_Person --count
    out_is "2"
    run 0 a root/cimv2 'TST_Person.name="Gabi"' --assoc-class TST_LabeledLineage --count
    out_is "0"
    run 0 a root/cimv2 'TST_Person.name="Gabi"' --result-class TST_PersonS --count
    out_is "0"
    ;;
session_cud)
    family_repo
    run 0 ci root/cimv2 'TST_PersonS.name="Nina"' secondProperty=five counter=5
    out_has '^instance of TST_PersonS$'
    run 0 gi root/cimv2 'TST_PersonS.name="Nina"'
    out_has '^    counter = 5;$'
    out_has '^    secondProperty = "five";$'
    run 0 ei root/cimv2 TST_Person --count
    out_is "9"
    # A bare class with the key as a property.
    run 0 ci root/cimv2 TST_Person name=Olli
    run 0 gi root/cimv2 'TST_Person.name="Olli"'
    out_has '^    name = "Olli";$'
    run 1 ci root/cimv2 'TST_PersonS.name="Nina"'
    err_is_result ALREADY_EXISTS 11
    run 1 ci root/cimv2 'TST_PersonS.name="Pia"' counter=abc
    err_is_result TYPE_MISMATCH 13
    run 1 ci root/cimv2 'TST_PersonS.name="Pia"' counter=4294967296
    err_is_result TYPE_MISMATCH 13
    run 1 ci root/cimv2 'TST_PersonS.name="Pia"' nosuch=1
    err_is_result NO_SUCH_PROPERTY 12
    run 1 ci root/cimv2 'TST_PersonS.name="Pia"' counter
    err_is_result INVALID_PARAMETER 4
    # Modify: read, change, write back.
    run 0 mi root/cimv2 'TST_PersonS.name="Nina"' counter=0x10
    run 0 gi root/cimv2 'TST_PersonS.name="Nina"'
    out_has '^    counter = 16;$'
    out_has '^    secondProperty = "five";$'
    run 1 mi root/cimv2 'TST_PersonS.name="Nobody"' counter=1
    err_is_result NOT_FOUND 6
    # Delete.
    run 0 di root/cimv2 'TST_PersonS.name="Nina"'
    [ ! -s "$OUT" ] || fail "di printed something"
    run 1 gi root/cimv2 'TST_PersonS.name="Nina"'
    err_is_result NOT_FOUND 6
    run 1 di root/cimv2 'TST_PersonS.name="Nina"'
    err_is_result NOT_FOUND 6
    # What was stored persists in the file: a new process sees it.
    run 0 ei root/cimv2 TST_Person --count
    out_is "9"
    # A new association, its references given as paths.
    run 0 ci root/cimv2 TST_LabeledLineage 'parent=TST_Person.name="Gabi"' \
        'child=TST_Person.name="Sofi"' label=twins
    run 0 r root/cimv2 'TST_Person.name="Gabi"' --result-class TST_LabeledLineage --json
    json_check 'len(d) == 1 and d[0]["label"] == "twins" and d[0]["child"]["name"] == "Sofi"'
    run 0 a root/cimv2 'TST_Person.name="Gabi"'
    [ "$(sorted_values name)" = "Mike Saara Sofi " ] ||
        fail "associators of Gabi after ci: $(sorted_values name)"
    # A compilation that fails stores nothing (all or nothing).
    run 1 mofcomp "$INVALID/badQualifierDecl1.mof"
    run 1 mofcomp "$FAMILY"
    err_has "already declared"
    run 0 ei root/cimv2 TST_Person --count
    out_is "9"
    # NULL properties: left out, shown with --nulls, null in JSON.
    run 0 ci root/cimv2 'TST_PersonS.name="Quinn"'
    run 0 gi root/cimv2 'TST_PersonS.name="Quinn"'
    out_lacks "counter"
    run 0 gi root/cimv2 'TST_PersonS.name="Quinn"' --nulls
    out_has '^    counter = NULL;$'
    run 0 gi root/cimv2 'TST_PersonS.name="Quinn"' --json
    json_check 'd[0]["counter"] is None and d[0]["name"] == "Quinn"'
    ;;
session_iv)
    family_repo
    run 1 iv root/cimv2 TST_Person NoSuchMethod
    err_is_result METHOD_NOT_FOUND 17
    run 1 iv root/cimv2 'TST_Person.name="Mike"' NoSuchMethod
    err_is_result METHOD_NOT_FOUND 17
    run 1 iv root/cimv2 No_Such M
    err_is_result INVALID_CLASS 5
    ;;
session_classes)
    family_repo
    run 0 gc root/cimv2 TST_PersonS
    out_has "class TST_PersonS : TST_Person"
    run 0 ec root/cimv2 TST_Person
    [ "$(sort "$OUT" | tr '\n' ' ')" = "TST_PersonDynamic TST_PersonS " ] ||
        fail "subclasses of TST_Person: $(tr '\n' ' ' <"$OUT")"
    run 0 ec root/cimv2 TST_Person --deep
    out_has "^TST_PersonDynamicSubClass$"
    run 1 gc root/cimv2 No_Such
    err_is_result INVALID_CLASS 5
    ;;
register)
    family_repo
    run 1 register root/cimv2 "$TMP/no-such.so"
    err_is_result NOT_FOUND 6
    printf 'not a library' >"$TMP/bad.so"
    run 1 register root/cimv2 "$TMP/bad.so"
    err_has "cannot load"
    ;;
providers)
    # The engine's test provider module: TST_Simple posts $MI_TEST_N instances with
    # Key = i, Name = "name-<i>", Value = -i, Flag = i odd, Ratio = i / 2 and has a
    # static method Add(a, b) -> Sum = a + b, ReturnValue 7; TST_Never never posts.
    [ -n "$PROVIDER" ] || { echo "providers: no module given"; exit 2; }
    run 0 mofcomp -n root/test "$SCHEMA_DIR/qualifiers.mof" "$PROVIDERS_MOF"
    run 1 register root/test "$PROVIDER" TST_Simple No_Such
    err_is_result INVALID_CLASS 5
    run 1 register root/nowhere "$PROVIDER"
    err_is_result INVALID_NAMESPACE 3
    run 0 register root/test "$PROVIDER"
    out_has "^TST_Simple$"
    out_has "^TST_Never$"
    MI_TEST_N=25
    export MI_TEST_N
    run 0 ei root/test TST_Simple --count
    out_is "25"
    run 0 ei root/test TST_Simple --json
    json_check 'len(d) == 25 and sorted(o["Key"] for o in d) == list(range(25))'
    json_check 'all(o["Name"] == "name-%d" % o["Key"] and o["Value"] == -o["Key"] and o["Flag"] == (o["Key"] % 2 == 1) and o["Ratio"] == o["Key"] / 2.0 for o in d)'
    # A custom operation option reaches the provider (it reads "N" before $MI_TEST_N).
    run 0 ei root/test TST_Simple --count --option N=7
    out_is "7"
    run 0 --timeout 30 ei root/test TST_Simple --option N=3 --option Other=text --json
    json_check 'sorted(o["Key"] for o in d) == [0, 1, 2]'
    run 1 ei root/test TST_Simple --option =5
    err_is_result INVALID_PARAMETER 4
    run 1 ei root/test TST_Simple --option __MI_OPERATIONOPTIONS_TIMEOUT=5
    err_is_result TYPE_MISMATCH 13
    run 0 ei root/test TST_Simple --keys-only --json
    json_check 'len(d) == 25 and all(o.get("Name") is None for o in d)'
    run 0 iv root/test TST_Simple Add a=2 b=40
    out_has '^    Sum = 42;$'
    out_has '^    ReturnValue = 7;$'
    run 0 iv root/test TST_Simple Add a=0xffffffff b=1 --json
    json_check 'len(d) == 1 and d[0]["ReturnValue"] == 7 and d[0]["Sum"] == 0'
    run 1 iv root/test TST_Simple Add a=x
    err_is_result TYPE_MISMATCH 13
    run 1 iv root/test TST_Simple Add c=1
    err_is_result INVALID_PARAMETER 4
    run 1 iv root/test TST_Simple Sub a=1
    err_is_result METHOD_NOT_FOUND 17
    # A provider that never posts: --timeout ends the operation with an error.
    start=$(date +%s)
    run 1 --timeout 0.5 ei root/test TST_Never
    [ $(( $(date +%s) - start )) -lt 10 ] || fail "--timeout 0.5 took too long"
    grep -q "^mi: MI_RESULT_[A-Z_]* ([0-9]*): ." "$ERR" || fail "no error line after a timeout"
    ;;
*)
    echo "cli_test.sh: unknown case '$CASE'"
    exit 2
    ;;
esac

finish
