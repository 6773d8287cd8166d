#!/usr/bin/env bash
# Crash soak: queues N deliveries to a local receiver, runs `hookwatch worker` (or the window) and
# kills it with SIGKILL at random moments (restarting it each time), then lets a last run finish
# and checks that nothing was lost or left running, counting the deliveries the receiver saw more
# than once. Only attempts in flight at a kill (sent, outcome not yet recorded) may repeat.
#
# Usage: tests/soak/crash-soak.sh [--hookwatch BIN] [--receiver BIN] [--deliveries N] [--kills K]
#            [--process worker|window] [--backend sqlite|postgresql|all] [--lease D]
#            [--concurrency N] [--delay MS] [--uptime MIN_MS-MAX_MS] [--max-seconds S] [--keep]
# --process window kills the window's process (`hookwatch` with no subcommand, on the offscreen
# platform, delivering from its own dispatcher as it does by default) instead of a worker. The
# window's lease is its fixed 60 s (--lease is the worker's), so its last run waits for the
# leases of the killed windows to expire, then is stopped once the store has nothing waiting or
# running. Its default uptime is 400-1200 ms (the window takes ~0.3 s to start delivering).
# The binaries default to $HOOKWATCH_BIN and $RECEIVER_BIN. The PostgreSQL run needs
# HOOKWATCH_TEST_PG_URL (postgresql://user@host:port/db; a scratch database is created and dropped
# there); `--backend all` (the default) runs it only when that is set, `--backend postgresql` fails
# without it. Everything listens on 127.0.0.1 only, and the script stops by itself: each backend's
# run is abandoned (exit 1) after --max-seconds. Prints one summary line per backend; exit 0 when
# every check held.
set -euo pipefail

hw_bin=${HOOKWATCH_BIN:-}
receiver_bin=${RECEIVER_BIN:-}
deliveries=5000
kills=30
backend=all
lease=2s
concurrency=8
delay_ms=20
uptime_min=
uptime_max=
process=worker
max_seconds=900
keep=0

die() { echo "crash-soak: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case $1 in
    --hookwatch) hw_bin=$2; shift 2 ;;
    --receiver) receiver_bin=$2; shift 2 ;;
    --deliveries) deliveries=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --process) process=$2; shift 2 ;;
    --backend) backend=$2; shift 2 ;;
    --lease) lease=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --delay) delay_ms=$2; shift 2 ;;
    --uptime) uptime_min=${2%-*}; uptime_max=${2#*-}; shift 2 ;;
    --max-seconds) max_seconds=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done

case $process in
worker) : "${uptime_min:=200}" "${uptime_max:=800}" ;;
window) : "${uptime_min:=400}" "${uptime_max:=1200}" ;;
*) die "--process takes worker or window" ;;
esac

[ -x "$hw_bin" ] || die "give the hookwatch binary with --hookwatch or HOOKWATCH_BIN"
[ -x "$receiver_bin" ] || die "give the receiver binary with --receiver or RECEIVER_BIN"
for n in "$deliveries" "$kills" "$concurrency" "$delay_ms" "$uptime_min" "$uptime_max" "$max_seconds"; do
    [[ $n =~ ^[0-9]+$ ]] || die "not a number: $n"
done
[ "$uptime_max" -gt "$uptime_min" ] || die "--uptime wants MIN-MAX with MIN < MAX (milliseconds)"

case $backend in
sqlite) backends=(sqlite) ;;
postgresql)
    [ -n "${HOOKWATCH_TEST_PG_URL:-}" ] || die "--backend postgresql needs HOOKWATCH_TEST_PG_URL"
    backends=(postgresql) ;;
all)
    backends=(sqlite)
    if [ -n "${HOOKWATCH_TEST_PG_URL:-}" ]; then backends+=(postgresql)
    else echo "crash-soak: HOOKWATCH_TEST_PG_URL is not set: PostgreSQL run skipped" >&2; fi ;;
*) die "--backend takes sqlite, postgresql or all" ;;
esac

# Everything this script started, stopped on any exit. `worker_pid` is the process being soaked:
# a worker or a window.
work=
receiver_pid=
worker_pid=
pg_database=
cleanup() {
    [ -n "$worker_pid" ] && kill -KILL "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
    [ -n "$receiver_pid" ] && kill -TERM "$receiver_pid" 2>/dev/null && wait "$receiver_pid" 2>/dev/null
    if [ -n "$pg_database" ]; then
        psql -q "$HOOKWATCH_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    if [ -n "$work" ] && [ "$keep" = 0 ]; then rm -rf "$work"; fi
    worker_pid= receiver_pid= pg_database=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# Rows of `hookwatch deliveries` with a status (the header line left out).
count_status() {
    "$hw_bin" deliveries --status "$1" --limit $((deliveries + 100)) | tail -n +2 | wc -l
}

# Starts the process under test in the background: worker_pid. `final` asks for the last run.
start_process() {
    local final=$1
    if [ "$process" = worker ]; then
        if [ "$final" = 1 ]; then
            "$hw_bin" worker --lease "$lease" --concurrency "$concurrency" --retention 0s --until-idle \
                2>>"$work/worker.log" &
        else
            "$hw_bin" worker --lease "$lease" --concurrency "$concurrency" --retention 0s 2>>"$work/worker.log" &
        fi
    else
        # The window on the offscreen platform: its store is $HOOKWATCH_DB, its dispatcher runs
        # with the preferences written in run_backend.
        QT_QPA_PLATFORM=offscreen "$hw_bin" 2>>"$work/worker.log" &
    fi
    worker_pid=$!
}

# Distinct deliveries the receiver has seen so far.
seen_count() { awk 'NR > 1 { print $1 }' "$work/received.log" | sort -u | wc -l; }

# The window has no --until-idle: its last run goes on until the store has nothing waiting or
# running (the killed windows' leases expire after 60 s first), then it is stopped with SIGTERM.
# Sets final_seconds; fails if the window exits early or the time runs out.
finish_window() {
    local started=$SECONDS
    while :; do
        if ! kill -0 "$worker_pid" 2>/dev/null; then
            echo "crash-soak: the last window exited by itself" >&2
            return 1
        fi
        if [ "$(count_status waiting)" -eq 0 ] && [ "$(count_status running)" -eq 0 ]; then
            break
        fi
        if [ $((SECONDS - started)) -gt "$max_seconds" ]; then
            echo "crash-soak: the last window had not finished after ${max_seconds}s" >&2
            return 1
        fi
        sleep 1
    done
    kill -TERM "$worker_pid" 2>/dev/null || true
    wait "$worker_pid" 2>/dev/null || true
    worker_pid=
    final_seconds=$((SECONDS - started))
}

run_backend() {
    local name=$1
    work=$(mktemp -d /tmp/hookwatch-crash-soak.XXXXXX)
    # Keep the user's preferences and default store out of it.
    export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
    mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
    unset DISPLAY WAYLAND_DISPLAY
    if [ "$process" = window ]; then
        # The window's preferences: deliver from the window (its default), not paused, and the
        # soak's concurrency. No tray or notices matter offscreen.
        mkdir -p "$XDG_CONFIG_HOME/Hookwatch"
        printf '[delivery]\ndeliverFromWindow=true\npaused=false\nconcurrency=%s\n' "$concurrency" \
            >"$XDG_CONFIG_HOME/Hookwatch/hookwatch.conf"
    fi
    if [ "$name" = sqlite ]; then
        export HOOKWATCH_DB="sqlite:$work/store.db"
    else
        pg_database="hookwatch_soak_$$_$RANDOM"
        psql -q "$HOOKWATCH_TEST_PG_URL" -c "CREATE DATABASE $pg_database" >/dev/null
        export HOOKWATCH_DB="${HOOKWATCH_TEST_PG_URL%/*}/$pg_database"
    fi

    "$receiver_bin" --port 0 --delay "$delay_ms" >"$work/received.log" 2>"$work/receiver.err" &
    receiver_pid=$!
    local port= i
    for i in $(seq 100); do
        port=$(sed -n 's/^listening on \([0-9]*\)$/\1/p' "$work/received.log")
        [ -n "$port" ] && break
        sleep 0.05
    done
    [ -n "$port" ] || { echo "crash-soak: the receiver did not start" >&2; cat "$work/receiver.err" >&2; return 1; }

    local webhook range first last
    webhook=$("$hw_bin" webhook add "http://127.0.0.1:$port/hook" --timeout 10s)
    range=$("$hw_bin" send "$webhook" --event-type soak --repeat "$deliveries")
    first=${range%-*}
    last=${range#*-}
    [ $((last - first + 1)) -eq "$deliveries" ] || { echo "crash-soak: send printed $range" >&2; return 1; }

    # kills_delivering: the process had sent something since it started (it was killed at work,
    # not while starting up).
    local start=$SECONDS kill=0 outstanding_kills=0 delivering_kills=0 seen seen_before
    while [ "$kill" -lt "$kills" ]; do
        if [ $((SECONDS - start)) -gt "$max_seconds" ]; then
            echo "crash-soak $name: gave up after ${max_seconds}s with $kill kills" >&2
            return 1
        fi
        seen_before=$(seen_count)
        start_process 0
        sleep_ms $((uptime_min + RANDOM % (uptime_max - uptime_min)))
        seen=$(seen_count)
        if ! kill -0 "$worker_pid" 2>/dev/null; then
            echo "crash-soak $name: the $process exited before it was killed (see $work/worker.log)" >&2
            keep=1
            return 1
        fi
        kill -KILL "$worker_pid" 2>/dev/null || true
        wait "$worker_pid" 2>/dev/null || true
        worker_pid=
        kill=$((kill + 1))
        [ "$seen" -lt "$deliveries" ] && outstanding_kills=$((outstanding_kills + 1))
        [ "$seen" -gt "$seen_before" ] && delivering_kills=$((delivering_kills + 1))
        echo "--- SIGKILL $kill (receiver had seen $seen)" >>"$work/worker.log"
    done

    # Left running by the killed processes: each must be taken up again once its lease expires.
    local left_running
    left_running=$(count_status running)

    # The last run: leases of the killed ones expire, then it finishes the rest.
    local final_rc=0
    final_seconds=
    if [ "$process" = worker ]; then
        local final_start=$SECONDS
        timeout "$max_seconds" "$hw_bin" worker --lease "$lease" --concurrency "$concurrency" --retention 0s \
            --until-idle 2>>"$work/worker.log" || final_rc=$?
        final_seconds=$((SECONDS - final_start))
    else
        start_process 1
        finish_window || final_rc=1
    fi
    local seconds=$((SECONDS - start))
    kill -TERM "$receiver_pid"
    wait "$receiver_pid" || true
    receiver_pid=

    # What the store says.
    local completed waiting running failed suspended
    completed=$(count_status completed)
    waiting=$(count_status waiting)
    running=$(count_status running)
    failed=$(count_status failed)
    suspended=$(count_status suspended)
    # What the receiver saw: one line per request, "<X-Launchpad-Delivery> <status>".
    awk 'NR > 1 { print $1 }' "$work/received.log" | sort -n >"$work/requests"
    sort -nu "$work/requests" >"$work/seen"
    seq "$first" "$last" >"$work/expected"
    local requests unique lost strangers repeats
    requests=$(wc -l <"$work/requests")
    unique=$(wc -l <"$work/seen")
    lost=$(comm -23 "$work/expected" "$work/seen" | wc -l)
    strangers=$(comm -13 "$work/expected" "$work/seen" | wc -l)
    repeats=$((requests - unique))
    uniq -d "$work/requests" >"$work/repeated"
    # A repeat is legitimate only if its first send was never recorded (the worker died with it in
    # flight): then the store holds one attempt. Two recorded attempts would mean two live workers
    # sent it.
    local repeated_twice_recorded=0 id n
    while read -r id; do
        n=$("$hw_bin" show "$id" | grep -c '^Attempt ' || true)
        [ "$n" -gt 1 ] && repeated_twice_recorded=$((repeated_twice_recorded + 1))
    done <"$work/repeated"
    # In flight at a kill: at most `concurrency` requests out plus a batch of finished, unrecorded
    # attempts (the dispatcher records 4 x concurrency, bounded 8..64, with each claim).
    local batch=$((4 * concurrency)); [ $batch -lt 8 ] && batch=8; [ $batch -gt 64 ] && batch=64
    local bound=$((kills * (concurrency + batch)))
    local attempt_count_over_1
    attempt_count_over_1=$("$hw_bin" deliveries --status completed --limit $((deliveries + 100)) |
        awk -F'\t' 'NR > 1 && $6 > 1' | wc -l)
    local store_errors
    store_errors=$(grep -c 'database problem' "$work/worker.log" || true)

    local verdict=ok
    [ "$final_rc" -eq 0 ] || verdict=FAIL
    [ "$completed" -eq "$deliveries" ] || verdict=FAIL
    [ "$lost" -eq 0 ] && [ "$strangers" -eq 0 ] || verdict=FAIL
    [ "$waiting" -eq 0 ] && [ "$running" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$suspended" -eq 0 ] || verdict=FAIL
    [ "$repeated_twice_recorded" -eq 0 ] || verdict=FAIL
    [ "$repeats" -le "$bound" ] || verdict=FAIL

    echo "crash-soak $name $process: $verdict deliveries=$deliveries kills=$kills" \
        "kills_with_work_outstanding=$outstanding_kills kills_while_delivering=$delivering_kills" \
        "left_running_by_kills=$left_running completed=$completed lost=$lost waiting=$waiting running=$running failed=$failed" \
        "requests=$requests repeats=$repeats repeat_bound=$bound repeats_recorded_twice=$repeated_twice_recorded" \
        "attempt_count_over_1=$attempt_count_over_1 store_errors_logged=$store_errors final_run_exit=$final_rc" \
        "final_run_seconds=${final_seconds:-?} seconds=$seconds"
    if [ "$verdict" != ok ]; then
        echo "crash-soak $name: logs in $work (kept)" >&2
        keep=1
        return 1
    fi
    [ "$keep" = 1 ] && echo "crash-soak $name: logs in $work" >&2
    cleanup
    return 0
}

status=0
for b in "${backends[@]}"; do
    run_backend "$b" || status=1
done
exit $status
