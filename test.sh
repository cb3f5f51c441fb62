#!/usr/bin/env bash
# The project's test command: what CI runs and what a newcomer runs. It installs what the
# end-to-end tests need (Node packages, Neovim) on first use, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

echo "== go vet"
go vet ./...

echo "== go test"
go test -count=1 ./...

if [ -x editors/test.sh ]; then
  echo "== editor end-to-end tests"
  editors/test.sh
fi
