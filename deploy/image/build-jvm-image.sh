#!/usr/bin/env bash
# Builds the chat service's JVM container image without a container registry: only the Debian mirror and Maven
# Central are needed. Run as root on Debian 12, from anywhere:
#
#   deploy/image/build-jvm-image.sh [--smoke-test] [--rebuild-base]
#
#     --smoke-test    then run deploy/image/smoke-test.sh against the new image
#     --rebuild-base  build the base image again even if cached (for Debian security updates: do it now and then)
#
#   Environment: IMAGE (default localhost/quarkus-chat:jvm), BASE_IMAGE (localhost/quarkus-chat-base:bookworm-jre17),
#   DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (default: the archives in this machine's apt sources),
#   CACHE_DIR (~/.cache/quarkus-chat-image).
#
# Steps, each skipped when its result is already there:
#   1. apt-get install podman, runc and debootstrap (a JDK for the Maven build, curl for the smoke test) if missing.
#      Podman uses deploy/image/containers.conf (runc, cgroupfs, no systemd or journald, ulimits that a host with
#      a 20,000-file limit allows).
#   2. The base image BASE_IMAGE: a Debian bookworm minbase root filesystem made with debootstrap, plus
#      openjdk-17-jre-headless (no recommends, no docs or man pages, no apt lists), the user 185, imported with
#      `podman import`. The root filesystem is kept as a tarball in CACHE_DIR, so re-importing needs no download.
#   3. target/quarkus-app, with `./mvnw -B -q package -DskipTests`, if it is missing (an older one is used as it is,
#      with a warning when sources are newer: run ./mvnw package yourself to refresh it).
#   4. IMAGE from deploy/image/Containerfile.jvm, build context = repository root (so .dockerignore applies). It has
#      no RUN step: the build needs no container runtime and no network.
# Steps 1, 2 and 4 are in deploy/image/lib.sh, shared with build-native-image.sh (the native executable's image).
#
# Time, measured on a 2-core VM near a fast Debian mirror: first run about 1 min (apt 6 s, debootstrap and JRE
# 35-70 s, Maven 10-30 s with ~/.m2 already filled, image 2 s); later runs about 1 s. The smoke test adds 3-6 s. A slow
# mirror or an empty ~/.m2 adds minutes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

IMAGE=${IMAGE:-localhost/quarkus-chat:jvm}
BASE_IMAGE=${BASE_IMAGE:-localhost/quarkus-chat-base:bookworm-jre17}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"
require_root

# The JRE's post-installation scripts need /proc (make_rootfs mounts it). The user of Dockerfile.jvm (UID 185), in
# group root so any UID in group 0 is treated alike.
jre_rootfs='
    apt-get install -y -q openjdk-17-jre-headless
    useradd --uid 185 --gid 0 --no-create-home --home-dir /deployments --shell /usr/sbin/nologin quarkus
'

# --- 3. Application ------------------------------------------------------------------------------------------------

build_app() {
    local jar="$repo/target/quarkus-app/quarkus-run.jar"
    if [[ -f "$jar" ]]; then
        echo "using $jar ($(date -r "$jar" '+%F %T'))"
        warn_if_stale "$jar" "the jar" "./mvnw package -DskipTests"
        return
    fi
    (cd "$repo" && ./mvnw -B -q package -DskipTests)
}

step "tools"
# ./mvnw needs a JDK 17 (only when target/quarkus-app has to be built).
jdk=()
if [[ ! -e "$repo/target/quarkus-app/quarkus-run.jar" ]] && ! command -v javac >/dev/null; then
    jdk=(openjdk-17-jdk-headless)
fi
install_missing_tools "${jdk[@]}"
step "base image $BASE_IMAGE"
# debootstrap builds for the host's architecture, and Debian names the JVM directory after it.
build_base_image "$BASE_IMAGE" "debootstrap bookworm minbase + openjdk-17-jre-headless" "$jre_rootfs" \
    --change "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)"
step "application (target/quarkus-app)"
build_app
step "image $IMAGE"
build_app_image "$IMAGE" "$BASE_IMAGE" "$here/Containerfile.jvm"
step "built $IMAGE"

if [[ $smoke_test == true ]]; then
    step "smoke test"
    IMAGE=$IMAGE "$here/smoke-test.sh"
    step "done"
fi
