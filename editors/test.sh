#!/usr/bin/env bash
# End-to-end tests of the editor set-ups through real clients, each on the file as shipped:
#   - VS Code: the grammar (vscode-tmgrammar-test), the .vsix (@vscode/vsce, its file list), the
#     extension's bundle activated in Node with a stand-in vscode module and the real
#     vscode-languageclient (editors/vscode/test);
#   - Microsoft's vscode-jsonrpc and DebugClient driving foment-ls lsp and dap (editors/test);
#   - headless Neovim with foment-ls.lua (editors/neovim/test.sh);
#   - batch Emacs with foment-ls.el, eglot and flymake (editors/emacs/test.sh);
#   - tshark reading a capture of run --pcap.
# It installs what they need: the Node packages with `npm ci` (versions pinned by each
# package-lock.json; again only when a lock file changed), and, when run as root where apt-get
# is, Debian's neovim, emacs-nox, elpa-eglot and tshark. Lines "ok   NAME" and "FAIL NAME",
# and node's TAP summaries, are what test.sh counts.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
say() { echo "-- $*"; }
fail() { echo "FAIL $*"; status=1; }

say "building foment-ls"
go build -o "$tmp/foment-ls" ./cmd/foment-ls || exit 1
export FOMENT_LS=$tmp/foment-ls

# npm_ci DIR installs DIR's Node packages as its lock file says, unless they already are.
npm_ci() {
  local dir=$1 stamp=$1/node_modules/.foment-ls-lock
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return 0; fi
  say "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) && cp "$dir/package-lock.json" "$stamp"
}

# apt_install PACKAGE... installs the Debian packages that are missing (root and apt-get only).
apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} = 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
    say "${missing[*]} not installed (that takes root and apt-get): skipping what needs them"
    return 2
  fi
  say "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; } > "$tmp/apt.log" 2>&1 ||
    { cat "$tmp/apt.log"; return 1; }
}

say "VS Code extension: install, bundle, grammar, package, activation"
if npm_ci editors/vscode; then
  (cd editors/vscode && npm run --silent build) || fail "vscode: esbuild bundle"
  for t in editors/vscode/test/grammar/*.scm; do
    if out=$(cd editors/vscode && npx --no-install vscode-tmgrammar-test -c "${t#editors/vscode/}" 2>&1) &&
      ! grep -q ERROR <<< "$out"; then
      echo "ok   vscode grammar: $(basename "$t")"
    else
      echo "$out" | head -40
      fail "vscode grammar: $(basename "$t")"
    fi
  done
  (cd editors/vscode && node --test test/*.test.js) || status=1
else
  fail "vscode: npm ci"
fi

say "vscode-jsonrpc and DebugClient"
if npm_ci editors/test; then
  (cd editors/test && node --test) || status=1
else
  fail "editors/test: npm ci"
fi

# A capture written by run --pcap, read by Wireshark's own reader: tshark follows each TCP
# stream to the bytes sent (interp/record's TestCaptureTCP, which uses tshark when it is here).
say "tshark: a capture read by Wireshark's reader"
apt_install tshark
case $? in
  0)
    if go test -count=1 -v -run 'TestCapture' ./interp/record/ > "$tmp/tshark.log" 2>&1 &&
      ! grep -q "tshark is not installed" "$tmp/tshark.log"; then
      echo "ok   tshark reads a capture: $(dpkg-query -W -f '${Version}' tshark)"
    else
      tail -40 "$tmp/tshark.log"
      fail "tshark reads a capture"
    fi
    ;;
  1) fail "tshark: installing it" ;;
esac

for editor in neovim emacs; do
  case $editor in
    neovim) packages=(neovim) ;;
    emacs) packages=(emacs-nox elpa-eglot) ;;
  esac
  apt_install "${packages[@]}"
  case $? in
    0)
      say "$editor: $(dpkg-query -W -f '${Package} ${Version}  ' "${packages[@]}")"
      editors/$editor/test.sh "$FOMENT_LS" || status=1
      ;;
    1) fail "$editor: installing ${packages[*]}" ;;
  esac
done
exit $status
