#!/usr/bin/env bash
# Side-by-side benchmark of this service on the JVM (the packaged jar), its native binary (what deploy/ runs) and the
# Node ws peer (bench/peers/node-ws), on loopback. For each scenario and shape it starts a fresh server, runs the
# generator (bench/run.sh), stops the server, then does the same for the next one, alternating, so that all see the
# same machine conditions. The server runs on CPU(s) $SERVER_CPUS and the generator on $BENCH_CPUS (taskset). Writes
# the comparison table to stdout and bench/results/latest.md, the chart to bench/results/latency-vs-rate.svg, raw
# outputs to bench/results/raw/. Without a native binary (./mvnw package -Dnative) it compares the JVM and the peer.
#
# Usage: bench/compare.sh            (defaults below; every one can be overridden from the environment, e.g.
#        CONNECTIONS=3000 MEASURE_AT=500 SCENARIOS="connect fanout" bench/compare.sh)
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")

SERVICE_JAR=${SERVICE_JAR:-}             # default: <repo>/target/quarkus-app/quarkus-run.jar, built when missing
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx512m -XX:MetaspaceSize=96m}   # the JVM image's settings (docs/operations.md)
NATIVE_BIN=${NATIVE_BIN:-}               # default: <repo>/target/*-runner when there is one
NATIVE_OPTS=${NATIVE_OPTS:--Xmx512m}      # the heap the JVM gets (the Deployment: -Xmx320m)
SERVERS=${SERVERS:-service native peer}  # which to run, in this order; the peer last
PEER_DIR=${PEER_DIR:-$bench/peers/node-ws}
SERVER_CPUS=${SERVER_CPUS:-0}
export BENCH_CPUS=${BENCH_CPUS:-1}
SCENARIOS=${SCENARIOS:-connect fanout cold max}
REPEAT=${REPEAT:-1}                      # runs per scenario and server; the better one is reported
CONNECTIONS=${CONNECTIONS:-15000}        # connect: idle connections in all
MEASURE_AT=${MEASURE_AT:-2000}           # connect: the first memory reading (the slope runs from here)
CONNECT_ROOMS=${CONNECT_ROOMS:-100}
WARMUP_CONNECTIONS=${WARMUP_CONNECTIONS:-1000}
SHAPES=${SHAPES:-1x1000 100x10}          # fanout and max: rooms x members
SIZE=${SIZE:-100}                        # text bytes per message
FANOUT_COPIES=${FANOUT_COPIES:-50000}    # fanout: offered copies/s (messages/s = this / members), same for both
FANOUT_DURATION=${FANOUT_DURATION:-10s}
WARMUP=${WARMUP:-10s}                    # fanout and max: the same load first, not counted (cold: none)
COLD_DURATION=${COLD_DURATION:-10s}      # cold: the fanout load from the moment readiness is UP, for this long
MAX_START_COPIES=${MAX_START_COPIES:-20000}   # max: copies/s of the first step
MAX_FACTOR=${MAX_FACTOR:-1.5}
MAX_STEPS=${MAX_STEPS:-12}
STEP_DURATION=${STEP_DURATION:-5s}
P99_LIMIT=${P99_LIMIT:-50ms}
SERVICE_PORT=${SERVICE_PORT:-18280}
NATIVE_PORT=${NATIVE_PORT:-18285}
PEER_PORT=${PEER_PORT:-18290}
# This service's management interface (/q/health, /q/metrics), one server at a time; the peer answers on its own port.
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18295}
# This service with the abuse limits lifted for one loopback client, quiet logs; the same for the JVM and native.
SERVICE_FLAGS=(-Dquarkus.log.level=WARN -Dchat.limits.max-connections-per-ip=0 -Dchat.limits.max-connections=100000
    -Dquarkus.http.limits.max-connections=110000 -Dchat.limits.upgrades-per-second-per-ip=0
    -Dchat.limits.max-members-per-room=100000 -Dchat.limits.max-rooms=100000
    -Dchat.rate.messages-per-second=1000000 -Dchat.rate.burst=1000000
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT")

results=$bench/results
raw=$results/raw
server_pid=
run_number=0

log() { echo "[compare $(date +%H:%M:%S)] $*" >&2; }

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

wait_ready() {
    local port=$1 name=$2
    [ "$name" = peer ] || port=$MANAGEMENT_PORT
    for _ in $(seq 1 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ] && return 0
        kill -0 "$server_pid" 2>/dev/null || { log "$name exited; see $raw/$name.log"; return 1; }
        sleep 0.1
    done
    log "$name not ready after 60 s"; return 1
}

port_free() {
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; then
        log "port $1 is already in use: stop what listens there or set SERVICE_PORT/PEER_PORT"; exit 2
    fi
}

port_of() {
    case $1 in service) echo "$SERVICE_PORT" ;; native) echo "$NATIVE_PORT" ;; *) echo "$PEER_PORT" ;; esac
}

# Starts the named server on its port, pinned to $SERVER_CPUS; sets server_pid (taskset execs, so it is the server's).
start_server() {
    local name=$1 port
    port=$(port_of "$name")
    port_free "$port"
    case $name in
    service)
        # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of options
        taskset -c "$SERVER_CPUS" java $SERVICE_JAVA_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
            "${SERVICE_FLAGS[@]}" -jar "$SERVICE_JAR" >>"$raw/service.log" 2>&1 &
        ;;
    native)
        # shellcheck disable=SC2086 # NATIVE_OPTS is a list of options
        taskset -c "$SERVER_CPUS" "$NATIVE_BIN" $NATIVE_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
            "${SERVICE_FLAGS[@]}" >>"$raw/native.log" 2>&1 &
        ;;
    peer)
        PORT=$port HOST=127.0.0.1 taskset -c "$SERVER_CPUS" node "$PEER_DIR/server.js" >>"$raw/peer.log" 2>&1 &
        ;;
    esac
    server_pid=$!
    wait_ready "$port" "$name"
}

# Runs one scenario against one fresh server: run_case <case> <server> <rep> <scenario> [flags...]
run_case() {
    local case=$1 name=$2 rep=$3 scenario=$4
    shift 4
    local port
    port=$(port_of "$name")
    run_number=$((run_number + 1))
    log "$case on $name (run $rep of $REPEAT)"
    start_server "$name"
    # A fresh third octet per run: no run waits for the TIME_WAIT ports of the one before.
    set +e
    "$bench/run.sh" "$scenario" --port "$port" --management-port "$MANAGEMENT_PORT" --source "127.0.$((run_number % 250 + 1)).2" \
        --server-pid "$server_pid" --out "$raw/$case.$name.$rep.properties" "$@" 2>&1 | tee "$raw/$case.$name.$rep.txt"
    local status=${PIPESTATUS[0]}
    set -e
    [ "$status" = 0 ] || log "$case on $name: the generator exited with $status (see $raw/$case.$name.$rep.txt)"
    stop_server
}

# --- prerequisites -----------------------------------------------------------------------------------------------
if [ -z "$SERVICE_JAR" ]; then
    SERVICE_JAR=$root/target/quarkus-app/quarkus-run.jar
    if [ ! -f "$SERVICE_JAR" ]; then
        log "building the service: ./mvnw package -DskipTests"
        (cd "$root" && ./mvnw -B -q package -DskipTests)
    fi
fi
[ -f "$SERVICE_JAR" ] || { log "no service jar at $SERVICE_JAR"; exit 2; }
if [ -z "$NATIVE_BIN" ]; then
    NATIVE_BIN=$(ls "$root"/target/*-runner 2>/dev/null | head -n1 || true)
fi
if [[ " $SERVERS " == *" native "* ]] && [ ! -x "$NATIVE_BIN" ]; then
    log "no native binary (./mvnw package -Dnative, or NATIVE_BIN=...): comparing without it"
    SERVERS=${SERVERS/native/}
fi
[ -f "$PEER_DIR/server.js" ] || { log "no peer at $PEER_DIR/server.js"; exit 2; }
if [ ! -d "$PEER_DIR/node_modules" ]; then
    log "installing the peer's dependencies: npm ci in $PEER_DIR"
    (cd "$PEER_DIR" && npm ci --no-audit --no-fund)
fi
if [ "$(ulimit -n)" -lt 20000 ]; then
    ulimit -n 20000 2>/dev/null || log "open files limited to $(ulimit -n): keep connections per process below it"
fi
rm -rf "$raw"
mkdir -p "$raw"
"$bench/run.sh" --help >/dev/null   # builds the generator if needed

ws_version=$(node -p "require('$PEER_DIR/node_modules/ws/package.json').version" 2>/dev/null || echo '?')
cat >"$raw/run.md" <<NOTES
Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/compare.sh\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),
$(free -g | awk '/^Mem:/ { print $2 }') GiB; $(java -version 2>&1 | head -1); node $(node --version), ws $ws_version.

- Servers on CPU $SERVER_CPUS, the generator (Vert.x $(unzip -p "$bench/target/chat-bench.jar" META-INF/maven/io.vertx/vertx-core/pom.properties 2>/dev/null | sed -n 's/^version=//p'), one JVM per scenario; connect: one worker JVM per 8,000 connections) on CPU $BENCH_CPUS, pinned with taskset; loopback only.
- This service on the JVM: \`java $SERVICE_JAVA_OPTS -jar quarkus-run.jar\` (${SERVICE_JAR#"$root"/}); native: \`${NATIVE_BIN#"$root"/} $NATIVE_OPTS\`; both with the per-IP, connection, room and rate limits lifted, on Netty's epoll transport. The peer: \`node server.js\`. A fresh server for every run; runs alternate $(echo $SERVERS | sed 's/ /, /g').
- connect: $CONNECTIONS idle connections over $CONNECT_ROOMS rooms after $WARMUP_CONNECTIONS warm-up connections (opened and closed, not counted); memory per connection is the RSS slope between $MEASURE_AT and $CONNECTIONS connections (the JVM gets \`jcmd GC.run\` before each reading, node is read as is).
- fanout: $FANOUT_COPIES copies/s offered to each (messages/s = copies / members), $SIZE-byte texts, $FANOUT_DURATION after $WARMUP of the same load (not counted); latency is from the send to each member's receipt, on one clock. Server CPU per 1,000 copies is from /proc; heap allocation per copy from the server's \`chat_heap_allocated_bytes_total\` (the peer has none).
- cold: the fanout load from the moment readiness is UP (joins, then sending at once, no warm-up), the first $COLD_DURATION; compared with the same server's warm p99.
- max: from $MAX_START_COPIES copies/s, x$MAX_FACTOR per $STEP_DURATION step (at most $MAX_STEPS, then one step between the last rate that held and the first that did not) until p99 > $P99_LIMIT or delivery < 100%.
- Repetitions: $REPEAT per scenario and server; with more than one, the better is kept (lower memory per connection, lower fanout p99, higher max rate).
NOTES

# --- the runs ----------------------------------------------------------------------------------------------------
for scenario in $SCENARIOS; do
    case $scenario in
    connect)
        for rep in $(seq 1 "$REPEAT"); do
            for name in $SERVERS; do
                run_case connect "$name" "$rep" connect --connections "$CONNECTIONS" --measure-at "$MEASURE_AT" \
                    --rooms "$CONNECT_ROOMS" --warmup-connections "$WARMUP_CONNECTIONS"
            done
        done
        ;;
    fanout | cold | max)
        for shape in $SHAPES; do
            rooms=${shape%x*}
            members=${shape#*x}
            rate=$(echo "$FANOUT_COPIES / $members" | bc -l)
            for rep in $(seq 1 "$REPEAT"); do
                for name in $SERVERS; do
                    case $scenario in
                    fanout)
                        run_case "fanout-$shape" "$name" "$rep" fanout --rooms "$rooms" --members "$members" \
                            --size "$SIZE" --rate "$rate" --duration "$FANOUT_DURATION" --warmup "$WARMUP" ;;
                    cold)
                        run_case "cold-$shape" "$name" "$rep" fanout --rooms "$rooms" --members "$members" \
                            --size "$SIZE" --rate "$rate" --duration "$COLD_DURATION" --warmup 0s ;;
                    max)
                        run_case "max-$shape" "$name" "$rep" max --rooms "$rooms" --members "$members" \
                            --size "$SIZE" --start-rate "$(echo "$MAX_START_COPIES / $members" | bc -l)" \
                            --factor "$MAX_FACTOR" --max-steps "$MAX_STEPS" --step-duration "$STEP_DURATION" \
                            --p99-limit "$P99_LIMIT" --warmup "$WARMUP" ;;
                    esac
                done
            done
        done
        ;;
    *) log "unknown scenario '$scenario' (connect, fanout, cold, max)"; exit 2 ;;
    esac
done

echo
labels=
names=
for name in $SERVERS; do
    case $name in service) title=JVM ;; native) title=native ;; *) title="node ws" ;; esac
    labels=${labels:+$labels,}$name
    names=${names:+$names,}$title
done
"$bench/run.sh" report --results "$raw" --notes "$raw/run.md" --md "$results/latest.md" \
    --svg "$results/latency-vs-rate.svg" --labels "$labels" --names "$names"
log "wrote $results/latest.md and $results/latency-vs-rate.svg"
