#!/usr/bin/env bash
# Cross-node delivery latency with chat.broker=redis: starts its own redis-server and two nodes from the packaged jar
# (build it first: ./mvnw package -DskipTests), sends MESSAGES at RATE per second from a member on node A to a member
# on node B, and prints p50/p99/p99.9/max. Everything runs on loopback and stops by itself.
# The servers and Redis share the machine's cores with the load generator (no pinning: there are only two here).
# Usage: bench/cross-node.sh [messages=5000] [rate=500]
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-5000}
rate=${2:-500}
redis_port=18379
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no >/tmp/cross-node-redis.log 2>&1 &
pids+=($!)
# Each node's management interface (/q/health) on its HTTP port + 1000.
for port in 18181 18182; do
    java -Dchat.broker=redis -Dquarkus.redis.hosts=redis://127.0.0.1:$redis_port -Dquarkus.http.port=$port \
        -Dquarkus.management.port=$((port + 1000)) \
        -Dchat.rate.messages-per-second=1000000 -Dchat.rate.burst=1000000 -Dquarkus.log.level=WARN \
        -Dchat.limits.upgrades-per-second-per-ip=0 \
        -jar target/quarkus-app/quarkus-run.jar >/tmp/cross-node-$port.log 2>&1 &
    pids+=($!)
done
for port in 18181 18182; do
    for _ in $(seq 1 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$((port + 1000))/q/health/ready)" = 200 ] && break
        sleep 0.1
    done
done
echo "redis-server $(redis-server --version | grep -o 'v=[0-9.]*'), two JVM nodes, $(nproc) cores shared, no pinning"
node --experimental-websocket bench/cross-node-latency.mjs ws://127.0.0.1:18181 ws://127.0.0.1:18182 "$messages" "$rate"
