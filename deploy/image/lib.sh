# Shared by build-jvm-image.sh and build-native-image.sh, which source it (it does nothing when run on its own): the
# tools they install, and the base images they make with debootstrap and cache as tarballs.
#
# The sourcing script sets here (deploy/image) and repo (the repository root) before sourcing it, then calls
# parse_args "$@", which sets smoke_test and rebuild_base (true|false).
# shellcheck shell=bash disable=SC2154

# The Debian archive URIs this machine's own apt sources use (one-line .list or deb822 .sources files): the first
# that is (security) or is not (main) a -security archive. The images are built from what the host can reach.
apt_source_uri() {
    local want=$1 f
    for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        grep -hoE '^(URIs:|deb)[[:space:]].*' "$f" | grep -oE '[a-z]+://[^[:space:]]+' | while read -r uri; do
            case "$uri" in
                *-security*) [ "$want" = security ] && echo "${uri%/}" ;;
                *) [ "$want" = main ] && echo "${uri%/}" ;;
            esac
        done
    done | head -n1
}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(apt_source_uri main)}
DEBIAN_SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-$(apt_source_uri security)}
: "${DEBIAN_MIRROR:?no Debian archive in the apt sources: set DEBIAN_MIRROR}"
: "${DEBIAN_SECURITY_MIRROR:?no Debian security archive in the apt sources: set DEBIAN_SECURITY_MIRROR}"
CACHE_DIR=${CACHE_DIR:-$HOME/.cache/quarkus-chat-image}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}

# --smoke-test, --rebuild-base, --help (the sourcing script's header comment, up to its `set -euo`).
parse_args() {
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
}

step() { echo; echo "==> [${SECONDS}s] $*"; }

# Warns when anything under src/main or the pom is newer than the build output ARTIFACT; HINT says how to rebuild it.
warn_if_stale() {
    local artifact=$1 what=$2 hint=$3
    if [[ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$artifact" -print -quit)" ]]; then
        echo "warning: sources are newer than $what; run $hint to include them" >&2
    fi
}

require_root() {
    if [[ $EUID -ne 0 ]]; then
        echo "run as root: debootstrap, chroot and rootful podman need it" >&2
        exit 1
    fi
}

# --- Tools ---------------------------------------------------------------------------------------------------------

# Installs podman, runc and debootstrap, curl for the smoke test, and the Debian packages given as arguments, where
# missing. Podman uses deploy/image/containers.conf (runc, cgroupfs, no systemd or journald, ulimits that a host with
# a 20,000-file limit allows).
install_missing_tools() {
    local missing=("$@")
    command -v podman >/dev/null || missing+=(podman)
    command -v runc >/dev/null || missing+=(runc)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
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

# --- Base images ---------------------------------------------------------------------------------------------------

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

# Debian bookworm (minbase) with its updates in $1, then the shell commands $2 run in it as root (apt-get install...),
# then trimmed as Debian's slim images are: no docs but copyrights, no man pages, locales or apt lists.
make_rootfs() {
    local rootfs=$1 customize=$2
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
    # Some post-installation scripts need /proc (those of ca-certificates-java and the JRE run java).
    mount -t proc proc "$rootfs/proc"
    chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive sh -ec "
            apt-get update -q
            apt-get upgrade -y -q
            $customize
            apt-get clean
        "
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

# build_base_image IMAGE DESCRIPTION CUSTOMIZE [--change INSTRUCTION]...
# Imports IMAGE (unless present; --rebuild-base makes it again) from CACHE_DIR/<name-tag>.tar, which make_rootfs
# writes first if missing, with CUSTOMIZE as its commands. DESCRIPTION is the image's commit message; the --change
# options go to `podman import`, after ENV PATH, ENV LANG=C.UTF-8 and CMD ["/bin/bash"].
build_base_image() {
    local image=$1 description=$2 customize=$3
    shift 3
    local name=${image##*/}
    name=${name//:/-}
    local tarball="$CACHE_DIR/$name.tar" rootfs="$CACHE_DIR/$name.partial" log="$CACHE_DIR/$name.log"
    if [[ $rebuild_base == true ]]; then
        rm -f "$tarball"
    elif podman image exists "$image"; then
        echo "$image present"
        return
    fi

    if [[ ! -f "$tarball" ]]; then
        mkdir -p "$CACHE_DIR"
        remove_rootfs "$rootfs"
        echo "root filesystem ($description) in $rootfs (1-3 min; log: $log)"
        # Expanded now, on purpose: when the EXIT trap runs, this function's locals are gone.
        # shellcheck disable=SC2064
        trap "rootfs_failed $(printf '%q %q' "$rootfs" "$log")" EXIT
        make_rootfs "$rootfs" "$customize" >"$log" 2>&1
        trap - EXIT
        tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
        mv "$tarball.partial" "$tarball"
        remove_rootfs "$rootfs"
        echo "root filesystem: $(du -h "$tarball" | cut -f1) ($tarball)"
    fi

    echo "importing $tarball as $image"
    podman import --quiet \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        "$@" \
        --change 'CMD ["/bin/bash"]' \
        --message "$description" \
        "$tarball" "$image"
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

# --- Application image ---------------------------------------------------------------------------------------------

# build_app_image IMAGE BASE_IMAGE CONTAINERFILE: builds from the repository root (so .dockerignore applies), without
# pulling anything, and shows what came out.
build_app_image() {
    local image=$1 base_image=$2 containerfile=$3
    podman build --pull=never \
        --build-arg "BASE_IMAGE=$base_image" \
        -f "$containerfile" -t "$image" "$repo"
    echo
    podman images "$image"
    podman images --noheading "$base_image"
    echo
    podman image inspect "$image" \
        --format 'user {{.Config.User}}, workdir {{.Config.WorkingDir}}, ports {{.Config.ExposedPorts}}, {{len .RootFS.Layers}} layers'
}
