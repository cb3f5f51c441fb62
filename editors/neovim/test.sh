#!/usr/bin/env bash
# Runs headless Neovim with the shipped foment-ls.lua and its built-in LSP client against
# foment-ls (test.lua says what it checks).
#   editors/neovim/test.sh FOMENT_LS_BINARY
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/proj/.git" "$dir/other"
cat > "$dir/proj/socket.scm" <<'SCM'
(import (foment base))
(define s (make-socket *sock-stream* *af-inet* 0))
(listen-socket s)
SCM
printf '(import (scheme base))\n(define a 1)\n' > "$dir/proj/a.scm"
printf '(import (scheme base))\n(define b 2)\n' > "$dir/proj/b.scm"
printf '(import (scheme base))\n(define c 3)\n' > "$dir/other/c.scm"
export FOMENT_LS=$bin RESULTS=$dir/results LOG=$dir/foment-ls.log HERE=$here
(cd "$dir" && timeout 120 nvim --headless -u NONE -i NONE -c "luafile $here/test.lua" > "$dir/nvim.out" 2>&1) || true
if [ ! -f "$RESULTS" ]; then
  echo "FAIL neovim: the test did not finish"
  cat "$dir/nvim.out"
  exit 1
fi
cat "$RESULTS"
! grep -q '^FAIL' "$RESULTS"
