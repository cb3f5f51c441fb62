#!/usr/bin/env bash
# The project's test command: what CI runs (.ci/run) and what a newcomer runs.
#
#   1. go vet ./...
#   2. go test ./...          every Go test
#   3. go test -race ./...    the same under the race detector (the longest step: minutes)
#   4. editors/test.sh        the editor set-ups through real clients; it installs what they
#                             need: Node packages with `npm ci` (versions pinned by the
#                             package-lock.json files) and, when run as root on Debian,
#                             neovim, emacs-nox and elpa-eglot with apt-get
#
# It ends with one line, "tests: N passed, M failed" (Go packages in both runs, Node tests,
# Neovim and Emacs checks, the grammar and package checks), and its status: 0 when all passed.
# Everything temporary lives in one directory, removed at the end: nothing is left in /tmp.
set -uo pipefail
cd "$(dirname "$0")"
start=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/foment-ls-test.XXXXXX")
trap 'kill "$beat" 2> /dev/null; rm -rf "$work"' EXIT
beat=
export TMPDIR=$work # go test, node and the editors put their temporary files here
log=$work/log
status=0

step() { printf '\n== %s   [%d s]\n' "$*" $((SECONDS - start)); }

# heartbeat prints, every minute of a long go test run, the packages whose tests are running.
heartbeat() {
  while sleep 60; do
    running=$(ps -eo args= | awk -v dir="$work" 'index($1, dir) == 1 && $1 ~ /\.test$/ {
      n = split($1, p, "/"); sub(/\.test$/, "", p[n]); print p[n] }' | sort -u | tr '\n' ' ')
    echo "   ... $((SECONDS - start)) s: ${running:+testing }${running:-building or linking}"
  done
}

gotest() {
  heartbeat &
  beat=$!
  go test -count=1 "$@" ./... 2>&1 | tee -a "$log"
  local rc=${PIPESTATUS[0]}
  kill "$beat" 2> /dev/null
  wait "$beat" 2> /dev/null
  beat=
  return "$rc"
}

step "go vet ./..."
go vet ./... || status=1

step "go test ./..."
gotest || status=1

step "go test -race ./...  (the race detector slows the interpreter's tests most: several minutes)"
gotest -race || status=1

if [ -x editors/test.sh ]; then
  step "editors/test.sh: VS Code extension, Node clients, Neovim, Emacs"
  editors/test.sh 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
fi

node_pass=$(awk '/^# pass /{s+=$3} END{print s+0}' "$log")
node_fail=$(awk '/^# fail /{s+=$3} END{print s+0}' "$log")
go_ok=$(grep -c $'^ok  \t' "$log")
go_fail=$(grep -c $'^FAIL\t' "$log")
# Neovim, Emacs and the other editor checks print "ok   NAME" or "FAIL NAME".
editor_ok=$(grep -c '^ok   ' "$log")
editor_fail=$(grep -c '^FAIL ' "$log")
passed=$((go_ok + node_pass + editor_ok))
failed=$((go_fail + node_fail + editor_fail))
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo
echo "took $((SECONDS - start)) s"
echo "tests: $passed passed, $failed failed"
exit $status
