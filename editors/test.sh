#!/usr/bin/env bash
# End-to-end tests of the editor integration through real clients: Microsoft's vscode-jsonrpc
# and DebugClient (npm), and Neovim's built-in client (Debian's neovim). Installs what it needs
# on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)/foment-ls
go build -o "$bin" ./cmd/foment-ls
export FOMENT_LS=$bin

echo "-- vscode-jsonrpc and DebugClient"
(cd editors/test && { { [ -d node_modules/vscode-jsonrpc ] && [ -d node_modules/@vscode/debugadapter-testsupport ]; } ||
  npm ci --no-audit --no-fund --loglevel=error; } && node --test)

if ! command -v nvim > /dev/null && command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
  echo "-- installing Neovim"
  (apt-get install -y -qq neovim > /dev/null 2>&1 || { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq neovim > /dev/null 2>&1; }) || true
fi
if command -v nvim > /dev/null; then
  echo "-- Neovim client"
  editors/neovim/test.sh "$bin"
else
  echo "-- Neovim is not available: its test is skipped"
fi
