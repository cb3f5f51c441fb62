#!/usr/bin/env bash
# Reader, analyzer and program loading on generated sources (bench/gen): the peak memory and
# time of `foment-ls check` on large and hostile files, and the time of `foment-ls run` on
# programs of many small definitions and checks, beside real Foment when it is on PATH.
#   bench/reader.sh [RUNS]          (default 3; the median of RUNS runs for the loading times)
# FOMENT_LS=path measures another build of foment-ls (e.g. an older one, for before/after);
# FOMENT=path names the Foment binary. Each check runs with a virtual memory limit of
# LIMIT_KB (default 8 GB) and a 120 s timeout, so that a runaway build cannot take the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
limit=${LIMIT_KB:-8000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${FOMENT_LS:-}
if [ -z "$bin" ]; then
  go build -o "$tmp/foment-ls" ./cmd/foment-ls
  bin=$tmp/foment-ls
fi
foment=${FOMENT:-$(command -v foment || true)}
go build -o "$tmp/gensrc" ./bench/gensrc
g=$tmp/gensrc
$g -kind code -size 5000000 > "$tmp/code-5MB.scm"
$g -kind code -size 50000000 > "$tmp/code-50MB.scm"
$g -kind numbers -size 10000000 > "$tmp/numbers-10MB.scm"
$g -kind nested -n 10002 > "$tmp/nested-lists.scm"
$g -kind nested -n 10002 -open '#(' > "$tmp/nested-vectors.scm"
$g -kind nested -n 10002 -open '`(' > "$tmp/nested-quasiquote.scm"
$g -kind comments -n 100000 > "$tmp/datum-comments-100k.scm"
$g -kind load -n 5000 > "$tmp/load-5000.scm"
$g -kind tests -n 2000 > "$tmp/tests-2000.scm"

# peak COMMAND...: wall seconds, CPU seconds (user+sys), peak RSS in KB and exit status of one
# run (check exits 1 when it reports errors, 2 when it cannot read a file or a Go "out of
# memory" ends it at the limit; 124 is the timeout)
peak() {
  local out=$tmp/time.out status
  set +e
  (ulimit -v "$limit"; timeout 120 /usr/bin/time -f '%e %U %S %M' -o "$out" "$@" > /dev/null 2>&1)
  status=$?
  set -e
  echo "$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out" | tail -1 | awk '{ print $1, $2 + $3, $4 }' || echo '- - 0') $status"
}

# check refuses files over 8 MiB unless told otherwise (builds that have the limit).
sizeflag=
if "$bin" check -h 2>&1 | grep -q max-file-size; then sizeflag="-max-file-size 100000000"; fi

printf '%-24s %10s %8s %8s %9s %9s %5s\n' "check" "source" "wall s" "cpu s" "peak MB" "× source" "exit"
for f in code-5MB code-50MB numbers-10MB nested-lists nested-vectors nested-quasiquote datum-comments-100k; do
  size=$(stat -c %s "$tmp/$f.scm")
  read -r t c kb status <<< "$(peak "$bin" check $sizeflag "$tmp/$f.scm")"
  awk -v n="$f" -v s="$size" -v t="$t" -v c="$c" -v kb="$kb" -v st="$status" \
    'BEGIN { printf "%-24s %10d %8s %8s %9.1f %9.1f %5s\n", n, s, t, c, kb / 1024, kb * 1024 / s, st }'
done

# median COMMAND...: the median wall time and the median CPU time (user+sys) of RUNS runs, in
# seconds (on a busy machine the CPU time is the steadier figure)
median() {
  local ws=() cs=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$tmp/run.out" "$@" > /dev/null 2>&1 || true
    read -r w u s < <(tail -1 "$tmp/run.out")
    ws+=("$w")
    cs+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
  done
  printf '%s %s\n' "$(printf '%s\n' "${ws[@]}" | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')" \
    "$(printf '%s\n' "${cs[@]}" | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')"
}

echo
printf '%-24s %22s %22s %16s\n' "run (median of $runs)" "foment-ls wall/cpu s" "foment wall/cpu s" "ratio wall/cpu"
for f in load-5000 tests-2000; do
  read -r ow oc <<< "$(median "$bin" run "$tmp/$f.scm")"
  if [ -n "$foment" ]; then
    read -r fw fc <<< "$(median "$foment" "$tmp/$f.scm")"
    awk -v n="$f" -v ow="$ow" -v oc="$oc" -v fw="$fw" -v fc="$fc" \
      'BEGIN { printf "%-24s %11.2f %10.2f %11.2f %10.2f %8.2f %7.2f\n", n, ow, oc, fw, fc, ow / fw, (fc > 0 ? oc / fc : 0) }'
  else
    printf '%-24s %11.2f %10.2f\n' "$f" "$ow" "$oc"
  fi
done
