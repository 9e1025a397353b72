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
#   DEBIAN_MIRROR (http://deb.debian.org/debian), DEBIAN_SECURITY_MIRROR (http://deb.debian.org/debian-security),
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
#
# Time, measured on a 2-core VM near a fast Debian mirror: first run about 1 min (apt 6 s, debootstrap and JRE
# 35-70 s, Maven 10-30 s with ~/.m2 already filled, image 2 s); later runs about 1 s. The smoke test adds 3-6 s. A slow
# mirror or an empty ~/.m2 adds minutes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

IMAGE=${IMAGE:-localhost/quarkus-chat:jvm}
BASE_IMAGE=${BASE_IMAGE:-localhost/quarkus-chat-base:bookworm-jre17}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
CACHE_DIR=${CACHE_DIR:-$HOME/.cache/quarkus-chat-image}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}

smoke_test=false
rebuild_base=false
for arg in "$@"; do
    case "$arg" in
        --smoke-test) smoke_test=true ;;
        --rebuild-base) rebuild_base=true ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
    esac
done

step() { echo; echo "==> [${SECONDS}s] $*"; }

if [[ $EUID -ne 0 ]]; then
    echo "run as root: debootstrap, chroot and rootful podman need it" >&2
    exit 1
fi

# --- 1. Tools ------------------------------------------------------------------------------------------------------

install_missing_tools() {
    local missing=()
    command -v podman >/dev/null || missing+=(podman)
    command -v runc >/dev/null || missing+=(runc)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    # ./mvnw needs a JDK 17 (only when target/quarkus-app has to be built).
    if [[ ! -e "$repo/target/quarkus-app/quarkus-run.jar" ]] && ! command -v javac >/dev/null; then
        missing+=(openjdk-17-jdk-headless)
    fi
    # The smoke test polls readiness with curl. Its other need, Node 20.10+, is newer than Debian 12's nodejs (18).
    if [[ $smoke_test == true ]] && ! command -v curl >/dev/null; then
        missing+=(curl)
    fi
    if ((${#missing[@]} == 0)); then
        echo "podman $(podman version --format '{{.Client.Version}}'), $(runc --version | head -n 1), debootstrap present"
        return
    fi
    echo "installing: ${missing[*]}"
    apt-get update -q
    # No recommends: podman's (buildah, slirp4netns, fuse-overlayfs, uidmap...) serve rootless use; this runs as root.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# --- 2. Base image -------------------------------------------------------------------------------------------------

# Unmounts whatever is mounted at or below $1, deepest first (debootstrap leaves /proc and /sys mounted if it fails).
unmount_below() {
    local mountpoint
    awk -v root="$1" '$2 == root || index($2, root "/") == 1 { print $2 }' /proc/mounts | sort -r |
        while read -r mountpoint; do umount --lazy "$mountpoint"; done
}

# Removes a half-built root filesystem, but never while something is still mounted in it.
remove_rootfs() {
    local rootfs=$1
    [[ -d "$rootfs" ]] || return 0
    unmount_below "$rootfs"
    if awk -v root="$rootfs" 'index($2, root "/") == 1 { found = 1 } END { exit !found }' /proc/mounts; then
        echo "not removing $rootfs: something is still mounted below it" >&2
        return 1
    fi
    rm -rf "$rootfs"
}

# Debian bookworm (minbase) + openjdk-17-jre-headless in $1, trimmed.
make_rootfs() {
    local rootfs=$1
    debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR"

    # Updates and security updates too: debootstrap only knows the release itself.
    cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $DEBIAN_MIRROR bookworm main
deb $DEBIAN_MIRROR bookworm-updates main
deb $DEBIAN_SECURITY_MIRROR bookworm-security main
EOF
    # What Debian's own slim images leave out, for this and any later apt-get install on the image.
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOF
    cat >"$rootfs/etc/apt/apt.conf.d/no-recommends" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
    # The post-installation scripts of ca-certificates-java and the JRE run java, which needs /proc.
    mount -t proc proc "$rootfs/proc"
    chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive sh -ec '
            apt-get update -q
            apt-get upgrade -y -q
            apt-get install -y -q openjdk-17-jre-headless
            apt-get clean
            # The user of Dockerfile.jvm (UID 185), in group root so any UID in group 0 is treated alike.
            useradd --uid 185 --gid 0 --no-create-home --home-dir /deployments --shell /usr/sbin/nologin quarkus
        '
    umount "$rootfs/proc"

    # What debootstrap installed before the dpkg excludes were there, and what only the build needed.
    find "$rootfs/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
    find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
    rm -rf "$rootfs"/usr/share/{man,info,locale,lintian}/* \
        "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
        "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old \
        "$rootfs"/var/log/apt/* "$rootfs"/var/log/{alternatives.log,bootstrap.log,dpkg.log}
    # debootstrap copied these from the host; the container runtime provides its own.
    : >"$rootfs/etc/resolv.conf"
    echo localhost >"$rootfs/etc/hostname"
}

build_base_image() {
    local name=${BASE_IMAGE##*/}
    local tarball="$CACHE_DIR/${name//:/-}.tar" rootfs="$CACHE_DIR/rootfs.partial" log="$CACHE_DIR/rootfs.log"
    if [[ $rebuild_base == true ]]; then
        rm -f "$tarball"
    elif podman image exists "$BASE_IMAGE"; then
        echo "$BASE_IMAGE present"
        return
    fi

    if [[ ! -f "$tarball" ]]; then
        mkdir -p "$CACHE_DIR"
        remove_rootfs "$rootfs"
        echo "debootstrap bookworm + openjdk-17-jre-headless into $rootfs (1-3 min; log: $log)"
        # Expanded now, on purpose: when the EXIT trap runs, this function's locals are gone.
        # shellcheck disable=SC2064
        trap "rootfs_failed $(printf '%q %q' "$rootfs" "$log")" EXIT
        make_rootfs "$rootfs" >"$log" 2>&1
        trap - EXIT
        tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
        mv "$tarball.partial" "$tarball"
        remove_rootfs "$rootfs"
        echo "root filesystem: $(du -h "$tarball" | cut -f1) ($tarball)"
    fi

    # debootstrap builds for the host's architecture, and Debian names the JVM directory after it.
    local java_home
    java_home=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
    echo "importing $tarball as $BASE_IMAGE"
    podman import --quiet \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change "ENV JAVA_HOME=$java_home" \
        --change 'CMD ["/bin/bash"]' \
        --message "debootstrap bookworm minbase + openjdk-17-jre-headless" \
        "$tarball" "$BASE_IMAGE"
    if [[ $rebuild_base == true ]]; then
        echo "the previous base and application images stay, untagged, until podman image prune"
    fi
}

# On a failed make_rootfs: shows the end of its log and removes the half-built root filesystem.
rootfs_failed() {
    local rootfs=$1 log=$2
    echo "building the root filesystem failed; last lines of $log:" >&2
    tail -n 25 "$log" >&2
    remove_rootfs "$rootfs"
}

# --- 3. Application ------------------------------------------------------------------------------------------------

build_app() {
    local jar="$repo/target/quarkus-app/quarkus-run.jar"
    if [[ -f "$jar" ]]; then
        echo "using $jar ($(date -r "$jar" '+%F %T'))"
        if [[ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit)" ]]; then
            echo "warning: sources are newer than the jar; run ./mvnw package -DskipTests to include them" >&2
        fi
        return
    fi
    (cd "$repo" && ./mvnw -B -q package -DskipTests)
}

# --- 4. Application image ------------------------------------------------------------------------------------------

build_app_image() {
    podman build --pull=never \
        --build-arg "BASE_IMAGE=$BASE_IMAGE" \
        -f "$here/Containerfile.jvm" -t "$IMAGE" "$repo"
    echo
    podman images "$IMAGE"
    podman images --noheading "$BASE_IMAGE"
    echo
    podman image inspect "$IMAGE" \
        --format 'user {{.Config.User}}, workdir {{.Config.WorkingDir}}, ports {{.Config.ExposedPorts}}, {{len .RootFS.Layers}} layers'
}

step "tools"
install_missing_tools
step "base image $BASE_IMAGE"
build_base_image
step "application (target/quarkus-app)"
build_app
step "image $IMAGE"
build_app_image
step "built $IMAGE"

if [[ $smoke_test == true ]]; then
    step "smoke test"
    IMAGE=$IMAGE "$here/smoke-test.sh"
    step "done"
fi
