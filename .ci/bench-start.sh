#!/usr/bin/env bash
# The issue 20 start-up bars on the 100k/1M file: the FAQ leaflet's whole process
# (bar: under 100 ms) and, for every verb that only reads (stats, leaflet, export,
# report), how long after exec it opens the data file to begin its work (bar: under
# 50 ms). strace (seccomp filter: only execve/openat/exit stop the process) gives the
# exec and open times; /usr/bin/time the CPU (user+sys) and peak memory. REPEAT runs
# each, the best and the median printed.
# usage: bench-start.sh BIN DB
set -euo pipefail
bin=$1 db=$2
repeat=${REPEAT:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base=$(basename "$db")

started() { # verb args...: prints "ms-to-open"
  strace --seccomp-bpf -f -ttt -e trace=execve,openat -o "$tmp/st" "$bin" "$@" --db "$db" >/dev/null
  awk -v db="$base" 'NR == 1 { t0 = $2 }
    index($0, "openat") && index($0, "/" db "\"") && !o { o = $2 }
    END { printf "%.1f\n", (o - t0) * 1000 }' "$tmp/st"
}

stats() { # prints "best median" of the numbers on stdin
  sort -n | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[1], v[int((NR + 1) / 2)] }'
}

# Each verb once first (also warming the file's pages): a verb that fails would
# otherwise print blank figures as if measured.
for verb in "stats" "leaflet $tmp/l.pdf" "export calls $tmp/c.csv" "report $tmp/r.xlsx"; do
  # shellcheck disable=SC2086
  "$bin" $verb --db "$db" >/dev/null 2>"$tmp/err" || { echo "bench-start: $verb failed: $(cat "$tmp/err")" >&2; exit 1; }
done

printf '%-30s %22s\n' verb "opens the file after (ms), best / median"
for verb in "stats" "leaflet $tmp/l.pdf" "export calls $tmp/c.csv" "report $tmp/r.xlsx"; do
  # shellcheck disable=SC2086
  read -r best med < <(for _ in $(seq "$repeat"); do started $verb; done | stats)
  printf '%-30s %10s / %s\n' "${verb%% $tmp*}" "$best" "$med"
done

echo "FAQ leaflet, whole process (bar: under 100 ms):"
for _ in $(seq "$repeat"); do
  /usr/bin/time -o "$tmp/t" -f "%e %U %S %M" "$bin" leaflet "$tmp/l.pdf" --db "$db" >/dev/null
  awk '{ printf "%.0f %.0f %d\n", $1 * 1000, ($2 + $3) * 1000, $4 / 1024 }' "$tmp/t"
done | sort -n | awk '{ w[NR] = $1; c[NR] = $2; m[NR] = $3 }
  END { m2 = int((NR + 1) / 2); printf "  wall %d ms best, %d median; cpu %d ms median; peak %d MB\n", w[1], w[m2], c[m2], m[m2] }'
