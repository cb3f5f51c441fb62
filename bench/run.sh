#!/usr/bin/env bash
# The classic programs (bench/classic/*.scm: tak, ack, cpstak, ctak, fib, fibfp, nqueens, deriv,
# destruc, diviter, fft, mbrot, earley, nboyer, sboyer, lattice, graphs, maze, peval, conform,
# compiler, string, bytevector), under foment-ls and, when `foment` is on PATH, under real
# Foment: CPU time (user + system) and wall time, medians of RUNS runs that alternate between
# the implementations so that both share the machine's load, and peak memory (maximum
# resident set). Every run's output is checked against the program's #|output block; a
# wrong answer is reported and fails the script.
#
#   bench/run.sh [-r RUNS] [PROGRAM.scm ...]
#   bench/run.sh [-r RUNS] -x R7RS-BENCHMARKS-DIR [-d DIVISOR] [-f] [NAME ...]
#
# -x runs the public r7rs-benchmarks programs (github.com/ecraven/r7rs-benchmarks) from a copy
# of that repository instead: each is put together as its own script does for Foment
# (src/Foment-prelude.scm, src/NAME.scm, src/common.scm, the postludes) and reads its input
# on standard input; the program checks its own result. Their inputs are sized for compilers
# (fib 40, tak 40 20 11): the programs whose input is one iteration of such a size read a
# smaller one of ours from bench/r7rs-inputs/ instead (-f: the repository's inputs for all),
# and -d divides each input's first number, its count of iterations, by DIVISOR. NAMEs pick
# programs (default: those the classic set has, where the repository has them).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3 ext= divisor=1 full=
while getopts r:x:d:f o; do
  case $o in
    r) runs=$OPTARG ;;
    x) ext=$(cd "$OPTARG" && pwd) ;;
    d) divisor=$OPTARG ;;
    f) full=1 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/foment-ls" ./cmd/foment-ls
impls=("foment-ls|$tmp/foment-ls run")
if command -v foment > /dev/null; then
  impls+=("foment|foment")
else
  echo "(foment is not on PATH: no comparison with Foment)"
fi

# The programs: NAME|FILE|INPUT|EXPECTED-OUTPUT-FILE ("" when the program checks itself).
progs=()
if [ -z "$ext" ]; then
  files=("$@")
  [ ${#files[@]} -gt 0 ] || files=(bench/classic/*.scm)
  for f in "${files[@]}"; do
    n=$(basename "$f" .scm)
    # the expected output: the text between "#|output" and "|#"
    awk '/^#\|output$/ { on = 1; next } on && /^\|#$/ { exit } on' "$f" > "$tmp/$n.expected"
    progs+=("$n|$f|/dev/null|$tmp/$n.expected")
  done
else
  names=("$@")
  [ ${#names[@]} -gt 0 ] || names=(tak ack cpstak ctak fib fibfp nqueens deriv destruc diviter fft
    mbrot earley nboyer sboyer lattice graphs maze peval conform compiler string)
  for n in "${names[@]}"; do
    [ -f "$ext/src/$n.scm" ] || { echo "($n: not in $ext/src)"; continue; }
    parts=()
    for p in "$ext/src/Foment-prelude.scm" "$ext/src/$n.scm" "$ext/src/common.scm" \
             "$ext/src/Foment-postlude.scm" "$ext/src/common-postlude.scm"; do
      [ -f "$p" ] && parts+=("$p")
    done
    cat "${parts[@]}" > "$tmp/$n.scm"
    in=$ext/inputs/$n.input
    [ -z "$full" ] && [ -f "bench/r7rs-inputs/$n.input" ] && in=bench/r7rs-inputs/$n.input
    # the first number of the input is the count of iterations
    awk -v d="$divisor" 'done == 0 && /^[ \t]*[0-9]+[ \t]*$/ { n = int($1 / d); if (n < 1) n = 1; print n; done = 1; next } { print }' \
      "$in" > "$tmp/$n.input"
    progs+=("$n|$tmp/$n.scm|$tmp/$n.input|")
  done
fi

# measure OUT-PREFIX COMMAND...: one run; writes the output to OUT-PREFIX.out and prints
# "cpu-seconds wall-seconds peak-kilobytes".
measure() {
  local out=$1; shift
  /usr/bin/time -o "$out.time" -f '%U %S %e %M' "$@" < "$input" > "$out.out" 2> "$out.err" || true
  awk 'END { printf "%.3f %.3f %d\n", $1 + $2, $3, $4 }' "$out.time"
}

# check OUT-PREFIX: "ok", or what is wrong
check() {
  local out=$1
  if [ -n "$expected" ]; then
    cmp -s "$out.out" "$expected" && { echo ok; return; }
  elif grep -q '+!CSVLINE!+' "$out.out" && ! grep -q 'INCORRECT\|ERROR' "$out.out"; then
    echo ok; return
  fi
  echo "WRONG"
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }

echo "$(uptime | sed 's/.*load/load/'), $(nproc) cores; $runs runs each, alternating"
printf '%-12s' "program"
for i in "${impls[@]}"; do printf '%28s' "${i%%|*}: cpu  wall   peak"; done
[ ${#impls[@]} -gt 1 ] && printf '%9s' "cpu ÷ F"
echo
failed=0
for p in "${progs[@]}"; do
  IFS='|' read -r name file input expected <<< "$p"
  declare -A cpu=() wall=() peak=() ok=()
  for r in $(seq "$runs"); do
    for i in "${impls[@]}"; do
      n=${i%%|*}
      read -r c w k < <(measure "$tmp/run" ${i#*|} "$file")
      cpu[$n]+="$c " wall[$n]+="$w " peak[$n]+="$k "
      v=$(check "$tmp/run")
      if [ "$v" != ok ]; then
        ok[$n]=$v
        cp "$tmp/run.out" "$tmp/$name.$n.wrong"
        { echo "$name under $n: output differs from the expected"; head -c 2000 "$tmp/run.out"; head -c 2000 "$tmp/run.err"; } >&2
      fi
    done
  done
  printf '%-12s' "$name"
  declare -A med=()
  for i in "${impls[@]}"; do
    n=${i%%|*}
    med[$n]=$(echo "${cpu[$n]}" | median)
    printf '%11.2fs %5.2fs %5.0fMB%s' "${med[$n]}" "$(echo "${wall[$n]}" | median)" \
      "$(echo "${peak[$n]}" | tr ' ' '\n' | grep . | sort -n | tail -1 | awk '{ print $1 / 1024 }')" \
      "$([ -n "${ok[$n]:-}" ] && echo " ${ok[$n]}" || echo "")"
    [ -n "${ok[$n]:-}" ] && failed=1
  done
  if [ ${#impls[@]} -gt 1 ]; then
    awk -v a="${med[foment-ls]}" -v b="${med[foment]}" 'BEGIN { if (b > 0) printf "%8.2f×", a / b }'
  fi
  echo
  unset cpu wall peak ok med
done
exit $failed
