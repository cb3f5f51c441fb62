#!/usr/bin/env bash
# A server of one thread per connection: CLIENTS clients at once (default 50), each making
# ROUNDS round trips (default 2,000) of 100 bytes, every byte checked by the client
# (bench/echofloor clients). The server is bench/thread-server.scm under foment-ls and, when
# `foment` is on PATH, under real Foment; "floor" is the same server in Go with a thread per
# connection and blocking system calls (echofloor threadserver). Each line: the median and the
# fastest wall time of the client, and the median CPU time (user + system) of the server.
#   bench/threads.sh [RUNS [CLIENTS [ROUNDS]]]    (default 7 runs)
#
# The floor is a fair one: each of its goroutines makes raw blocking read(2) and write(2) calls
# on its connection (golang.org/x/sys/unix, not Go's network poller) with one buffer, and does
# nothing else. The same server in C (a pthread per connection, blocking read and write, gcc -O2)
# measured the same, in one session at load 8 on this 2-core machine: C 1868 ms wall and 1390 ms
# server CPU, Go 1854 and 1450. Almost all of its CPU is the kernel's (loopback TCP, waking the
# peer): about 12 µs per round trip. The clients run on the same two cores, so the wall time is
# theirs as much as the server's. The floor is therefore 0.7–0.8× Foment here (2026-12-01:
# floor 1357 ms, Foment 1748 ms), and a goal of 0.7× Foment would be below what system calls
# alone reach; the reachable aim is the floor. Measured with Go servers of the same shape, a
# non-blocking receive after poll(2) costs 3–4 µs of CPU more per round trip than a blocking
# one, and a lock held between the calls (as the interpreter lock is) about 2 µs more.
# FOMENT_LS=path runs another build of foment-ls (to compare revisions).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7} clients=${2:-50} rounds=${3:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${FOMENT_LS:-}" ]; then cp "$FOMENT_LS" "$tmp/foment-ls"; else go build -o "$tmp/foment-ls" ./cmd/foment-ls; fi
go build -o "$tmp/echofloor" ./bench/echofloor

names=(floor foment-ls)
cmds=("$tmp/echofloor threadserver PORT $clients" "$tmp/foment-ls run bench/thread-server.scm PORT $clients")
if command -v foment > /dev/null; then
  names+=(foment)
  cmds+=("foment bench/thread-server.scm PORT $clients")
else
  echo "(foment is not on PATH: no comparison)"
fi
declare -A wall=() cpu=()
for _ in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    p=$("$tmp/echofloor" port)
    cmd=${cmds[$i]//PORT/$p}
    /usr/bin/time -o "$tmp/server" -f '%U %S' $cmd > /dev/null & spid=$!
    for _ in $(seq 200); do ss -Hltn "sport = :$p" | grep -q . && break; sleep 0.01; done
    t0=$(date +%s%N)
    out=$("$tmp/echofloor" clients "$p" "$clients" "$rounds" 100)
    t1=$(date +%s%N)
    wait "$spid"
    [ "$out" = $((clients * rounds * 100)) ] || { echo "${names[$i]}: the client got $out bytes" >&2; exit 1; }
    wall[${names[$i]}]+="$(( (t1 - t0) / 1000000 )) "
    cpu[${names[$i]}]+="$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$tmp/server") "
  done
done
echo "$clients clients × $rounds round trips of 100 bytes, a server thread per client; $runs runs; $(uptime | sed 's/.*load/load/')"
for n in "${names[@]}"; do
  read -r med fast < <(echo "${wall[$n]}" | tr ' ' '\n' | grep . | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)], t[1] }')
  c=$(echo "${cpu[$n]}" | tr ' ' '\n' | grep . | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  printf '%-10s median %5d ms   fastest %5d ms   server CPU %5d ms\n' "$n" "$med" "$fast" "$c"
done
