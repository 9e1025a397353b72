#!/usr/bin/env bash
# Smoke test of the chat service's container image, JVM or native, on loopback only. Run as root after
# build-jvm-image.sh or build-native-image.sh:
#
#   deploy/image/smoke-test.sh [IMAGE]        (default: $IMAGE, else localhost/quarkus-chat:jvm)
#   IMAGE=localhost/quarkus-chat:native deploy/image/smoke-test.sh
#   NETWORK=host deploy/image/smoke-test.sh   (see 2.)
#
#   KIND=jvm|native: which image it is; by default native unless the image's entry point runs java.
#   APP_ARGS: the container's arguments, default -Xmx320m (deploy/base/deployment.yaml's args; both images take them).
#
# 1. JVM: checks that the JVM sizes its heap from the container's memory limit (75% of 512 MiB, without APP_ARGS).
#    Native: checks that every library the executable links is in the image (ldd ./application).
# 2. Starts IMAGE the way deploy/base/deployment.yaml runs the pod: APP_ARGS as arguments, read-only root file system,
#    a 16 MiB tmpfs on /tmp, UID 1001 in group 0, no capabilities, no privilege escalation, a 512 MiB memory limit.
#    Reachable on loopback only, at a free port:
#      NETWORK=bridge (default): in its own network namespace, as in a pod, the app listening where the image says
#        (0.0.0.0:8080), published on 127.0.0.1:<port> (through the CNI plugins and iptables that Debian's podman
#        depends on);
#      NETWORK=host: in the host's network namespace, the app bound to 127.0.0.1:<port> by arguments; for hosts whose
#        kernel has no netfilter, where bridge networking fails.
# 3. Waits (60 s at most) for GET /q/health/ready = 200 (on the management port) and prints how long that took from `podman run` and from the
#    container's start.
# 4. Chat exchange with chat-check.mjs: alice and bob join one room, bob sends, both receive it.
# 5. Prints what the application wrote to /tmp, and checks that the root file system is read-only.
# 6. Prints the container's memory (cgroup usage; the RSS of its process, anonymous and file-backed) with the two
#    clients connected.
# 7. `podman stop` (SIGTERM): both clients must get close 1001, the process must exit 0 or 143 (128 + SIGTERM) within
#    the 30 s the Deployment allows, after logging its drain; shows the log's tail.
# The container is removed on exit, failed or not. Exit status 0 only if every check passed. Takes about 5 s (JVM),
# 3 s (native).
#
# Needs podman (build-jvm-image.sh installs it), curl and Node 20.10+ (for its WebSocket client).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${1:-${IMAGE:-localhost/quarkus-chat:jvm}}
network=${NETWORK:-bridge}
read -r -a app_arguments <<<"${APP_ARGS--Xmx320m}"
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
podman image exists "$image" ||
    fail "no image $image: run deploy/image/build-jvm-image.sh or build-native-image.sh first"

if [[ -z "${KIND:-}" ]]; then
    KIND=native
    if [[ "$(podman image inspect --format '{{json .Config.Entrypoint}}' "$image")" == *java* ]]; then
        KIND=jvm
    fi
fi
case "$KIND" in
    jvm) process=java ;;
    native) process=application ;;
    *) fail "KIND must be jvm or native, not $KIND" ;;
esac
echo "$image: $KIND image; container arguments: ${app_arguments[*]:-(none)}"

if [[ $KIND == jvm ]]; then
    step "heap for a 512 MiB memory limit (the image's JVM flags, then -XX:+PrintFlagsFinal -version)"
    max_heap=$(podman run --rm --pull=never --memory 512m "$image" -XX:+PrintFlagsFinal -version |
        awk '$2 == "MaxHeapSize" { print $4 }')
    echo "MaxHeapSize = $((max_heap / 1024 / 1024)) MiB"
    ((max_heap == 384 * 1024 * 1024)) || fail "expected 384 MiB (75% of 512 MiB)"
else
    step "libraries of the executable (ldd ./application in the image)"
    podman run --rm --pull=never --user 1001:0 --entrypoint ldd "$image" ./application >"$work/ldd.txt" 2>&1 ||
        { cat "$work/ldd.txt"; fail "ldd ./application failed"; }
    cat "$work/ldd.txt"
    if grep -q 'not found' "$work/ldd.txt"; then
        fail "libraries missing from the image"
    fi
fi

# A port nobody listens on now: the kernel's choice for port 0.
free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}
port=$(free_port)
# The management interface (health, metrics: quarkus.management.port, 9000 in the image) on a second free port.
management_port=$(free_port)

case "$network" in
    bridge) network_options=(--publish "127.0.0.1:$port:8080" --publish "127.0.0.1:$management_port:9000") ;;
    host)
        network_options=(--network host)
        app_arguments+=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port"
            -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port")
        ;;
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

ready_url=http://127.0.0.1:$management_port/q/health/ready
polls=0
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$ready_url")" == 200 ]]; do
    # podman inspect takes tens of ms: only now and then, so that the time to readiness stays exact to ~20 ms.
    if ((polls++ % 25 == 0)); then
        [[ "$(podman inspect --format '{{.State.Running}}' "$container")" == true ]] || fail "the container exited"
    fi
    (($(now_ms) - start < 60000)) || fail "$ready_url not 200 within 60 s"
    sleep 0.02
done
ready=$(now_ms)
started=$(podman inspect --format '{{.State.StartedAt.UnixMilli}}' "$container")
echo "ready: GET /q/health/ready = 200 after $((ready - start)) ms from podman run," \
    "$((ready - started)) ms from the container's start (polled every 20 ms)"
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

step "file system: what the application wrote to /tmp; the root is read-only"
podman exec "$container" find /tmp -mindepth 1 -maxdepth 3 -printf '%M %u:%g %5k KiB %p\n' ||
    echo "(podman exec failed)"
# In the image's working directory (/work or /deployments): a read-only mount refuses the write with EROFS before any
# permission check, so that error, and only that one, shows the root file system read-only.
if podman exec "$container" touch probe 2>"$work/touch.txt"; then
    fail "the root file system is writable"
fi
echo "touch probe (in the working directory): $(sed 's/^touch: //' "$work/touch.txt")"
grep -q 'Read-only file system' "$work/touch.txt" || fail "expected EROFS (Read-only file system)"

step "memory, with two chat connections open"
podman stats --no-stream --format 'cgroup: {{.MemUsage}} ({{.MemPerc}}), {{.PIDs}} threads' "$container" ||
    echo "(podman stats failed: no memory cgroup for the container?)"
pid=$(podman inspect --format '{{.State.Pid}}' "$container")
# RssFile is mostly the mapped executable or JVM libraries: page cache, shared, and charged to the cgroup only where
# this container read it first, so the cgroup's usage can be well below VmRSS.
echo "$process (host pid $pid, PID 1 in the container):" \
    "$(grep -E '^(VmRSS|VmHWM|RssAnon|RssFile)' "/proc/$pid/status" | tr -s ' \t\n' ' ')"

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
[[ "$exit_code" == 0 || "$exit_code" == 143 ]] || fail "$process exit code $exit_code: killed, or failed to stop"
grep -q 'sent close 1001 to 2 connections' "$work/container.log" || fail "no drain in the log"
if grep -E ' ERROR |^\s+at ' "$work/container.log"; then
    fail "errors in the log"
fi

step "smoke test passed ($KIND image $image)"
