#!/usr/bin/env bash
# Builds the chat service's native container image, the one deploy/base/deployment.yaml runs, without a container
# registry: only the Debian mirror is needed. Run as root on Debian 12, from anywhere, after building the native
# executable (this script does not build it):
#
#   ./mvnw package -Dnative                 # docs/operations.md, "Native executable": GraalVM/Mandrel 25, or the shared toolchain
#   deploy/image/build-native-image.sh [--smoke-test] [--rebuild-base]
#
#     --smoke-test    then run deploy/image/smoke-test.sh against the new image
#     --rebuild-base  build the base image again even if cached (for Debian security updates: do it now and then)
#
#   Environment: IMAGE (default localhost/quarkus-chat:native), BASE_IMAGE (localhost/quarkus-chat-base:bookworm-minbase),
#   DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (default: the archives in this machine's apt sources),
#   CACHE_DIR (~/.cache/quarkus-chat-image).
#
# Steps (1, 3 and 4 shared with build-jvm-image.sh, in lib.sh):
#   1. apt-get install podman, runc and debootstrap (curl for the smoke test) if missing. Podman uses
#      deploy/image/containers.conf.
#   2. Checks that there is exactly one target/*-runner, an ELF executable; if there is none, says how to build it and
#      exits with status 1. An older one is used as it is, with a warning when sources are newer.
#   3. The base image BASE_IMAGE, unless present: a Debian bookworm minbase root filesystem made with debootstrap, with
#      its updates and nothing added but the directory /work (owned 1001:0). Minbase already has every library the
#      executable links (glibc, zlib; libstdc++ and libgcc too). No docs, man pages, locales or apt lists. Imported
#      with `podman import`; the root filesystem is kept as a tarball in CACHE_DIR, so re-importing needs no download.
#   4. IMAGE from deploy/image/Containerfile.native, build context = repository root (so .dockerignore applies). No
#      RUN step: the build needs no container runtime and no network.
#
# Time on a 2-core VM: first run about 30-60 s (debootstrap; less with a near mirror), later runs about 1 s. The
# smoke test adds about 3 s.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

IMAGE=${IMAGE:-localhost/quarkus-chat:native}
BASE_IMAGE=${BASE_IMAGE:-localhost/quarkus-chat-base:bookworm-minbase}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"
require_root

# `ldd target/*-runner`: libc.so.6, libz.so.1 (and ld-linux). Minbase has them (dpkg and apt depend on zlib1g,
# libstdc++6 and libgcc-s1); installing them again only marks them as wanted, so a later `apt-get autoremove` in a
# derived image keeps them. /work is the executable's directory and working directory, as in quarkus-micro-image:
# owned by 1001, group root, group-writable, so any UID in group 0 is treated alike. Made here, because the
# Containerfile has no RUN step.
native_rootfs='
    apt-get install -y -q libc6 zlib1g libgcc-s1 libstdc++6
    install -d -o 1001 -g 0 -m 0775 /work
'

# Exactly one target/*-runner (Containerfile.native copies target/*-runner to one file), an ELF executable.
check_runner() {
    local runners=("$repo"/target/*-runner)
    if [[ ! -f "${runners[0]}" ]]; then
        cat >&2 <<EOF
no native executable: $repo/target/*-runner is missing. This script does not build it (minutes of CPU, several GiB of
memory). Build it first, from $repo (docs/operations.md, "Native executable"):

  ./mvnw package -Dnative                                         # GraalVM/Mandrel 25 installed, GRAALVM_HOME set
  ./mvnw package -Dnative -Dquarkus.native.container-build=true   # with a container runtime and the Mandrel builder image

then run $0 again.
EOF
        exit 1
    fi
    if ((${#runners[@]} > 1)); then
        echo "more than one native executable; keep one (Containerfile.native copies target/*-runner):" >&2
        printf '  %s\n' "${runners[@]}" >&2
        exit 1
    fi
    local runner=${runners[0]}
    if [[ "$(head -c 4 "$runner" | od -An -c | tr -d ' \n')" != '177ELF' ]]; then
        echo "$runner is not an ELF executable: build it for Linux (./mvnw package -Dnative)" >&2
        exit 1
    fi
    echo "using $runner ($(du -h "$runner" | cut -f1), $(date -r "$runner" '+%F %T'))"
    warn_if_stale "$runner" "the native executable" "./mvnw package -Dnative"
}

step "tools"
# shellcheck disable=SC2119 # no packages needed beyond the common ones
install_missing_tools
step "native executable (target/*-runner)"
check_runner
step "base image $BASE_IMAGE"
build_base_image "$BASE_IMAGE" "debootstrap bookworm minbase, for a native executable" "$native_rootfs"
step "image $IMAGE"
build_app_image "$IMAGE" "$BASE_IMAGE" "$here/Containerfile.native"
step "built $IMAGE"

if [[ $smoke_test == true ]]; then
    step "smoke test"
    IMAGE=$IMAGE "$here/smoke-test.sh"
    step "done"
fi
