#!/usr/bin/env bash
# Socket throughput: a Scheme echo server and client in two processes moving 128 MiB each way in
# 64 KiB blocks over loopback. Runs foment-ls, and real Foment too when `foment` is on PATH.
#   bench/echo.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bin=$(mktemp -d)/foment-ls
go build -o "$bin" ./cmd/foment-ls
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
measure() { # name server-cmd client-script
  local name=$1 run=$2 client=$3
  for i in $(seq "$runs"); do
    local p; p=$(port)
    $run bench/echo-server.scm "$p" & local spid=$!
    sleep 0.3
    local t0 t1; t0=$(date +%s.%N)
    $run "$client" "$p" > /dev/null
    t1=$(date +%s.%N)
    wait $spid || true
    printf '%-28s %.3f s\n' "$name" "$(echo "$t1 - $t0" | bc)"
  done
}
measure "foment-ls window-4 client" "$bin run" bench/echo-client.scm
measure "foment-ls duplex client" "$bin run" bench/echo-client-threads.scm
if command -v foment > /dev/null; then
  measure "foment window-4 client" foment bench/echo-client.scm
fi
