#!/usr/bin/env bash
# Start-up time and memory of the packaged app: JVM jar and native binary, side by side in one run.
# For each artifact that exists under target/: time from exec to /q/health/ready = 200, RSS when idle, and RSS with
# N idle chat connections (default 1000 over 100 rooms) held by a Node client.
# Usage: bench/footprint.sh [connections] [rooms]     (build first: ./mvnw package, ./mvnw package -Dnative)
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-1000}
rooms=${2:-100}
port=18181
management_port=18182   # /q/health

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

measure() {
    local label=$1; shift
    local t0 pid status ready_ms idle_kb held_kb client
    t0=$(date +%s%N)
    # One client address opens every connection: lift the per-IP cap and upgrade budget (chat.limits.*) here.
    QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management_port QUARKUS_LOG_LEVEL=WARN CHAT_LIMITS_MAX_CONNECTIONS_PER_IP=0 \
        CHAT_LIMITS_UPGRADES_PER_SECOND_PER_IP=0 "$@" >/tmp/footprint-app.log 2>&1 &
    pid=$!
    until status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$management_port/q/health/ready") && [ "$status" = 200 ]; do
        kill -0 $pid 2>/dev/null || { echo "$label exited; see /tmp/footprint-app.log" >&2; return 1; }
        sleep 0.01
    done
    ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    sleep 2
    idle_kb=$(rss_kb $pid)
    coproc client { node --experimental-websocket bench/idle-connections.mjs "ws://127.0.0.1:$port" "$conns" "$rooms" 2>&1; }
    read -r line <&"${client[0]}"
    sleep 2
    held_kb=$(rss_kb $pid)
    kill -TERM "$client_PID" 2>/dev/null || true
    wait "$client_PID" 2>/dev/null || true
    kill -TERM $pid; wait $pid || true
    printf '| %s | %d ms | %d MiB | %d MiB (%s) | %.1f KiB |\n' "$label" "$ready_ms" $((idle_kb / 1024)) \
        $((held_kb / 1024)) "$line" "$(echo "($held_kb - $idle_kb) / $conns" | bc -l)"
}

echo "| artifact | start → ready | RSS idle | RSS with $conns connections | per connection |"
echo "|---|---|---|---|---|"
if [ -f target/quarkus-app/quarkus-run.jar ]; then
    measure "JVM ($(java -version 2>&1 | head -1 | cut -d'"' -f2))" java -jar target/quarkus-app/quarkus-run.jar
fi
for bin in target/*-runner; do
    [ -x "$bin" ] && measure "native ($(du -h "$bin" | cut -f1) binary)" "$bin"
done
