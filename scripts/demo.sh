#!/usr/bin/env bash
# The main job, end to end on a fresh Debian 12 machine: installs what is missing,
# builds libmi and the `mi` tool, compiles the whole DMTF CIM schema (read in place
# from ../shared) and shows one class with its inherited members, then tours live
# data of this machine served by the built-in Linux providers (a fresh repository in
# a temporary folder: the OS, processes, a WQL query, references and associators of
# the computer system, associators of a process, a signal sent through a method).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
schema=${MI_SCHEMA:-../shared/data/cim-schema/2.49.0/cim_schema_2.49.0.mof}
mi=build/tools/mi/mi
echo "\$ mi mofcomp --check $schema"
"$mi" mofcomp --check "$schema"
echo
echo "\$ mi gc root/cimv2 CIM_ComputerSystem --no-qualifiers --mof $schema"
echo "# (without --no-qualifiers: every qualifier, descriptions included, in DMTF's layout)"
"$mi" gc root/cimv2 CIM_ComputerSystem --no-qualifiers --mof "$schema"

# A tour of live data: the built-in Linux providers through the `mi` tool, on a fresh
# repository in a temporary folder (its first use compiles the project's classes into
# root/cimv2; the user's own repository is not touched).
tour=$(mktemp -d)
trap 'rm -rf "$tour"' EXIT
export MI_REPOSITORY=$tour/repository.db
# say MI ARGS...: prints the command as a user types it ("mi ARGS", single-quoting
# arguments with shell characters), then runs it.
say() {
  local a line='$ mi'
  for a in "${@:2}"; do
    if [[ $a =~ ^[A-Za-z0-9_./=:+-]+$ ]]; then line+=" $a"; else line+=" '$a'"; fi
  done
  echo
  echo "$line"
  "$@"
}
# first N: the first N "instance of" blocks of stdin (reads all of it).
first() { awk -v n="$1" '/^instance of/ { k++ } k <= n'; }

echo
echo "=== Live data from this machine (repository: $MI_REPOSITORY)"
say "$mi" ei root/cimv2 CIM_OperatingSystem
say "$mi" ei root/cimv2 CIM_Process --count
pids=(/proc/[0-9]*)
echo "(/proc lists ${#pids[@]} processes)"
echo
echo "\$ mi ei root/cimv2 CIM_Process    # the first 2 of them"
"$mi" ei root/cimv2 CIM_Process | first 2

echo
echo "# a WQL query: the processes using more than 20 MB of memory (the first 3)"
echo "\$ mi query root/cimv2 \"SELECT Handle, Name, WorkingSetSize FROM CIM_UnixProcess WHERE WorkingSetSize > 20000000\""
"$mi" query root/cimv2 \
  "SELECT Handle, Name, WorkingSetSize FROM CIM_UnixProcess WHERE WorkingSetSize > 20000000" |
  first 3

cs=$("$mi" ei root/cimv2 Linux_ComputerSystem --keys-only |
     sed -n 's/^ *Name = "\(.*\)";$/Linux_ComputerSystem.CreationClassName="Linux_ComputerSystem",Name="\1"/p')
echo
echo "\$ mi r root/cimv2 '$cs'    # summarised: association classes and counts"
"$mi" r root/cimv2 "$cs" | grep '^instance of' | sort | uniq -c
echo
echo "\$ mi a root/cimv2 '$cs' --result-class CIM_FileSystem    # the first 2"
"$mi" a root/cimv2 "$cs" --result-class CIM_FileSystem | first 2

os=$("$mi" ei root/cimv2 Linux_OperatingSystem --keys-only | sed -n 's/^ *Name = "\(.*\)";$/\1/p')
proc="Linux_UnixProcess.CSCreationClassName=\"Linux_ComputerSystem\",CSName=\"$(uname -n)\",OSCreationClassName=\"Linux_OperatingSystem\",OSName=\"$os\",CreationClassName=\"Linux_UnixProcess\",Handle=\"$$\""
echo
echo "# this script is process $$; its parent is $PPID"
say "$mi" a root/cimv2 "$proc" --result-role Parent
echo
echo "\$ mi a root/cimv2 '$proc'    # summarised"
"$mi" a root/cimv2 "$proc" | grep -E '^instance of|^ *Handle =|^ *Name ='

sleep 300 &
child=$!
echo
echo "# a child process to stop: sleep 300, process $child"
say "$mi" iv root/cimv2 "${proc/Handle=\"$$\"/Handle=\"$child\"}" SendSignal Signal=15
status=0
wait "$child" || status=$?
echo "(sleep ended with status $status = 128 + SIGTERM)"
