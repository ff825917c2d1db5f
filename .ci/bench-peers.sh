#!/usr/bin/env bash
# The issue 20 peer comparison: ChapterDesk's imports against the raw C
# `sqlite3 .import` of the same file (no parsing, no matching, no indexes: the floor).
# The call-report form at 10k, 100k and 1M rows (BENCH_PEERS_SIZES); the NationBuilder
# export at 100k rows (BENCH_PEERS_NB_SIZES, "" to skip) into a new file, the same
# file again, and into a copy of a 20,000-volunteer chapter (its seal kept, as a
# chapter the app closed cleanly has it). Each size runs REPEAT rounds, the runs
# interleaved so a busy machine slows all alike; it prints CPU time (user+sys, the
# measure that survives a shared machine), wall time, peak memory and the ratios.
# usage: bench-peers.sh BIN WORKDIR
set -euo pipefail
bin=$1 dir=$2
sizes=${BENCH_PEERS_SIZES-10000 100000 1000000}
nbsizes=${BENCH_PEERS_NB_SIZES-100000}
repeat=${REPEAT:-2}
tools=../shared/tools
mkdir -p "$dir"

# A chapter with the Massachusetts legislators and the starter campaign, no calls:
# the names gen_calls.py types are the real ones from the same Open States file.
# A file made by an older binary is made again: opened at an older schema, every run
# would first upgrade its copy (and keep a backup of it), which a lead's chapter does
# once, not at each import. `stats` only reads, and refuses a file that needs upgrading.
current() { "$bin" stats --db "$1" >/dev/null 2>&1; }
base=$dir/peers-base.db
if [ -f "$base" ] && ! current "$base"; then rm -f "$base"*; fi
if [ ! -f "$base" ]; then # made under another name, so a run stopped half-way leaves none
  rm -f "$dir"/peers-new.db* "$dir"/peers-demo.db*
  "$bin" import legislators ../shared/data/openstates/ma.csv --state MA --db "$dir/peers-new.db" >/dev/null
  "$bin" demo --volunteers 10 --calls 0 --db "$dir/peers-demo.db" >/dev/null
  "$bin" campaign export 1 "$dir/peers-campaign.json" --db "$dir/peers-demo.db" >/dev/null
  "$bin" campaign import "$dir/peers-campaign.json" --db "$dir/peers-new.db" >/dev/null
  "$bin" backup "$base" --db "$dir/peers-new.db" >/dev/null
  rm -f "$dir"/peers-new.db*
fi

measure() { # label, command...: prints "cpu wall kb"
  local out=$dir/peers-time.txt
  /usr/bin/time -o "$out" -f "%U %S %e %M" "${@}" >/dev/null 2>"$dir/peers-stderr.txt" || {
    cat "$dir/peers-stderr.txt" >&2; exit 1; }
  awk '{printf "%.2f %.2f %d\n", $1 + $2, $3, $4}' "$out"
}

run() { # rows, key, label, command...: prints one line and keeps "key cpu wall" for the ratios
  local n=$1 key=$2 label=$3
  shift 3
  read -r cpu wall kb < <(measure "$@")
  printf '%-8s %-26s %8s %8s %9d\n' "$n" "$label" "$cpu" "$wall" $((kb / 1024))
  echo "$key $cpu $wall" >>"$dir/peers-runs.txt"
}

printf '%-8s %-26s %8s %8s %9s\n' rows run "cpu s" "wall s" "peak MB"
for n in $sizes; do
  csv=$dir/peers-calls-$n.csv
  [ -f "$csv" ] || python3 $tools/gen_calls.py "$n" "$csv" 2>/dev/null
  : >"$dir/peers-runs.txt"
  for r in $(seq "$repeat"); do
    rm -f "$dir"/peers-cd.db* "$dir"/peers-sq.db*
    cp "$base" "$dir/peers-cd.db"
    run "$n" cd "chapterdesk import" "$bin" import calls "$csv" --db "$dir/peers-cd.db"
    run "$n" sq "sqlite3 .import" sqlite3 "$dir/peers-sq.db" -cmd ".mode csv" ".import $csv calls"
    run "$n" again "chapterdesk again" "$bin" import calls "$csv" --db "$dir/peers-cd.db"
  done
  # The best run of each: the one the machine's other work disturbed least.
  awk -v n="$n" '{ if (!($1 in cpu) || $2 < cpu[$1]) cpu[$1] = $2; if (!($1 in wall) || $3 < wall[$1]) wall[$1] = $3 }
    END { printf "%-8s ratio to sqlite3 .import, best of each: import %.1fx cpu, %.1fx wall; again %.1fx cpu, %.1fx wall\n",
      n, cpu["cd"] / cpu["sq"], wall["cd"] / wall["sq"], cpu["again"] / cpu["sq"], wall["again"] / wall["sq"] }' "$dir/peers-runs.txt"
done

# NationBuilder: a chapter of 20,000 volunteers and 200,000 calls to import beside.
chapter=$dir/peers-chapter20k.db
if [ -f "$chapter" ] && ! current "$chapter"; then rm -f "$chapter"*; fi
if [ -n "$nbsizes" ] && [ ! -f "$chapter" ]; then
  "$bin" demo --volunteers 20000 --calls 200000 --db "$chapter" >/dev/null
fi
for n in $nbsizes; do
  csv=$dir/peers-nb-$n.csv
  [ -f "$csv" ] || python3 $tools/gen_nationbuilder.py "$n" "$csv" >/dev/null 2>&1
  : >"$dir/peers-runs.txt"
  for r in $(seq "$repeat"); do
    rm -f "$dir"/peers-cd.db* "$dir"/peers-sq.db* "$dir"/peers-beside.db*
    run "$n" cd "nationbuilder new file" "$bin" import volunteers "$csv" --db "$dir/peers-cd.db"
    run "$n" sq "sqlite3 .import" sqlite3 "$dir/peers-sq.db" -cmd ".mode csv" ".import $csv people"
    run "$n" again "nationbuilder again" "$bin" import volunteers "$csv" --db "$dir/peers-cd.db"
    for f in "$chapter" "$chapter.checked" "$chapter-wal"; do
      [ -f "$f" ] && cp -p "$f" "$dir/peers-beside.db${f#"$chapter"}"
    done
    run "$n" beside "nationbuilder beside 20k" "$bin" import volunteers "$csv" --db "$dir/peers-beside.db"
  done
  awk -v n="$n" '{ if (!($1 in cpu) || $2 < cpu[$1]) cpu[$1] = $2; if (!($1 in wall) || $3 < wall[$1]) wall[$1] = $3 }
    END { printf "%-8s ratio to sqlite3 .import, best of each: new file %.2fx cpu, %.2fx wall; again %.2fx cpu, %.2fx wall; beside 20k %.2fx cpu, %.2fx wall\n",
      n, cpu["cd"] / cpu["sq"], wall["cd"] / wall["sq"], cpu["again"] / cpu["sq"], wall["again"] / wall["sq"],
      cpu["beside"] / cpu["sq"], wall["beside"] / wall["sq"] }' "$dir/peers-runs.txt"
done
rm -f "$dir"/peers-cd.db* "$dir"/peers-sq.db* "$dir"/peers-beside.db* "$dir/peers-runs.txt"
