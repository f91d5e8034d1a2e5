#!/bin/sh
# cli_update_test.sh MI_BINARY SHARED_DIR - `mi mofcomp --update`: upgrading a
# repository that got the built-in CIM subset on first use to the full DMTF schema.
#
# A fresh repository in a temporary folder; the first `mi ei` compiles the subset and
# the Linux_ classes. `mi mofcomp` of DMTF without --update must fail with the hint and
# leave the repository as it was; with --update it must succeed, and then the
# providers' classes have DMTF's inherited properties and the queries still work (the
# same associator count as before). A second --update of the same file changes
# nothing. Exit 0 when every check passes; otherwise prints what differed and exits 1.
set -u

MI=$1
SHARED=$2
SCHEMA=$SHARED/data/cim-schema/2.49.0/cim_schema_2.49.0.mof
# A property of DMTF's CIM_ComputerSystem that the subset (schema/cim) does not declare,
# taken from the DMTF file itself.
CS_FILE=$SHARED/data/cim-schema/2.49.0/System/CIM_ComputerSystem.mof

# shellcheck source=../cli_lib.sh
. "$(dirname "$0")/../cli_lib.sh"

CS_PATH='Linux_ComputerSystem.CreationClassName="Linux_ComputerSystem",Name="'

[ -f "$SCHEMA" ] || { echo "no DMTF schema at $SCHEMA"; exit 1; }
grep -q 'PowerManagementCapabilities' "$CS_FILE" ||
    { echo "CIM_ComputerSystem.mof lacks PowerManagementCapabilities"; exit 1; }

# First use: the subset is compiled automatically.
run 0 ei root/cimv2 CIM_ManagedElement --count
before_all=$(cat "$OUT")
[ "$before_all" -gt 0 ] 2>/dev/null || fail "no managed elements on the subset"
run 0 ec root/cimv2 --deep
classes_before=$(wc -l <"$OUT")
run 0 gc root/cimv2 Linux_ComputerSystem --no-qualifiers
grep -q PowerManagementCapabilities "$OUT" && fail "the subset already has the DMTF property"
run 0 ei root/cimv2 Linux_ComputerSystem --keys-only
host=$(sed -n 's/^ *Name = "\(.*\)";$/\1/p' "$OUT" | head -n 1)
[ -n "$host" ] || fail "no Linux_ComputerSystem name"
run 0 a root/cimv2 "$CS_PATH$host\"" --count
assoc_before=$(cat "$OUT")

# Without --update: refused with the hint, nothing stored.
run 1 mofcomp "$SCHEMA"
grep -q "class CIM_[A-Za-z_]* is already declared in namespace root/cimv2 (use --update" "$ERR" ||
    fail "no 'already declared ... (use --update' error"
run 0 ec root/cimv2 --deep
[ "$(wc -l <"$OUT")" -eq "$classes_before" ] || fail "the refused mofcomp changed the classes"

# With --update: the DMTF classes replace the subset's, the Linux_ classes are rebuilt.
start=$(date +%s%N 2>/dev/null || echo 0)
run 0 mofcomp --update "$SCHEMA"
end=$(date +%s%N 2>/dev/null || echo 0)
echo "mofcomp --update of the DMTF schema: $(((end - start) / 1000000)) ms: $(cat "$OUT")"
ndmtf=$(grep -c -i '^ *class ' "$SHARED"/data/cim-schema/2.49.0/*/*.mof | awk -F: '{s += $2} END {print s}')
nsub=$(grep -c '^class CIM_' "$(dirname "$0")/../../schema/cim/classes.mof")
nlinux_derived=$(grep -c '^class Linux_[A-Za-z_]* : ' "$(dirname "$0")/../../schema/linux/linux.mof")
grep -q "^$ndmtf classes ($nsub replaced, $nlinux_derived rebuilt), 0 instances" "$OUT" ||
    fail "summary is not '$ndmtf classes ($nsub replaced, $nlinux_derived rebuilt), 0 instances ...'"

run 0 gc root/cimv2 Linux_ComputerSystem --no-qualifiers
grep -q 'PowerManagementCapabilities' "$OUT" || fail "Linux_ComputerSystem lacks DMTF's property"
run 0 ei root/cimv2 CIM_Process --count
[ "$(cat "$OUT")" -gt 0 ] 2>/dev/null || fail "no processes after the update"
run 0 ei root/cimv2 CIM_ManagedElement --count
[ "$(cat "$OUT")" -gt 0 ] 2>/dev/null || fail "no managed elements after the update"
run 0 ei root/cimv2 Linux_ComputerSystem --count
[ "$(cat "$OUT")" = 1 ] || fail "not one computer system after the update"
run 0 a root/cimv2 "$CS_PATH$host\"" --count
[ "$(cat "$OUT")" = "$assoc_before" ] ||
    fail "associators of the computer system: $(cat "$OUT"), before the update $assoc_before"
run 0 a root/cimv2 "$CS_PATH$host\"" --result-class CIM_OperatingSystem --count
[ "$(cat "$OUT")" = 1 ] || fail "no operating system associated with the computer system"
run 0 ec root/cimv2 --deep
[ "$(wc -l <"$OUT")" -eq "$((ndmtf + $(grep -c '^class Linux_' "$(dirname "$0")/../../schema/linux/linux.mof")))" ] ||
    fail "class count after the update: $(wc -l <"$OUT")"

# The same file again: nothing to do.
run 0 mofcomp --update "$SCHEMA"
grep -q "^0 classes ($ndmtf unchanged), 0 instances, 0 qualifiers" "$OUT" ||
    fail "second --update is not a no-op"

finish
