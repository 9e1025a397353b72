#!/usr/bin/env bash
# Soak test (issue #17): three runs of the generator's soak scenario, each MINUTES long, against servers it starts
# itself on loopback: (1) one node, memory broker; (2) two nodes on Redis, Redis restarted half-way (SHUTDOWN SAVE
# and a new process); (3) two nodes on Redis replaced one at a time (SIGTERM, a fresh node on the same port) while the
# steady members keep talking and resume with ?since= as the page does. In every run steady members count every copy
# of every message, abusers (churners, flooders, never-readers, oversized and fragmented frames, bad subprotocols,
# idle TCP connections, half request lines) run alongside, and memory is read after warm-up and at the end.
# A run fails on any lost or duplicated steady copy or memory over budget; the script exits 1 if any run failed.
#
# Usage: bench/soak.sh [minutes=10] [--native]        (every run's full output: bench/results/raw/soak-<run>.txt)
#   env: RUNS="single redis rolling", SERVER_CPUS=0, BENCH_CPUS=1, SERVICE_JAR, NATIVE_BIN, SERVER_OPTS (-Xmx256m),
#        SERVER_SETTINGS ("-Dk=v ..." for every node), WARMUP (default: a fifth of a run, at most 60s),
#        SOAK_FLAGS (more generator flags: bench/run.sh --help, "soak")
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
minutes=10
native=false
for arg in "$@"; do
    case $arg in
    --native) native=true ;;
    ''|*[!0-9]*) echo "usage: bench/soak.sh [minutes] [--native]" >&2; exit 2 ;;
    *) minutes=$arg ;;
    esac
done
[ "$minutes" -ge 1 ] || { echo "minutes must be at least 1" >&2; exit 2; }
RUNS=${RUNS:-single redis rolling}
SERVER_CPUS=${SERVER_CPUS-0}
export BENCH_CPUS=${BENCH_CPUS-1}
SERVER_OPTS=${SERVER_OPTS:--Xmx256m}
SERVER_SETTINGS=${SERVER_SETTINGS:-}
seconds=$((minutes * 60))
warmup=${WARMUP:-$((seconds / 5 < 60 ? seconds / 5 : 60))s}
raw=$bench/results/raw
mkdir -p "$raw"

log() { echo "[soak $(date +%H:%M:%S)] $*" >&2; }

server=()
if [ "$native" = true ]; then
    NATIVE_BIN=${NATIVE_BIN:-$(ls "$root"/target/*-runner 2>/dev/null | head -n1 || true)}
    [ -n "$NATIVE_BIN" ] && [ -x "$NATIVE_BIN" ] || { log "no native binary: ./mvnw package -Dnative"; exit 2; }
    server=(--server-bin "$NATIVE_BIN")
else
    SERVICE_JAR=${SERVICE_JAR:-$root/target/quarkus-app/quarkus-run.jar}
    if [ ! -f "$SERVICE_JAR" ]; then
        log "building the service: ./mvnw package -DskipTests"
        (cd "$root" && ./mvnw -B -q package -DskipTests)
    fi
    server=(--server-jar "$SERVICE_JAR")
fi
command -v redis-server >/dev/null || case " $RUNS " in *" redis "*|*" rolling "*) log "redis-server not found"; exit 2 ;; esac

failed=()
summary=()
for run in $RUNS; do
    log "run '$run': ${minutes} min (warm-up $warmup), output in $raw/soak-$run.txt"
    set +e
    # shellcheck disable=SC2086 # SOAK_FLAGS is a list of flags
    # Bounded: the run, plus start-ups, drains and restarts; the generator kills its servers when stopped.
    timeout --kill-after=30 $((seconds + 600)) "$bench/run.sh" soak --mode "$run" --duration "${seconds}s" --warmup "$warmup" "${server[@]}" \
        --server-opts "$SERVER_OPTS" --server-settings "$SERVER_SETTINGS" --server-cpus "$SERVER_CPUS" \
        --log-dir "$raw" ${SOAK_FLAGS:-} 2>&1 | tee "$raw/soak-$run.txt"
    status=${PIPESTATUS[0]}
    set -e
    summary+=("$run: $(grep -E '^verdict:|^FAILED:' "$raw/soak-$run.txt" | tail -n1 || echo "exit $status")")
    [ "$status" = 0 ] || failed+=("$run")
done
printf '%s\n' "" "soak summary (${minutes} min a run):" "${summary[@]}"
[ ${#failed[@]} -eq 0 ] || { log "failed: ${failed[*]}"; exit 1; }
