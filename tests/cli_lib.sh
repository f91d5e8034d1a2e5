# cli_lib.sh - what the shell tests of the `mi` tool share. Sourced (POSIX sh) after
# the script has set MI (the mi binary) and, optionally, CASE (a name for messages).
#
# Sets up: TMP (a fresh folder, removed at exit), MI_REPOSITORY=$TMP/repo.db (exported:
# a test never touches the user's repository), OUT and ERR (where run keeps mi's
# stdout and stderr), failures (the count so far). Provides:
#   run STATUS ARGS...   runs "$MI" ARGS..., a failure unless it exits with STATUS
#   fail MESSAGE         counts a failure, prints it with the first lines of OUT/ERR
#   out_is TEXT, out_has RE, out_lacks RE, err_is TEXT, err_has RE, err_empty
#   finish               exits 1 when something failed (printing the count), else 0

TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
REPO=$TMP/repo.db
MI_REPOSITORY=$REPO
export MI_REPOSITORY
unset XDG_DATA_HOME
OUT=$TMP/out
ERR=$TMP/err
: >"$OUT"
: >"$ERR"
failures=0

fail() {
    echo "FAIL${CASE:+ [$CASE]}: $*"
    echo "--- stdout (first 20 lines):"; head -n 20 "$OUT"
    echo "--- stderr (first 20 lines):"; head -n 20 "$ERR"
    failures=$((failures + 1))
}

run() {
    want_status=$1
    shift
    "$MI" "$@" >"$OUT" 2>"$ERR"
    got_status=$?
    [ "$got_status" -eq "$want_status" ] ||
        fail "mi $* exited $got_status, expected $want_status"
}

out_is() { [ "$(cat "$OUT")" = "$1" ] || fail "stdout is not '$1'"; }
out_has() { grep -q -e "$1" "$OUT" || fail "stdout lacks '$1'"; }
out_lacks() { ! grep -q -e "$1" "$OUT" || fail "stdout has '$1'"; }
err_is() { [ "$(cat "$ERR")" = "$1" ] || fail "stderr is not '$1'"; }
err_has() { grep -q -e "$1" "$ERR" || fail "stderr lacks '$1'"; }
err_empty() { [ ! -s "$ERR" ] || fail "stderr is not empty"; }

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s)${CASE:+ in case $CASE}"
        exit 1
    fi
    echo "PASS${CASE:+ [$CASE]}"
    exit 0
}
