#!/usr/bin/env bash
# What recording costs (run --record): the echo benchmark of bench/echo.sh (128 MiB each way in
# 64 KiB blocks; 20,000 messages of 16 bytes), run plain and recorded — the server recorded,
# then both ends — each line the median and fastest wall time of the client over RUNS runs,
# the plain and recorded runs alternating. Also the size of a recording, and the replay of the
# recorded server alone (no network, no client). The server's processor time is beside it (the
# machine's load moves wall times more than it).
#   bench/record.sh [RUNS]        (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/foment-ls" ./cmd/foment-ls
go build -o "$tmp/echofloor" ./bench/echofloor
fls=$tmp/foment-ls
srv=bench/echo-server.scm cli=bench/echo-client.scm

# once SERVER-FLAGS CLIENT-FLAGS MODE: one run: the client's wall time in ms on standard output,
# and the server's processor time (user and system, ms) appended to $tmp/cpu.
once() {
  local sflags=$1 cflags=$2 mode=$3 p
  p=$("$tmp/echofloor" port)
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S' -o "$tmp/time" $fls run $sflags $srv "$p" > /dev/null & local spid=$!
  for _ in $(seq 200); do ss -Hltn "sport = :$p" | grep -q . && break; sleep 0.01; done
  local t0 t1
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  $fls run $cflags $cli "$p" "$mode" > /dev/null
  t1=$(date +%s%N)
  wait "$spid" || true
  awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$tmp/time" >> "$tmp/cpu.$4"
  echo $(( (t1 - t0) / 1000000 ))
}

stats() { sort -n | awk '{ t[NR] = $1 } END { printf "median %5d ms  fastest %5d ms", t[int((NR + 1) / 2)], t[1] }'; }

echo "echo benchmark, $runs runs of each, alternating; times are the client's wall time"
for mode in window pingpong small duplex; do
  plain=() server=() both=()
  for _ in $(seq "$runs"); do
    plain+=("$(once "" "" $mode plain)")
    server+=("$(once "--record $tmp/s.rec" "" $mode server)")
    both+=("$(once "--record $tmp/s2.rec" "--record $tmp/c.rec" $mode both)")
  done
  p=$(printf '%s\n' "${plain[@]}" | stats)
  s=$(printf '%s\n' "${server[@]}" | stats)
  b=$(printf '%s\n' "${both[@]}" | stats)
  pm=$(printf '%s\n' "${plain[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  sm=$(printf '%s\n' "${server[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  bm=$(printf '%s\n' "${both[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
  cpu() { sort -n "$tmp/cpu.$1" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
  pc=$(cpu plain) sc=$(cpu server)
  printf '%-9s plain:            %s   server CPU %5d ms\n' "$mode" "$p" "$pc"
  printf '%-9s server recorded:  %s  (%s×)   server CPU %5d ms (%s×)\n' "" "$s" "$(awk -v a="$sm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')" \
    "$sc" "$(awk -v a="$sc" -v b="$pc" 'BEGIN { printf "%.2f", a / (b ? b : 1) }')"
  printf '%-9s both recorded:    %s  (%s×)\n' "" "$b" "$(awk -v a="$bm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')"
  rm -f "$tmp"/cpu.*
  size=$(stat -c %s "$tmp/s.rec")
  t0=$(date +%s%N)
  $fls run --replay "$tmp/s.rec" > /dev/null
  t1=$(date +%s%N)
  printf '%-9s the server'"'"'s recording: %d bytes; its replay alone: %d ms\n' "" "$size" $(( (t1 - t0) / 1000000 ))
done
