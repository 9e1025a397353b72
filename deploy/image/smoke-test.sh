#!/usr/bin/env bash
# Smoke test of the chat service's container image, on loopback only. Run as root after build-jvm-image.sh:
#
#   deploy/image/smoke-test.sh [IMAGE]        (default: $IMAGE, else localhost/quarkus-chat:jvm)
#   NETWORK=host deploy/image/smoke-test.sh   (see 2.)
#
# 1. Checks that the JVM sizes its heap from the container's memory limit (75% of 512 MiB).
# 2. Starts IMAGE the way deploy/base/deployment.yaml runs the pod: read-only root file system, a 16 MiB tmpfs on
#    /tmp, UID 1001 in group 0, no capabilities, no privilege escalation, a 512 MiB memory limit. Reachable on
#    loopback only, at a free port:
#      NETWORK=bridge (default): in its own network namespace, as in a pod, the app listening where the image says
#        (0.0.0.0:8080), published on 127.0.0.1:<port> (through the CNI plugins and iptables that Debian's podman
#        depends on);
#      NETWORK=host: in the host's network namespace, the app bound to 127.0.0.1:<port> by arguments; for hosts whose
#        kernel has no netfilter, where bridge networking fails.
# 3. Waits (60 s at most) for GET /q/health/ready = 200 and prints how long that took from `podman run`.
# 4. Chat exchange with chat-check.mjs: alice and bob join one room, bob sends, both receive it.
# 5. Prints the container's memory (cgroup usage and the java process's RSS) with the two clients connected.
# 6. `podman stop` (SIGTERM): both clients must get close 1001, java must exit 0 or 143 (128 + SIGTERM) within the
#    30 s the Deployment allows, after logging its drain; shows the log's tail.
# The container is removed on exit, failed or not. Exit status 0 only if every check passed. Takes about 5 s.
#
# Needs podman (build-jvm-image.sh installs it), curl and Node 20.10+ (for its WebSocket client).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${1:-${IMAGE:-localhost/quarkus-chat:jvm}}
network=${NETWORK:-bridge}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}

container=quarkus-chat-smoke-$$
work=$(mktemp -d)
node_pid=

step() { echo; echo "==> $*"; }
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

cleanup() {
    local status=$?
    if [[ -n "$node_pid" ]]; then
        kill "$node_pid" 2>/dev/null || true
    fi
    if podman container exists "$container"; then
        if ((status != 0)); then
            echo "--- container log (last 30 lines) ---" >&2
            podman logs --tail 30 "$container" >&2 || true
        fi
        podman rm --force --time 0 "$container" >/dev/null
        echo "removed container $container"
    fi
    rm -rf "$work"
}
trap cleanup EXIT

command -v curl >/dev/null || fail "curl is missing (apt-get install -y curl)"
node --experimental-websocket -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null ||
    fail "Node 20.10+ is needed for its WebSocket client (found: $(node --version 2>/dev/null || echo none))"
podman image exists "$image" || fail "no image $image: run deploy/image/build-jvm-image.sh first"

step "heap for a 512 MiB memory limit (the image's JVM flags, then -XX:+PrintFlagsFinal -version)"
max_heap=$(podman run --rm --pull=never --memory 512m "$image" -XX:+PrintFlagsFinal -version |
    awk '$2 == "MaxHeapSize" { print $4 }')
echo "MaxHeapSize = $((max_heap / 1024 / 1024)) MiB"
((max_heap == 384 * 1024 * 1024)) || fail "expected 384 MiB (75% of 512 MiB)"

# A port nobody listens on now: the kernel's choice for port 0.
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')

case "$network" in
    bridge) network_options=(--publish "127.0.0.1:$port:8080"); app_arguments=() ;;
    host) network_options=(--network host); app_arguments=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port") ;;
    *) fail "NETWORK must be bridge or host, not $network" ;;
esac

step "podman run $image, $network network, on 127.0.0.1:$port"
start=$(now_ms)
podman run --detach --name "$container" --pull=never \
    --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=16m,mode=1777 \
    --user 1001:0 --cap-drop ALL --security-opt no-new-privileges \
    --memory 512m \
    "${network_options[@]}" \
    --env CHAT_BROKER=memory \
    "$image" "${app_arguments[@]}"

ready_url=http://127.0.0.1:$port/q/health/ready
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$ready_url")" == 200 ]]; do
    [[ "$(podman inspect --format '{{.State.Running}}' "$container")" == true ]] || fail "the container exited"
    (($(now_ms) - start < 60000)) || fail "$ready_url not 200 within 60 s"
    sleep 0.1
done
echo "ready: GET /q/health/ready = 200 after $(($(now_ms) - start)) ms from podman run"
podman logs "$container" 2>&1 | grep -E 'started in|Profile|Installed features' || true
curl -s "$ready_url" | tr -s ' \n' ' '
echo

step "chat exchange (node chat-check.mjs ws://127.0.0.1:$port)"
node --experimental-websocket --no-warnings "$here/chat-check.mjs" "ws://127.0.0.1:$port" smoke >"$work/chat.log" 2>&1 &
node_pid=$!
until grep -q '^waiting for the server to close' "$work/chat.log"; do
    if ! kill -0 "$node_pid" 2>/dev/null; then
        cat "$work/chat.log"
        fail "the chat exchange failed"
    fi
    sleep 0.1
done
cat "$work/chat.log"

step "memory, with two chat connections open"
podman stats --no-stream --format 'cgroup: {{.MemUsage}} ({{.MemPerc}}), {{.PIDs}} threads' "$container" ||
    echo "(podman stats failed: no memory cgroup for the container?)"
java_pid=$(podman inspect --format '{{.State.Pid}}' "$container")
echo "java (host pid $java_pid, PID 1 in the container): $(grep -E '^(VmRSS|VmHWM)' "/proc/$java_pid/status" | tr -s ' \t\n' ' ')"

step "podman stop (SIGTERM), as Kubernetes stops a pod"
stop_start=$(now_ms)
podman stop --time 30 "$container" >/dev/null
stop_ms=$(($(now_ms) - stop_start))
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$container")
echo "stopped in $stop_ms ms, exit code $exit_code"
node_status=0
wait "$node_pid" || node_status=$?
node_pid=
sed -n '/^waiting for the server to close/,$p' "$work/chat.log" | tail -n +2
podman logs "$container" >"$work/container.log" 2>&1
echo "--- container log, last 4 lines ---"
tail -n 4 "$work/container.log"

((node_status == 0)) || fail "the clients did not get close 1001"
[[ "$exit_code" == 0 || "$exit_code" == 143 ]] || fail "exit code $exit_code: killed, or failed to stop"
grep -q 'sent close 1001 to 2 connections' "$work/container.log" || fail "no drain in the log"
if grep -E ' ERROR |^\s+at ' "$work/container.log"; then
    fail "errors in the log"
fi

step "smoke test passed"
