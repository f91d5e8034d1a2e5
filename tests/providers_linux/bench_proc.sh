#!/usr/bin/env bash
# bench_proc.sh [MI_BINARY] [RUNS] - time to enumerate every process of this machine
# with `mi` (full instances and keys only) beside `ps -e -o pid,ppid,comm,rss`, in one
# run on the same machine. Each command runs RUNS times (default 30) after one warm-up
# run, output to /dev/null, on a fresh repository in a temporary folder (set up by
# the warm-up). Uses hyperfine when installed; else times each run with date +%s%N
# and prints the median and the mean in milliseconds, and the process count.
set -euo pipefail

MI=${1:-build/tools/mi/mi}
RUNS=${2:-30}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export MI_REPOSITORY=$TMP/repo.db
unset MI_SCHEMA_FILE

full=("$MI" ei root/cimv2 Linux_UnixProcess --count)
keys=("$MI" ei root/cimv2 Linux_UnixProcess --keys-only --count)
mof=("$MI" ei root/cimv2 Linux_UnixProcess) # full instances printed as MOF
base=("$MI" ei root/cimv2 Linux_ComputerSystem --count) # start-up cost: one instance
ps_cmd=(ps -e -o pid,ppid,comm,rss)

"${full[@]}" >/dev/null # creates the repository and its classes
echo "processes: $("${full[@]}") (mi), $(($("${ps_cmd[@]}" | wc -l) - 1)) (ps)"
echo "machine: $(nproc) CPUs, $(uname -sr)"

if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 1 --runs "$RUNS" \
        "${base[*]}" "${full[*]}" "${keys[*]}" "${mof[*]}" "${ps_cmd[*]}"
    exit 0
fi

# time_it NAME CMD...: RUNS timed runs; prints median and mean in ms.
time_it() {
    local name=$1
    shift
    local i t0 t1
    local -a ns=()
    "$@" >/dev/null
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        "$@" >/dev/null
        t1=$(date +%s%N)
        ns+=($((t1 - t0)))
    done
    printf '%s\n' "${ns[@]}" | sort -n | awk -v name="$name" -v runs="$RUNS" '
        { v[NR] = $1; s += $1 }
        END {
            med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%-38s median %7.2f ms  mean %7.2f ms  (%d runs)\n", name, med / 1e6,
                   s / NR / 1e6, runs
        }'
}

time_it "mi ei Linux_ComputerSystem (start-up)" "${base[@]}"
time_it "mi ei Linux_UnixProcess" "${full[@]}"
time_it "mi ei Linux_UnixProcess --keys-only" "${keys[@]}"
time_it "mi ei Linux_UnixProcess (MOF out)" "${mof[@]}"
time_it "ps -e -o pid,ppid,comm,rss" "${ps_cmd[@]}"
