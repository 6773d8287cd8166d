#!/usr/bin/env bash
# The recovery figures of docs/PERFORMANCE.md: a bulk recovery of 100,000 failed deliveries
# and an export of 1,000,000 rows, time and peak memory of each command. Usage:
#   HW=./build/hookwatch tests/bench/recovery-figures.sh sqlite
#   bash .ci/with-postgres env HW=./build/hookwatch tests/bench/recovery-figures.sh postgresql
set -euo pipefail
HW=${HW:-./build/hookwatch}
WORK=${WORK:-/tmp/hookwatch-recovery}
export HOME=$WORK XDG_CONFIG_HOME=$WORK/c QT_QPA_PLATFORM=offscreen
mkdir -p $WORK
backend=$1
if [[ $backend == sqlite ]]; then
  rm -f $WORK/p.db*; DB=sqlite:$WORK/p.db
  sql() { sqlite3 $WORK/p.db "$1"; }
else
  base=${HOOKWATCH_TEST_PG_URL%/*}
  psql "$HOOKWATCH_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS perf18" -c "CREATE DATABASE perf18"
  DB=$base/perf18
  sql() { psql "$DB" -qAtc "$1"; }
fi
t() { /usr/bin/time -f "%e s, %M KB max RSS" "$@"; }
$HW webhook add http://127.0.0.1:9/down --db $DB >/dev/null
$HW send 1 --event-type order.created --repeat 100000 --db $DB >/dev/null
now=$(($(date +%s%3N) - 3600000))
sql "UPDATE deliveries SET status = 3, date_first_sent = $now, date_sent = $now, date_finished = $now, successful = 0, attempt_count = 1, total_attempts = 1, failure_detail = 'HTTP 503', last_status_code = 503"
echo "== $backend: preview 100,000 failed"; t $HW retry --failed --since 2h --dry-run --db $DB | head -1
echo "== $backend: recover 100,000 failed"; t $HW retry --failed --since 2h --db $DB
echo "== $backend: adding 900,000 more"; $HW send 1 --event-type order.created --repeat 900000 --db $DB >/dev/null
echo "== $backend: export 1,000,000 as CSV"; t $HW export --format csv --output $WORK/h.csv --db $DB
echo "== $backend: export 1,000,000 as JSON"; t $HW export --format json --output $WORK/h.json --db $DB
ls -la $WORK/h.csv $WORK/h.json; wc -l $WORK/h.csv
rm -f $WORK/h.csv $WORK/h.json
