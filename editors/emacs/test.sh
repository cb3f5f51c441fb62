#!/usr/bin/env bash
# Runs batch Emacs with the shipped foment-ls.el, eglot and flymake against foment-ls
# (test.el says what it checks).
#   editors/emacs/test.sh FOMENT_LS_BINARY
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/proj/.git" "$dir/other/.git"
cat > "$dir/proj/socket.scm" <<'SCM'
(import (foment base))
(define s (make-socket *sock-stream* *af-inet* 0))
(listen-socket s)
SCM
echo '((scheme-mode . ((foment-ls-auto-start . t))))' > "$dir/proj/.dir-locals.el"
printf '(import (scheme base))\n(define x 1)\n' > "$dir/other/plain.scm"
mkdir "$dir/stubs"
printf '(defvar dape-configs nil)\n(provide (quote dape))\n' > "$dir/stubs/dape.el"
export FOMENT_LS=$bin RESULTS=$dir/results LOG=$dir/foment-ls.log HERE=$here PROJ=$dir/proj OTHER=$dir/other STUBS=$dir/stubs
# -q and HOME in the temporary directory: no init file of the user's, nothing left behind; the
# site start-up (Debian's, which makes elpa-eglot available) runs, as in a user's Emacs.
(cd "$dir" && HOME=$dir timeout 120 emacs --batch -q -l "$here/test.el" > "$dir/emacs.out" 2>&1) || true
if [ ! -f "$RESULTS" ]; then
  echo "FAIL emacs: the test did not finish"
  cat "$dir/emacs.out"
  exit 1
fi
cat "$RESULTS"
! grep -q '^FAIL' "$RESULTS"
