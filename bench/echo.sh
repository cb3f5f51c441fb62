#!/usr/bin/env bash
# Socket throughput: a Scheme echo server and client in two processes moving 128 MiB each way
# in 64 KiB blocks over loopback (bench/echo-server.scm, bench/echo-client.scm); and latency:
# 20,000 messages of 16 bytes, one at a time. Each line is
# one way of writing the programs, run RUNS times: the median and the fastest wall time of the
# client. Real Foment runs the same programs when `foment` is on PATH; "floor" is the same
# transfer with raw system calls and one buffer (bench/echofloor), as fast as it gets here.
#   bench/echo.sh [RUNS]        (default 9)
# For latency the Go floor is not the lowest: each of its blocking reads goes through Go's
# system-call entry and exit, and the same client and server in C (blocking read and write,
# gcc -O2) moved the 20,000 small messages in 308 ms against its 379 (medians of 5, one session,
# load 4.7, 2026-12-01); Foment's 327 ms is near the C figure.
# "a new slice per read" is the floor with the allocation a recv-socket program makes (a new 64
# KiB slice per read, GOGC=400): zeroing it, the page faults of a heap that grows to the
# collector's goal (about 4,450 per process against 250) and the collector cost 25-35% there
# (pingpong 172 ms against 137, window 112 against 85, medians of 7 interleaved, load 0.7,
# 2026-12-01). docs/architecture.md (Sockets) says where the rest of foment-ls's time goes.
# FOMENT_LS=path runs another build of foment-ls (to compare revisions); ONLY=foment-ls skips
# Foment and the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${FOMENT_LS:-}" ]; then cp "$FOMENT_LS" "$tmp/foment-ls"; else go build -o "$tmp/foment-ls" ./cmd/foment-ls; fi
go build -o "$tmp/echofloor" ./bench/echofloor


# measure NAME SERVER-COMMAND -- CLIENT-COMMAND: PORT in either is replaced by a free port.
measure() {
  local name=$1; shift
  local srv=() cli=()
  while [ "$1" != "--" ]; do srv+=("$1"); shift; done; shift
  cli=("$@")
  local times=()
  for _ in $(seq "$runs"); do
    local p; p=$("$tmp/echofloor" port)
    "${srv[@]/PORT/$p}" > /dev/null & local spid=$!
    # wait until the server listens (a test connection would be the one it accepts)
    for _ in $(seq 200); do ss -Hltn "sport = :$p" | grep -q . && break; sleep 0.01; done
    local t0 t1
    t0=$(date +%s%N)
    "${cli[@]/PORT/$p}" > /dev/null
    t1=$(date +%s%N)
    wait "$spid" || true
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '
    { t[NR] = $1 } END { printf "%-38s median %4d ms   fastest %4d ms\n", name, t[int((NR + 1) / 2)], t[1] }'
}

fls="$tmp/foment-ls run"
srv=bench/echo-server.scm cli=bench/echo-client.scm
echo "128 MiB each way in 64 KiB blocks (small: 20,000 messages of 16 bytes), two processes, $runs runs each; $(uptime | sed 's/.*load/load/')"
[ "${ONLY:-}" = foment-ls ] || measure "floor: window" "$tmp/echofloor" server PORT -- "$tmp/echofloor" client PORT window
[ "${ONLY:-}" = foment-ls ] || measure "floor: pingpong" "$tmp/echofloor" server PORT -- "$tmp/echofloor" client PORT pingpong
[ "${ONLY:-}" = foment-ls ] || measure "floor: window, a new slice per read" env ECHOFLOOR_ALLOC=1 "$tmp/echofloor" server PORT -- env ECHOFLOOR_ALLOC=1 "$tmp/echofloor" client PORT window
[ "${ONLY:-}" = foment-ls ] || measure "floor: pingpong, a new slice per read" env ECHOFLOOR_ALLOC=1 "$tmp/echofloor" server PORT -- env ECHOFLOOR_ALLOC=1 "$tmp/echofloor" client PORT pingpong
[ "${ONLY:-}" = foment-ls ] || measure "floor: small messages" "$tmp/echofloor" server PORT -- "$tmp/echofloor" client PORT small
for impl in foment-ls foment; do
  if [ $impl = foment ]; then
    [ "${ONLY:-}" = foment-ls ] && break
    command -v foment > /dev/null || { echo "(foment is not on PATH: no comparison)"; break; }
    run=foment
  else
    run=$fls
  fi
  measure "$impl: window (recv-socket)" $run $srv PORT -- $run $cli PORT window
  measure "$impl: pingpong (recv-socket)" $run $srv PORT -- $run $cli PORT pingpong
  measure "$impl: buffer (read-bytevector!)" $run $srv PORT buffer -- $run $cli PORT buffer
  measure "$impl: small messages" $run $srv PORT -- $run $cli PORT small
  # Foment cannot run the duplex client: its threads stall while one waits in recv.
  [ $impl = foment ] || measure "$impl: duplex (two threads)" $run $srv PORT -- $run $cli PORT duplex
done
