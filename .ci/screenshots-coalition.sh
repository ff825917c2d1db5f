#!/usr/bin/env bash
# The coalition server's screens (issue 18) under Xvfb, as .ci/screenshots.sh takes
# the file's: a throwaway PostgreSQL on a Unix socket, `server init`, a small demo
# written by the owner and spread over four chapters (one gone quiet, one that never
# called), a lead of two chapters and a coordinator; then every screen of the real
# window as the coordinator (DIR/coordinator) and as the lead (DIR/lead-of-two). The
# server is stopped and removed at the end. Skipped, and says so, without PostgreSQL.
# Usage: .ci/screenshots-coalition.sh BIN DIR
set -euo pipefail
bin=$(realpath "$1") dir=$(realpath -m "$2")
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "screenshots-coalition: PostgreSQL is not installed; the coalition's screens are skipped" >&2
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
pgdir=$(mktemp -d /tmp/chapterdesk-shotspg-XXXXXX)
runas=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pgdir"; runas=(runuser -u postgres --); fi
"${runas[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust --locale=C -E UTF8 --no-sync >/dev/null
"${runas[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-k $pgdir -c listen_addresses= -c fsync=off" start >/dev/null
trap '"${runas[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT
psql() { "$pgbin/psql" -h "$pgdir" -U postgres -d "${DB:-postgres}" -v ON_ERROR_STOP=1 -Atq "$@"; }
url() { echo "postgres://$1@/coalition?host=$pgdir&sslmode=disable"; }
psql -c "CREATE DATABASE coalition"
owner=$(url postgres)
"$bin" server init --db "$owner" >/dev/null
"$bin" demo --volunteers 3000 --calls 30000 --db "$owner" >/dev/null
for c in Worcester Springfield Lowell "Cape Cod"; do "$bin" server add-chapter "$c" --db "$owner" >/dev/null; done
# The logins' passwords are not needed: the socket trusts its users.
"$bin" server add-lead shots_alice --chapter Worcester --db "$owner" >/dev/null
"$bin" server add-lead shots_alice --chapter Springfield --db "$owner" >/dev/null
"$bin" server add-coordinator shots_carol --db "$owner" >/dev/null
# The demo is the owner's chapter's; a fifth of its volunteers, with their reports,
# go to each of three chapters. Lowell has called no one in the last 20 days.
# A recruiter is of the recruit's chapter (the server refuses otherwise): the moved
# volunteers, and those they recruited, keep no recruiter.
DB=coalition psql <<'SQL'
UPDATE volunteers SET recruiter_id = NULL WHERE id % 5 IN (1, 2, 3) OR recruiter_id % 5 IN (1, 2, 3);
UPDATE volunteers SET chapter_id = (SELECT id FROM chapters WHERE name = 'Worcester') WHERE id % 5 = 1;
UPDATE volunteers SET chapter_id = (SELECT id FROM chapters WHERE name = 'Springfield') WHERE id % 5 = 2;
UPDATE volunteers SET chapter_id = (SELECT id FROM chapters WHERE name = 'Lowell') WHERE id % 5 = 3;
UPDATE call_reports r SET chapter_id = v.chapter_id FROM volunteers v WHERE v.id = r.volunteer_id AND r.chapter_id <> v.chapter_id;
UPDATE call_reports SET deleted_at = extract(epoch FROM now())::bigint
  WHERE chapter_id = (SELECT id FROM chapters WHERE name = 'Lowell') AND deleted_at IS NULL
    AND called_at > extract(epoch FROM now() - interval '20 days');
SQL
shoot() { # LOGIN DIR: the real window on the server as LOGIN, a PNG per screen
  local out=$2
  mkdir -p "$out"
  # A window that cannot open shows its problem and waits for a person: ended after
  # 10 minutes, and said, rather than waiting for ever (a lead of two chapters could
  # not open the app, and this script hung).
  CHAPTERDESK_SCREENSHOTS=$out xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    timeout 600 "$0" --db "$1" 2>"$2/app.log" | while read -r kind path; do
      [ "$kind" = shot ] || continue
      import -window root "$path.tmp.png" && mv "$path.tmp.png" "$path"
    done' "$bin" "$(url "$1")" "$out"
  if ! ls "$out"/*.png >/dev/null 2>&1; then
    echo "screenshots: the window as $1 showed no screen; its log:" >&2
    cat "$out/app.log" >&2
    return 1
  fi
}
shoot shots_carol "$dir/coordinator"
shoot shots_alice "$dir/lead-of-two"
# Roles belong to the cluster, which goes with the folder; nothing else to drop.
ls "$dir"/*/*.png
