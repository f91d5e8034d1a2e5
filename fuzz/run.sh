#!/bin/sh
# run.sh BUILD_DIR SECONDS - runs every libFuzzer target of BUILD_DIR (a build made
# with CC=clang -DMI_FUZZ=ON) for SECONDS each, starting from the seed corpora in
# fuzz/corpus/. fuzz_mof also gets the shared MOF files (shared/data, see
# MI_SHARED_DIR) as a second seed directory; they are copied to a temporary folder
# first, because libFuzzer writes into the corpus folders it is given.
#
# Everything runs in a fresh temporary directory (the working directory of the fuzzers,
# so a MOF "#pragma include" with a relative name finds nothing, and where crash
# artifacts land). Exits 0 when no target found anything; otherwise prints each
# finding's reproducer path and exits 1 (the temporary directory is then kept).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILD_DIR SECONDS" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd) || exit 2
SECONDS_EACH=$2
case $SECONDS_EACH in
'' | *[!0-9]*) echo "run.sh: SECONDS must be a number" >&2; exit 2 ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${MI_SHARED_DIR:-$(cd "$HERE/../../shared" 2>/dev/null && pwd)}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mi-fuzz.XXXXXX") || exit 1
status=0

# halt_on_error: a UBSan report must stop the run like a crash does.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1"

run_target() {
    name=$1
    shift
    exe=$BUILD/fuzz/$name
    if [ ! -x "$exe" ]; then
        echo "run.sh: $exe not found (configure with CC=clang -DMI_FUZZ=ON)" >&2
        status=1
        return
    fi
    mkdir -p "$WORK/$name/corpus" "$WORK/$name/artifacts" "$WORK/$name/cwd"
    cp -R "$HERE/corpus/${name#fuzz_}/." "$WORK/$name/corpus/"
    echo "== $name: $SECONDS_EACH s"
    (cd "$WORK/$name/cwd" &&
        "$exe" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$WORK/$name/artifacts/" \
            "$WORK/$name/corpus" "$@") >"$WORK/$name/log" 2>&1
    rc=$?
    tail -n 15 "$WORK/$name/log"
    found=$(find "$WORK/$name/artifacts" -type f | head -n 20)
    if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
        echo "!! $name: finding (exit status $rc); log: $WORK/$name/log"
        for f in $found; do
            echo "!! reproducer: $f"
        done
        status=1
    fi
}

# Extra MOF seeds: the shared schema and product MOFs, copied (read-only originals).
extra=""
if [ -n "$SHARED" ] && [ -d "$SHARED/data" ]; then
    extra=$WORK/mof-shared
    mkdir -p "$extra"
    i=0
    find "$SHARED/data/cim-schema" "$SHARED/data/mof-extra" -type f -name '*.mof' |
        while read -r f; do
            i=$((i + 1))
            cp "$f" "$extra/$i-$(basename "$f")"
        done
    chmod -R u+w "$extra"
else
    echo "run.sh: shared data not found (set MI_SHARED_DIR); fuzz_mof uses its own seeds only"
fi

if [ -n "$extra" ]; then
    run_target fuzz_mof "$extra" -max_len=65536
else
    run_target fuzz_mof -max_len=65536
fi
run_target fuzz_path -max_len=4096
run_target fuzz_repo_blob -max_len=65536
run_target fuzz_cli_value -max_len=4096
run_target fuzz_wql -max_len=8192
run_target fuzz_xml_deserializer -max_len=65536

if [ "$status" -eq 0 ]; then
    echo "run.sh: no findings"
    rm -rf "$WORK"
else
    echo "run.sh: findings kept in $WORK"
fi
exit "$status"
