#!/usr/bin/env bash
# The chat load generator (protocol v1): builds bench/target/chat-bench.jar when it is missing or older than its
# sources, then runs one scenario with the generator pinned to CPU(s) $BENCH_CPUS (default: CPU 1 on a machine with
# two or more cores; BENCH_CPUS= for no pinning). Pin the server elsewhere (taskset -c 0 ...) and pass its pid.
# Usage: bench/run.sh connect|fanout|max|report [--flag value ...]     (bench/run.sh --help lists the flags)
#   e.g. bench/run.sh fanout --port 8080 --rooms 100 --members 10 --rate 5000 --server-pid "$(pgrep -f quarkus-run)"
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
jar=$bench/target/chat-bench.jar
if [ ! -f "$jar" ] || [ -n "$(find "$bench/src" "$bench/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "building $jar" >&2
    "$bench/../mvnw" -B -q -f "$bench/pom.xml" package -DskipTests >&2
fi
if [ -z "${BENCH_CPUS+set}" ] && [ "$(nproc)" -ge 2 ]; then
    BENCH_CPUS=1
fi
pin=()
if [ -n "${BENCH_CPUS:-}" ]; then
    pin=(taskset -c "$BENCH_CPUS")
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "${pin[@]}" java ${BENCH_JAVA_OPTS:--Xms256m -Xmx1g} -jar "$jar" "$@"
