#!/bin/sh
# The lab's base image for podman (or Docker), built offline from Debian's own packages: no registry is needed.
# Built once per machine and reused by every run (the lesson container-localhost, test/docker.test.ts, the bench);
# run again only when this machine's Node changes (the tag names its version).
#
#   sudo docker/build-base.sh            # podman (default)
#   sudo ENGINE=docker docker/build-base.sh
#
# Why each part:
# - debootstrap --variant=minbase: the smallest Debian root (~30 s from deb.debian.org), with curl so the container can
#   show what curl says from inside.
# - this machine's Node binary in /usr/local/bin: bookworm's nodejs is 18, below the lab's engines (>= 20). The
#   binary needs only libc and libstdc++, which minbase has (apt links them).
# - `import`, not `build`: an image from a tar needs no base image, hence no registry.
# - the label localhost-lab=base: the one lab image that the sweep and the leftover checks keep.
set -eu
ENGINE=${ENGINE:-podman}
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
NODE=${NODE:-$(command -v node)}
version=$("$NODE" --version)
IMAGE=${IMAGE:-localhost/localhost-lab-base:$SUITE-node${version#v}}

if [ "$(id -u)" != 0 ]; then echo "build-base.sh: debootstrap and the rootful engine need root (run it with sudo)" >&2; exit 2; fi
for tool in debootstrap "$ENGINE" tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-base.sh: $tool is not installed (apt-get install debootstrap podman runc)" >&2; exit 2; }
done
if [ "${FORCE:-0}" != 1 ] && "$ENGINE" image exists "$IMAGE" 2>/dev/null; then echo "$IMAGE"; exit 0; fi
if [ "$ENGINE" = docker ] && [ "${FORCE:-0}" != 1 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then echo "$IMAGE"; exit 0; fi

root=$(mktemp -d /var/tmp/localhost-lab-base.XXXXXX)
trap 'rm -rf "$root"' EXIT INT TERM
debootstrap --variant=minbase --include=curl,ca-certificates "$SUITE" "$root" "$MIRROR" >&2
install -m 0755 "$NODE" "$root/usr/local/bin/node"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | "$ENGINE" import \
  --change 'LABEL localhost-lab=base' \
  --change "LABEL localhost-lab.node=$version" \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  - "$IMAGE" >&2
echo "$IMAGE"
