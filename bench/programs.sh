#!/usr/bin/env bash
# CPU time (user + system) of benchmark programs under foment-ls, beside real Foment when
# `foment` is on PATH, and beside foment-ls built at another git revision when BASE is given:
# the runs alternate, so all columns share the machine's load. Each cell is the median and the
# fastest of RUNS runs; the ratio is our median over Foment's.
#   bench/programs.sh [-r RUNS] [-b BASE] [PROGRAM.scm ...]
# Default programs: the numeric and string ones (fib, loop, fibfp, flsum, strings,
# string-index, bytevector-port). Example: bench/programs.sh -r 7 -b main bench/strings.scm
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5 base=
while getopts r:b: o; do
  case $o in
    r) runs=$OPTARG ;;
    b) base=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
progs=("$@")
[ ${#progs[@]} -gt 0 ] || progs=(bench/fib.scm bench/loop.scm bench/fibfp.scm bench/flsum.scm bench/strings.scm bench/string-index.scm bench/bytevector-port.scm)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/foment-ls" ./cmd/foment-ls
impls=("foment-ls|$tmp/foment-ls run")
if [ -n "$base" ]; then
  git worktree add -q --detach "$tmp/base" "$base"
  (cd "$tmp/base" && go build -o "$tmp/foment-ls-base" ./cmd/foment-ls)
  git worktree remove --force "$tmp/base"
  impls+=("$base|$tmp/foment-ls-base run")
fi
if command -v foment > /dev/null; then
  impls+=("foment|foment")
else
  echo "(foment is not on PATH: no comparison with Foment)"
fi

# cpu COMMAND...: prints the user+system seconds of one run.
cpu() {
  /usr/bin/time -o "$tmp/t" -f '%U %S' "$@" > /dev/null 2> "$tmp/err" || { cat "$tmp/err" >&2; return 1; }
  awk '{ printf "%.3f\n", $1 + $2 }' "$tmp/t"
}

printf '%-26s' "program ($runs runs)"
for i in "${impls[@]}"; do printf '%22s' "${i%%|*} median/min"; done
command -v foment > /dev/null && printf '%10s' "÷ foment"
echo
for p in "${progs[@]}"; do
  declare -A times=()
  for _ in $(seq "$runs"); do
    for i in "${impls[@]}"; do
      times[${i%%|*}]+="$(cpu ${i#*|} "$p") "
    done
  done
  printf '%-26s' "$(basename "$p" .scm)"
  declare -A med=()
  for i in "${impls[@]}"; do
    n=${i%%|*}
    read -r m f < <(echo "${times[$n]}" | tr ' ' '\n' | grep . | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)], t[1] }')
    med[$n]=$m
    printf '%22s' "$m / $f s"
  done
  if command -v foment > /dev/null; then
    awk -v a="${med[foment-ls]}" -v b="${med[foment]}" 'BEGIN { if (b > 0) printf "%10.2f", a / b; else printf "%10s", "-" }'
  fi
  echo
  unset times med
done
