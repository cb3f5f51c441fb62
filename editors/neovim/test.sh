#!/usr/bin/env bash
# Runs Neovim headless with its built-in LSP client against foment-ls.
#   editors/neovim/test.sh FOMENT_LS_BINARY
set -euo pipefail
bin=$1
dir=$(mktemp -d)
cat > "$dir/socket.scm" <<'SCM'
(import (foment base))
(define s (make-socket *sock-stream* *af-inet* 0))
(listen-socket s)
SCM
export FOMENT_LS=$bin RESULTS=$dir/results
here=$(cd "$(dirname "$0")" && pwd)
(cd "$dir" && timeout 60 nvim --headless -u NONE -c "luafile $here/test.lua" socket.scm > /dev/null 2>&1) || true
if [ ! -f "$RESULTS" ]; then
  echo "Neovim test did not finish"
  exit 1
fi
cat "$RESULTS"
! grep -q '^FAIL' "$RESULTS"
