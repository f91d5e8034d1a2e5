#!/bin/sh
# cli_sub_test.sh MI_BINARY SHARED_DIR PROVIDER_MODULE PROVIDER_MOF - `mi sub`: the
# indication provider of tests/engine (TSTI_Event: Seq 0, 1, 2, ... 200 us apart once
# subscribed) registered in a fresh repository; each check runs `mi sub` and compares
# what it printed and its exit status. Exit 0 when every check passes.
set -u

MI=$1
SHARED=$2
PROVIDER=$3
PROVIDER_MOF=$4
CASE=sub
# shellcheck source=../cli_lib.sh
. "$(dirname "$0")/../cli_lib.sh"

NS=root/sub
run 0 mofcomp -n "$NS" "$SHARED/data/cim-schema/2.49.0/qualifiers.mof" "$PROVIDER_MOF"
run 0 register "$NS" "$PROVIDER" TSTI_Event TSTI_Fail

# seqs: the Seq values printed, one line.
seqs() { sed -n 's/^ *Seq = \([0-9]*\);$/\1/p' "$OUT" | tr '\n' ' '; }

# The first indications, in order; --max ends the command with status 0.
run 0 sub "$NS" "SELECT * FROM TSTI_Event" --max 3
[ "$(seqs)" = "0 1 2 " ] || fail "--max 3 printed Seq '$(seqs)', expected '0 1 2 '"
[ "$(grep -c '^instance of TSTI_Event$' "$OUT")" -eq 3 ] || fail "not 3 TSTI_Event blocks"
err_empty

# WHERE and projection (the provider ignores filters: the engine applies them)
run 0 sub "$NS" "SELECT Seq FROM TSTI_Event WHERE Seq >= 5 AND Seq < 100" --max 2
[ "$(seqs)" = "5 6 " ] || fail "WHERE Seq >= 5 printed '$(seqs)'"
out_lacks "Tag ="

run 0 sub "$NS" "SELECT * FROM TSTI_Event" --max 4 --count
out_is "4"
run 0 sub "$NS" "SELECT * FROM TSTI_Event" --max 2 --json
out_has '"@class":"TSTI_Event"'
[ "$(grep -c '"Seq":' "$OUT")" -eq 2 ] || fail "--json --max 2 did not print 2 objects"

# --timeout ends a subscription normally (status 0), here with nothing selected.
t0=$(date +%s)
run 0 --timeout 0.5 sub "$NS" "SELECT * FROM TSTI_Event WHERE Seq > 4000000000"
[ ! -s "$OUT" ] || fail "a subscription that selects nothing printed something"
[ $(( $(date +%s) - t0 )) -le 10 ] || fail "--timeout 0.5 took more than 10 s"

# A signal (SIGINT from Ctrl-C, or SIGTERM) ends it normally too. SIGTERM here: a
# non-interactive shell starts background commands with SIGINT ignored.
"$MI" sub "$NS" "SELECT * FROM TSTI_Event WHERE Seq > 4000000000" >"$OUT" 2>"$ERR" &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" -eq 0 ] || fail "mi sub after SIGTERM exited $status, expected 0"

# Errors: exit 1 with the MI_Result and the server's message.
run 1 sub "$NS" "SELECT * FROM TSTI_Fail"
err_has "MI_RESULT_ACCESS_DENIED"
err_has "subscribe refused"
run 1 sub "$NS" "SELECT * FROM TSTI_Plain"
err_has "MI_RESULT_INVALID_CLASS"
run 1 sub "$NS" "SELECT * FROM TSTI_Event" --dialect XQL
err_has "MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED"
run 1 sub "$NS" "SELECT * FROM TSTI_Event WHERE"
err_has "MI_RESULT_INVALID_QUERY"
run 2 sub "$NS"
run 2 sub "$NS" "SELECT * FROM TSTI_Event" --max 0

finish
