#!/usr/bin/env bash
# `foment-ls check` over a whole tree of library files, as issue 13 measures it: chibi-scheme's
# lib (539 files, 86,307 lines), checked from the tree's root with every .sld and .scm named.
# Each run prints wall, user and system time, peak resident memory and page faults; with
# BEFORE=path (another build of foment-ls), the two builds alternate, run by run, so that both
# see the same load.
#   bench/checktree.sh [RUNS] [TREE]       (default 5 runs, /tmp/corpus/chibi-scheme)
# FOMENT_LS=path measures another build instead of building this one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tree=${2:-/tmp/corpus/chibi-scheme}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${FOMENT_LS:-}
if [ -z "$bin" ]; then
  go build -o "$tmp/foment-ls" ./cmd/foment-ls
  bin=$tmp/foment-ls
fi
cd "$tree"
mapfile -t files < <(find lib \( -name '*.sld' -o -name '*.scm' \) | sort)
echo "${#files[@]} files, $(cat "${files[@]}" | wc -l) lines; load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-8s %8s %8s %8s %9s %8s\n' build wall-s user-s sys-s peak-MB faults
for ((i = 0; i < runs; i++)); do
  for b in ${BEFORE:+before} this; do
    exe=$bin
    [ "$b" = before ] && exe=$BEFORE
    /usr/bin/time -f "%e %U %S %M %R" -o "$tmp/t" "$exe" check "${files[@]}" > /dev/null 2>&1 || true
    read -r wall user sys kb faults < <(tail -1 "$tmp/t")
    printf '%-8s %8s %8s %8s %9d %8s\n' "$b" "$wall" "$user" "$sys" $((kb / 1024)) "$faults"
  done
done
