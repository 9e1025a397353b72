#!/usr/bin/env bash
# Before/after: the fanout scenario against two builds of this service, on the JVM and as native binaries, in
# alternating rounds (A-jvm, B-jvm, A-native, B-native, then again), each run on a fresh server pinned to
# $SERVER_CPUS with the generator on $BENCH_CPUS. Prints the median of every figure per build and runtime, and the
# B/A ratio, so that a change to the hot path is judged on one machine, in one run, by medians (one run alone can be
# far off on a noisy machine).
#
# Usage: bench/ab.sh A_DIR B_DIR        each a checkout with target/quarkus-app/quarkus-run.jar and target/*-runner
#        ROUNDS=5 SHAPES="1x1000 100x10" COPIES=50000 bench/ab.sh ...
# Writes the raw generator outputs to bench/results/raw-ab/ and the table to stdout.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 2 ] || { echo "usage: $0 A_DIR B_DIR" >&2; exit 2; }
a_dir=$(cd "$1" && pwd)
b_dir=$(cd "$2" && pwd)

ROUNDS=${ROUNDS:-5}
SHAPES=${SHAPES:-1x1000 100x10}
COPIES=${COPIES:-50000}                  # offered copies/s (messages/s = copies / members)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
RUNTIMES=${RUNTIMES:-jvm native}
SERVER_CPUS=${SERVER_CPUS:-0}
export BENCH_CPUS=${BENCH_CPUS:-1}
PORT=${PORT:-18380}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18395}
JAVA_OPTS_AB=${JAVA_OPTS_AB:--Xmx512m -XX:MetaspaceSize=96m}
NATIVE_OPTS=${NATIVE_OPTS:--Xmx512m}
# As bench/compare.sh: the abuse limits lifted for one loopback client, quiet logs, the same for every build.
FLAGS=(-Dquarkus.log.level=WARN -Dchat.limits.max-connections-per-ip=0 -Dchat.limits.max-connections=100000
    -Dquarkus.http.limits.max-connections=110000 -Dchat.limits.upgrades-per-second-per-ip=0
    -Dchat.limits.max-members-per-room=100000 -Dchat.limits.max-rooms=100000
    -Dchat.rate.messages-per-second=1000000 -Dchat.rate.burst=1000000
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT"
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT")
FIGURES=(p50_ms p99_ms p999_ms max_ms ratio server_cpu_ms_per_1000 server_bytes_per_copy)

raw=$bench/results/raw-ab
rm -rf "$raw"
mkdir -p "$raw"
log() { echo "[ab $(date +%H:%M:%S)] $*" >&2; }
server_pid=
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        for _ in $(seq 1 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}
trap stop_server EXIT

start_server() {   # start_server <dir> <runtime> <log>
    local dir=$1 runtime=$2 out=$3
    if [ "$runtime" = jvm ]; then
        # shellcheck disable=SC2086 # JAVA_OPTS_AB is a list of options
        taskset -c "$SERVER_CPUS" java $JAVA_OPTS_AB "${FLAGS[@]}" -jar "$dir/target/quarkus-app/quarkus-run.jar" >>"$out" 2>&1 &
    else
        # shellcheck disable=SC2086 # NATIVE_OPTS is a list of options
        taskset -c "$SERVER_CPUS" "$(ls "$dir"/target/*-runner | head -n1)" $NATIVE_OPTS "${FLAGS[@]}" >>"$out" 2>&1 &
    fi
    server_pid=$!
    for _ in $(seq 1 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready")" = 200 ] && return 0
        kill -0 "$server_pid" 2>/dev/null || { log "server exited; see $out"; return 1; }
        sleep 0.1
    done
    log "not ready after 60 s"; return 1
}

for side in a b; do
    dir=$a_dir; [ $side = b ] && dir=$b_dir
    [ -f "$dir/target/quarkus-app/quarkus-run.jar" ] || { log "no jar in $dir/target (./mvnw package -DskipTests)"; exit 2; }
    if [[ " $RUNTIMES " == *" native "* ]] && ! ls "$dir"/target/*-runner >/dev/null 2>&1; then
        log "no native binary in $dir/target (./mvnw package -Dnative)"; exit 2
    fi
done
if [ "$(ulimit -n)" -lt 20000 ]; then ulimit -n 20000 2>/dev/null || true; fi
"$bench/run.sh" --help >/dev/null   # builds the generator if needed
log "A = $a_dir ($(git -C "$a_dir" rev-parse --short HEAD 2>/dev/null || echo '?')), B = $b_dir ($(git -C "$b_dir" rev-parse --short HEAD 2>/dev/null || echo '?'))"

run=0
for round in $(seq 1 "$ROUNDS"); do
    for shape in $SHAPES; do
        rooms=${shape%x*}
        members=${shape#*x}
        rate=$(echo "$COPIES / $members" | bc -l)
        for runtime in $RUNTIMES; do
            for side in a b; do
                dir=$a_dir; [ $side = b ] && dir=$b_dir
                run=$((run + 1))
                name=$shape.$runtime.$side.$round
                log "round $round: $shape on $runtime, build $side"
                start_server "$dir" "$runtime" "$raw/$runtime.$side.log"
                set +e
                "$bench/run.sh" fanout --port "$PORT" --management-port "$MANAGEMENT_PORT" \
                    --source "127.0.$((run % 250 + 1)).3" --server-pid "$server_pid" --out "$raw/$name.properties" \
                    --rooms "$rooms" --members "$members" --rate "$rate" --duration "$DURATION" --warmup "$WARMUP" \
                    >"$raw/$name.txt" 2>&1
                [ $? = 0 ] || log "$name: the generator failed (see $raw/$name.txt)"
                set -e
                stop_server
            done
        done
    done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
figure() {   # figure <shape> <runtime> <side> <key>: the median over the rounds
    for f in "$raw/$1.$2.$3".*.properties; do
        [ -f "$f" ] && sed -n "s/^$4=//p" "$f"
    done | median
}
echo "Median of $ROUNDS alternating rounds; A = $(git -C "$a_dir" rev-parse --short HEAD 2>/dev/null || echo "$a_dir"), B = $(git -C "$b_dir" rev-parse --short HEAD 2>/dev/null || echo "$b_dir"); $COPIES copies/s offered, $DURATION after $WARMUP warm-up; server on CPU $SERVER_CPUS, generator on CPU $BENCH_CPUS."
echo
echo "| shape | runtime | figure | A | B | B/A |"
echo "|---|---|---|---:|---:|---:|"
for shape in $SHAPES; do
    for runtime in $RUNTIMES; do
        for key in "${FIGURES[@]}"; do
            a=$(figure "$shape" "$runtime" a "$key")
            b=$(figure "$shape" "$runtime" b "$key")
            ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a + 0 > 0 && b != "-") printf "%.2f", b / a; else print "-" }')
            echo "| $shape | $runtime | $key | $a | $b | $ratio |"
        done
    done
done
