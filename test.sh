#!/usr/bin/env bash
# The project's test command: what CI runs and what a newcomer runs. It installs what the
# end-to-end tests need (Node packages, Neovim) on first use, then runs every test, and ends
# with one line: "tests: N passed, M failed" (Go packages, editor sessions).
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
status=0

echo "== go vet"
go vet ./... || status=1

echo "== go test"
go test -count=1 ./... 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

if [ -x editors/test.sh ]; then
  echo "== editor end-to-end tests"
  editors/test.sh 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
fi

node_pass=$(awk '/^# pass /{s+=$3} END{print s+0}' "$log")
node_fail=$(awk '/^# fail /{s+=$3} END{print s+0}' "$log")
go_ok=$(grep -c $'^ok  \t' "$log")
go_fail=$(grep -c '^FAIL' "$log")
nvim_ok=$(grep -c '^ok   ' "$log")
nvim_fail=$(grep -c '^FAIL ' "$log")
passed=$((go_ok + node_pass + nvim_ok))
failed=$((go_fail + node_fail + nvim_fail))
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
rm -f "$log"
echo "tests: $passed passed, $failed failed"
exit $status
