#!/usr/bin/env bash
# The language server's latency on the 10,011-line socket program, as an editor sees it:
# Microsoft's vscode-jsonrpc client (editors/test's, installed here when missing) drives
# `foment-ls lsp` over stdio (bench/lsp-latency.mjs). Two sessions: requests back to back, and
# at typing pace (300 ms between them, so that the flow analysis runs in the pauses and every
# publication carries its 715 findings, 150 KB of JSON).
#   bench/lsp.sh [ROUNDS]        (default 60)
# FOMENT_LS=path runs another build; BARE=1 makes a client that declares no capabilities.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${FOMENT_LS:-}" ]; then cp "$FOMENT_LS" "$tmp/foment-ls"; else go build -o "$tmp/foment-ls" ./cmd/foment-ls; fi
go run ./bench/gensrc -kind sockets -n 10000 > "$tmp/big.scm"
[ -d editors/test/node_modules/vscode-jsonrpc ] || (cd editors/test && npm ci --silent --no-audit --no-fund)
echo "$(uptime | sed 's/.*load/load/')"
FOMENT_LS="$tmp/foment-ls" node bench/lsp-latency.mjs "$tmp/big.scm" "$rounds" 0
FOMENT_LS="$tmp/foment-ls" node bench/lsp-latency.mjs "$tmp/big.scm" "$((rounds / 2))" 300
