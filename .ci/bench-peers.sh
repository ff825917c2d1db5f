#!/usr/bin/env bash
# The issue 20 peer comparison: ChapterDesk's call-report import against the raw C
# `sqlite3 .import` of the same file (no parsing, no matching, no indexes: the floor),
# at 10k, 100k and 1M rows (BENCH_PEERS_SIZES). Each size runs REPEAT rounds, the two
# interleaved so a busy machine slows both alike; it prints CPU time (user+sys, the
# measure that survives a shared machine), wall time, peak memory and the ratios.
# usage: bench-peers.sh BIN WORKDIR
set -euo pipefail
bin=$1 dir=$2
sizes=${BENCH_PEERS_SIZES:-10000 100000 1000000}
repeat=${REPEAT:-2}
tools=../shared/tools
mkdir -p "$dir"

# A chapter with the Massachusetts legislators and the starter campaign, no calls:
# the names gen_calls.py types are the real ones from the same Open States file.
base=$dir/peers-base.db
if [ ! -f "$base" ]; then
  "$bin" import legislators ../shared/data/openstates/ma.csv --state MA --db "$base" >/dev/null
  "$bin" demo --volunteers 10 --calls 0 --db "$dir/peers-demo.db" >/dev/null
  "$bin" campaign export 1 "$dir/peers-campaign.json" --db "$dir/peers-demo.db" >/dev/null
  "$bin" campaign import "$dir/peers-campaign.json" --db "$base" >/dev/null
fi

measure() { # label, command...: prints "cpu wall kb"
  local out=$dir/peers-time.txt
  /usr/bin/time -o "$out" -f "%U %S %e %M" "${@}" >/dev/null 2>"$dir/peers-stderr.txt" || {
    cat "$dir/peers-stderr.txt" >&2; exit 1; }
  awk '{printf "%.2f %.2f %d\n", $1 + $2, $3, $4}' "$out"
}

printf '%-8s %-22s %8s %8s %9s\n' rows run "cpu s" "wall s" "peak MB"
for n in $sizes; do
  csv=$dir/peers-calls-$n.csv
  [ -f "$csv" ] || python3 $tools/gen_calls.py "$n" "$csv" 2>/dev/null
  best_cd="" best_sq="" best_again=""
  for r in $(seq "$repeat"); do
    rm -f "$dir"/peers-cd.db* "$dir"/peers-sq.db*
    cp "$base" "$dir/peers-cd.db"
    read -r cpu wall kb < <(measure "$bin" import calls "$csv" --db "$dir/peers-cd.db")
    printf '%-8s %-22s %8s %8s %9d\n' "$n" "chapterdesk import" "$cpu" "$wall" $((kb / 1024))
    [ -z "$best_cd" ] || awk -v a="$cpu" -v b="$best_cd" 'BEGIN{exit !(a < b)}' && best_cd=$cpu
    read -r cpu wall kb < <(measure sqlite3 "$dir/peers-sq.db" -cmd ".mode csv" ".import $csv calls")
    printf '%-8s %-22s %8s %8s %9d\n' "$n" "sqlite3 .import" "$cpu" "$wall" $((kb / 1024))
    [ -z "$best_sq" ] || awk -v a="$cpu" -v b="$best_sq" 'BEGIN{exit !(a < b)}' && best_sq=$cpu
    read -r cpu wall kb < <(measure "$bin" import calls "$csv" --db "$dir/peers-cd.db")
    printf '%-8s %-22s %8s %8s %9d\n' "$n" "chapterdesk again" "$cpu" "$wall" $((kb / 1024))
    [ -z "$best_again" ] || awk -v a="$cpu" -v b="$best_again" 'BEGIN{exit !(a < b)}' && best_again=$cpu
  done
  awk -v n="$n" -v cd="$best_cd" -v sq="$best_sq" -v ag="$best_again" \
    'BEGIN{printf "%-8s ratio, best of each: import %.1fx sqlite3 .import, again %.1fx (cpu)\n", n, cd / sq, ag / sq}'
done
rm -f "$dir"/peers-cd.db* "$dir"/peers-sq.db*
