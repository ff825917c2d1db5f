#!/usr/bin/env bash
# The issue 20 scaling table: the call-report import and the NationBuilder import at
# 10k, 100k and 1M rows (each into a new chapter, then the same file again, beside the
# raw `sqlite3 .import` of it), and the workbook (`report --all`) of the demo chapters
# of 100k, 1M and 3M calls. One run each, printing CPU time (user+sys: the measure that
# survives a machine shared with other work), wall time, peak memory, the machine's
# 1-minute load when the run started, and the ratio to the size before: a job whose
# CPU time grows much faster than its rows (more than 12x for 10x, 3.6x for 3x) is
# marked SUPERLINEAR. BENCH_SCALE_CALLS, BENCH_SCALE_NB ("10k 100k 1m") and
# BENCH_SCALE_WORKBOOK ("100k 1m 3m") pick the sizes; "" skips a part. Files are
# made once in WORKDIR (the 1M NationBuilder export is 760 MB; the 3M chapter 790 MB).
# usage: bench-scale.sh BIN WORKDIR
set -euo pipefail
bin=$1 dir=$2
tools=../shared/tools
mkdir -p "$dir"
rows() { case $1 in *k) echo $((${1%k} * 1000)) ;; *m) echo $((${1%m} * 1000000)) ;; esac; }

base=$dir/scale-base.db # the Massachusetts legislators and a campaign, as bench-peers
# made again when an older binary made it (see bench-peers.sh)
if [ -f "$base" ] && ! "$bin" stats --db "$base" >/dev/null 2>&1; then rm -f "$base"*; fi
if [ -n "${BENCH_SCALE_CALLS-x}" ] && [ ! -f "$base" ]; then
  "$bin" import legislators ../shared/data/openstates/ma.csv --state MA --db "$base" >/dev/null
  "$bin" demo --volunteers 10 --calls 0 --db "$dir/scale-demo.db" >/dev/null
  "$bin" campaign export 1 "$dir/scale-campaign.json" --db "$dir/scale-demo.db" >/dev/null
  "$bin" campaign import "$dir/scale-campaign.json" --db "$base" >/dev/null
fi

declare -A last
measure() { # key, label, command...
  local key=$1 label=$2 load
  shift 2
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$dir/scale-time.txt" -f "%U %S %e %M" "$@" >/dev/null 2>"$dir/scale-stderr.txt" || {
    cat "$dir/scale-stderr.txt" >&2; exit 1; }
  read -r user sys wall kb <"$dir/scale-time.txt"
  local cpu growth=""
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  if [ -n "${last[$key]:-}" ]; then
    read -r prows pcpu <<<"${last[$key]}"
    growth=$(awk -v c="$cpu" -v p="$pcpu" -v r="$rows" -v pr="$prows" 'BEGIN {
      x = c / p; f = r / pr; printf "%.1fx cpu for %gx rows%s", x, f, (x > 1.2 * f ? "  SUPERLINEAR" : "") }')
  fi
  last[$key]="$rows $cpu"
  printf '%-36s %8s %8s %8d %6s  %s\n' "$label" "$cpu" "$wall" $((kb / 1024)) "$load" "$growth"
}

printf '%-36s %8s %8s %8s %6s\n' job "cpu s" "wall s" "peak MB" load
for n in ${BENCH_SCALE_CALLS-10k 100k 1m}; do
  rows=$(rows "$n") csv=$dir/scale-calls-$n.csv
  [ -f "$csv" ] || python3 $tools/gen_calls.py "$rows" "$csv" 2>/dev/null
  rm -f "$dir"/scale-cd.db* "$dir"/scale-sq.db*
  cp "$base" "$dir/scale-cd.db"
  measure calls "calls $n: import" "$bin" import calls "$csv" --db "$dir/scale-cd.db"
  measure callsagain "calls $n: again" "$bin" import calls "$csv" --db "$dir/scale-cd.db"
  measure callssq "calls $n: sqlite3 .import" sqlite3 "$dir/scale-sq.db" -cmd ".mode csv" ".import $csv calls"
done
for n in ${BENCH_SCALE_NB-10k 100k 1m}; do
  rows=$(rows "$n") csv=$dir/scale-nb-$n.csv
  [ -f "$csv" ] || python3 $tools/gen_nationbuilder.py "$rows" "$csv" >/dev/null 2>&1
  rm -f "$dir"/scale-cd.db* "$dir"/scale-sq.db*
  measure nb "nationbuilder $n: new file" "$bin" import volunteers "$csv" --db "$dir/scale-cd.db"
  measure nbagain "nationbuilder $n: again" "$bin" import volunteers "$csv" --db "$dir/scale-cd.db"
  measure nbsq "nationbuilder $n: sqlite3 .import" sqlite3 "$dir/scale-sq.db" -cmd ".mode csv" ".import $csv people"
done
for n in ${BENCH_SCALE_WORKBOOK-100k 1m 3m}; do
  rows=$(rows "$n") db=$dir/scale-wb-$n.db
  [ -f "$db" ] || "$bin" demo --volunteers $((rows / 10)) --calls "$rows" --db "$db" >/dev/null
  measure wb "workbook $n calls: report --all" "$bin" report "$dir/scale-wb.xlsx" --all --db "$db"
done
rm -f "$dir"/scale-cd.db* "$dir"/scale-sq.db* "$dir/scale-wb.xlsx" "$dir/scale-time.txt" "$dir/scale-stderr.txt"
