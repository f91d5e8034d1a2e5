#!/usr/bin/env bash
# test_lx_e2e.sh MI_BINARY [DMTF_SCHEMA [PROVIDER_MODULE]] - the built-in Linux providers end to end:
# the `mi` tool on a fresh repository (auto-setup of the classes, built-in module,
# engine fallbacks), each answer compared with ground truth this script reads itself
# (/proc, uname, /sys, getconf, its own pid and parent). DMTF_SCHEMA (optional, the
# full cim_schema_2.49.0.mof) adds the cases "DMTF schema first" and "DMTF schema
# after the auto-setup"; PROVIDER_MODULE (tests/providers' module) the case "a
# registration in the repository wins over the built-in module". Exit 0 when every check passes; otherwise each failure is
# printed and the exit status is 1.
set -u

MI=$1
DMTF=${2:-}
PROVIDER=${3:-}
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
export MI_REPOSITORY=$TMP/repo.db
unset MI_SCHEMA_FILE XDG_DATA_HOME
OUT=$TMP/out
ERR=$TMP/err
failures=0

fail() {
    echo "FAIL: $*"
    echo "--- stdout (first 15 lines):"; head -n 15 "$OUT"
    echo "--- stderr (first 15 lines):"; head -n 15 "$ERR"
    failures=$((failures + 1))
}

# mi_ok ARGS...: runs mi into $OUT/$ERR; a failure if its status is not 0.
mi_ok() {
    "$MI" "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    [ "$rc" -eq 0 ] || fail "mi $* exited with $rc"
    return $rc
}

# count_of CLASS: the number of "instance of CLASS" blocks in $OUT.
count_of() {
    grep -c "^instance of $1\$" "$OUT"
}

# The number of process directories of /proc, read without starting a process.
proc_count() {
    local d
    local n=0
    for d in /proc/[0-9]*; do
        [ -d "$d" ] && n=$((n + 1))
    done
    echo "$n"
}

# ---------------------------------------------------------------- processes (fresh repository)
# Processes start and end meanwhile (other tests run in parallel). The PIDs of /proc
# are listed just before and just after the enumeration: every process in both lists
# lived through it and must be counted; at most those in either list, plus the mi
# process itself and the command substitution around it, may be. Up to 3 attempts; a
# provider that is consistently off fails every one.
pid_list() {
    local d
    for d in /proc/[0-9]*; do
        [ -d "$d" ] && echo "${d#/proc/}"
    done | sort
}
# in_bounds N: true if N lies within the bounds of $TMP/before and $TMP/after.
in_bounds() {
    local lo hi
    lo=$(comm -12 "$TMP/before" "$TMP/after" | wc -l)
    hi=$(( $(sort -u "$TMP/before" "$TMP/after" | wc -l) + 2 ))
    bounds="$lo..$hi"
    [ "$1" -ge "$lo" ] && [ "$1" -le "$hi" ]
}
ok=0
for attempt in 1 2 3; do
    pid_list >"$TMP/before"
    mi_ok ei root/cimv2 CIM_Process --count || break
    n=$(cat "$OUT")
    pid_list >"$TMP/after"
    if in_bounds "$n"; then ok=1; break; fi
    echo "attempt $attempt: CIM_Process --count is $n; /proc bounds $bounds"
done
[ "$ok" -eq 1 ] || fail "CIM_Process --count never within /proc's bounds (last: $n; $bounds)"
[ -s "$MI_REPOSITORY" ] || fail "the repository file was not created"

# keysOnly gives the same processes, with keys only
ok=0
for attempt in 1 2 3; do
    pid_list >"$TMP/before"
    mi_ok ei root/cimv2 Linux_UnixProcess --keys-only || break
    pid_list >"$TMP/after"
    k=$(count_of Linux_UnixProcess)
    if in_bounds "$k"; then ok=1; break; fi
    echo "attempt $attempt: keys-only gave $k processes; /proc bounds $bounds"
done
[ "$ok" -eq 1 ] || fail "Linux_UnixProcess --keys-only never within /proc's bounds (last: $k)"
grep -q "Handle = \"$$\";" "$OUT" || fail "keys-only enumeration misses this script ($$)"
grep -q "ParentProcessID" "$OUT" && fail "keys-only enumeration has non-key properties"

# ---------------------------------------------------------------- everything, deep
if mi_ok ei root/cimv2 CIM_ManagedElement --count; then
    all=$(cat "$OUT")
    procs=$(proc_count)
    [ "$all" -gt $((procs / 2)) ] ||
        fail "CIM_ManagedElement --count is $all, fewer than the $procs processes"
fi

# ---------------------------------------------------------------- the operating system
if mi_ok ei root/cimv2 CIM_OperatingSystem; then
    [ "$(count_of Linux_OperatingSystem)" -eq 1 ] || fail "not exactly one Linux_OperatingSystem"
    grep -qF "Version = \"$(uname -r)\";" "$OUT" || fail "Version is not uname -r ($(uname -r))"
    grep -qF "OtherTypeDescription = \"$(uname -v)\";" "$OUT" ||
        fail "OtherTypeDescription is not uname -v"
    grep -qF "CSName = \"$(uname -n)\";" "$OUT" || fail "CSName is not uname -n ($(uname -n))"
    grep -q "OSType = 36;" "$OUT" || fail "OSType is not 36 (LINUX)"
fi

# ---------------------------------------------------------------- the computer system
cs_path=
if mi_ok ei root/cimv2 Linux_ComputerSystem --keys-only; then
    [ "$(count_of Linux_ComputerSystem)" -eq 1 ] || fail "not exactly one Linux_ComputerSystem"
    name=$(sed -n 's/^ *Name = "\(.*\)";$/\1/p' "$OUT")
    [ "$name" = "$(uname -n)" ] || fail "the computer system is '$name', not $(uname -n)"
    cs_path="Linux_ComputerSystem.CreationClassName=\"Linux_ComputerSystem\",Name=\"$name\""
fi
ncpu=$(getconf _NPROCESSORS_CONF)
nnet=$(ls /sys/class/net | wc -l)
nfs_root=0
if [ -n "$cs_path" ] && mi_ok r root/cimv2 "$cs_path"; then
    [ "$(count_of Linux_RunningOS)" -eq 1 ] || fail "references: not one Linux_RunningOS"
    [ "$(grep -c 'PartComponent = "Linux_Processor\.' "$OUT")" -eq "$ncpu" ] ||
        fail "references: Linux_SystemDevice of processors != $ncpu"
    [ "$(grep -cE 'PartComponent = "Linux_(Ethernet|Network)Port\.' "$OUT")" -eq "$nnet" ] ||
        fail "references: Linux_SystemDevice of ports != $nnet (/sys/class/net)"
    [ "$(count_of Linux_HostedFileSystem)" -ge 1 ] || fail "references: no Linux_HostedFileSystem"
fi
if [ -n "$cs_path" ] && mi_ok a root/cimv2 "$cs_path"; then
    [ "$(count_of Linux_OperatingSystem)" -eq 1 ] || fail "associators: not one OS"
    [ "$(count_of Linux_Processor)" -eq "$ncpu" ] || fail "associators: processors != $ncpu"
    ports=$(( $(count_of Linux_EthernetPort) + $(count_of Linux_NetworkPort) ))
    [ "$ports" -eq "$nnet" ] || fail "associators: $ports ports, /sys/class/net has $nnet"
    for ifc in /sys/class/net/*; do
        grep -qF "DeviceID = \"${ifc##*/}\";" "$OUT" || fail "associators: no port ${ifc##*/}"
    done
    grep -qF 'Name = "/";' "$OUT" && nfs_root=1
    [ "$nfs_root" -eq 1 ] || fail "associators: no file system mounted on /"
    [ "$(count_of Linux_LocalFileSystem)" -ge 1 ] || fail "associators: no file system"
fi
if [ -n "$cs_path" ] && mi_ok a root/cimv2 "$cs_path" --result-class CIM_FileSystem; then
    [ "$(count_of Linux_Processor)" -eq 0 ] || fail "resultClass CIM_FileSystem gave processors"
    [ "$(count_of Linux_LocalFileSystem)" -ge 1 ] || fail "resultClass CIM_FileSystem: none"
fi

# ---------------------------------------------------------------- processes by key
os_name=
if mi_ok ei root/cimv2 Linux_OperatingSystem --keys-only; then
    os_name=$(sed -n 's/^ *Name = "\(.*\)";$/\1/p' "$OUT")
fi
proc_path() {
    echo "Linux_UnixProcess.CSCreationClassName=\"Linux_ComputerSystem\",CSName=\"$(uname -n)\",OSCreationClassName=\"Linux_OperatingSystem\",OSName=\"$os_name\",CreationClassName=\"Linux_UnixProcess\",Handle=\"$1\""
}
ppid=$(awk '{ sub(/^.*\) /, ""); print $2 }' /proc/$$/stat)
if mi_ok gi root/cimv2 "$(proc_path $$)"; then
    grep -qF "Handle = \"$$\";" "$OUT" || fail "gi: not this script's process"
    grep -qF "ParentProcessID = \"$ppid\";" "$OUT" || fail "gi: ParentProcessID is not $ppid"
    grep -qF "Name = \"$(cat /proc/$$/comm)\";" "$OUT" || fail "gi: Name is not $(cat /proc/$$/comm)"
fi
if mi_ok a root/cimv2 "$(proc_path $$)" --result-role Parent; then
    [ "$(count_of Linux_UnixProcess)" -eq 1 ] || fail "resultRole Parent: not one process"
    grep -qF "Handle = \"$ppid\";" "$OUT" || fail "resultRole Parent: not the parent ($ppid)"
fi
if mi_ok a root/cimv2 "$(proc_path $$)" --result-role Parent --json; then
    grep -q '"@namespace":"root/cimv2"' "$OUT" || fail "associator results carry no namespace"
fi
if mi_ok a root/cimv2 "$(proc_path $ppid)" --result-role Child; then
    grep -qF "Handle = \"$$\";" "$OUT" || fail "resultRole Child of the parent misses $$"
fi
if mi_ok r root/cimv2 "$(proc_path $$)" --result-class Linux_OSProcess; then
    [ "$(count_of Linux_OSProcess)" -eq 1 ] || fail "references: not one Linux_OSProcess"
fi
"$MI" gi root/cimv2 "$(proc_path 0)" >"$OUT" 2>"$ERR"
[ $? -eq 1 ] && grep -q NOT_FOUND "$ERR" || fail "gi of process 0 is not NOT_FOUND"
# GetInstance of an association: the provider answers NOT_SUPPORTED, the engine
# enumerates and matches the keys.
if [ -n "$cs_path" ] && [ -n "$os_name" ]; then
    os_path="Linux_OperatingSystem.CSCreationClassName=\\\"Linux_ComputerSystem\\\",CSName=\\\"$(uname -n)\\\",CreationClassName=\\\"Linux_OperatingSystem\\\",Name=\\\"$os_name\\\""
    cs_ref="Linux_ComputerSystem.CreationClassName=\\\"Linux_ComputerSystem\\\",Name=\\\"$(uname -n)\\\""
    if mi_ok gi root/cimv2 "Linux_RunningOS.Antecedent=\"$os_path\",Dependent=\"$cs_ref\""; then
        [ "$(count_of Linux_RunningOS)" -eq 1 ] || fail "gi Linux_RunningOS: no instance"
    fi
fi

# ---------------------------------------------------------------- SendSignal
sleep 60 &
child=$!
if mi_ok iv root/cimv2 "$(proc_path $child)" SendSignal Signal=15; then
    grep -q "= 0;" "$OUT" || fail "SendSignal did not return 0"
fi
wait "$child"
st=$?
[ "$st" -eq 143 ] || { kill "$child" 2>/dev/null; fail "the child ended with status $st, not 143 (SIGTERM)"; }
"$MI" iv root/cimv2 "$(proc_path $child)" SendSignal Signal=15 >"$OUT" 2>"$ERR"
[ $? -eq 1 ] && grep -q NOT_FOUND "$ERR" || fail "SendSignal to an ended process is not NOT_FOUND"

# ---------------------------------------------------------------- setup errors
MI_SCHEMA_FILE=$TMP/none/libmi.mof MI_REPOSITORY=$TMP/other.db "$MI" ei root/cimv2 CIM_Process \
    --count >"$OUT" 2>"$ERR"
[ $? -eq 1 ] && grep -qF "$TMP/none/libmi.mof" "$ERR" ||
    fail "a missing schema file does not give an error naming it"

# ---------------------------------------------------------------- concurrent first use
# Four processes open the same repository (created empty beforehand) at once: each
# sees no classes, one setup wins, the others read the file again and use its classes.
: >"$TMP/empty.mof"
MI_REPOSITORY=$TMP/concurrent.db "$MI" mofcomp "$TMP/empty.mof" >"$OUT" 2>"$ERR" ||
    fail "mofcomp of an empty file did not create an empty repository"
for i in 1 2 3 4; do
    MI_REPOSITORY=$TMP/concurrent.db "$MI" ei root/cimv2 Linux_OperatingSystem --count \
        >"$TMP/c$i" 2>&1 &
done
wait
for i in 1 2 3 4; do
    [ "$(cat "$TMP/c$i")" = 1 ] || { cp "$TMP/c$i" "$OUT"; fail "concurrent first use $i"; }
done

# ---------------------------------------------------------------- registration wins
if [ -n "$PROVIDER" ] && [ -r "$PROVIDER" ]; then
    export MI_REPOSITORY=$TMP/registered.db
    if mi_ok ei root/cimv2 Linux_Memory --count; then
        [ "$(cat "$OUT")" = 1 ] || fail "the built-in Linux_Memory is not one instance"
    fi
    mi_ok register root/cimv2 "$PROVIDER" Linux_Memory
    # The registered module has no provider for the class: its error proves that it,
    # not the built-in module, was asked.
    "$MI" ei root/cimv2 Linux_Memory --count >"$OUT" 2>"$ERR"
    [ $? -eq 1 ] && grep -qF "$PROVIDER" "$ERR" ||
        fail "a registered module does not replace the built-in one"
    if mi_ok ei root/cimv2 Linux_Processor --count; then
        [ "$(cat "$OUT")" = "$ncpu" ] || fail "other built-in classes changed"
    fi
fi

# ---------------------------------------------------------------- the DMTF schema
if [ -n "$DMTF" ] && [ -r "$DMTF" ]; then
    # First: the DMTF schema, then the Linux classes on top at the first query.
    export MI_REPOSITORY=$TMP/dmtf.db
    mi_ok mofcomp "$DMTF"
    if mi_ok ei root/cimv2 CIM_OperatingSystem; then
        [ "$(count_of Linux_OperatingSystem)" -eq 1 ] || fail "DMTF first: no Linux OS"
    fi
    if mi_ok gc root/cimv2 CIM_ManagedElement; then
        grep -q Generation "$OUT" || fail "DMTF first: CIM_ManagedElement is not DMTF's"
    fi
    # After the auto-setup: a clear error, nothing stored, the repository still works.
    export MI_REPOSITORY=$TMP/after.db
    mi_ok ei root/cimv2 Linux_ComputerSystem --count
    "$MI" mofcomp "$DMTF" >"$OUT" 2>"$ERR"
    [ $? -eq 1 ] && grep -q "already declared" "$ERR" ||
        fail "DMTF after the auto-setup: no clear error"
    if mi_ok ei root/cimv2 Linux_ComputerSystem --count; then
        [ "$(cat "$OUT")" = 1 ] || fail "after the refused mofcomp the repository changed"
    fi
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failures"
    exit 1
fi
echo "all checks passed"
