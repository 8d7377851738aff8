#!/usr/bin/env bash
# Runs every test of keepalived-j, as CI does (.ci/run calls exactly this).
# Installs what the build and tests need when it is missing — gcc for the health checks' JNI library; the tests
# run real keepalived 2.2.7, libpcap, killall, network namespaces and a qemu VM with Debian's kernel for IPVS
# (ipvs-bridge/vm/build.sh downloads the kernel package with apt-get download, unpacks it into a cache and never
# installs it) — then runs `mvn -B verify`.
# Needs root (namespaces, raw sockets), Java 17 and Maven; Debian's apt and Maven Central must be reachable.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

packages=(keepalived libpcap0.8 psmisc iproute2 util-linux tcpdump python3 qemu-system-x86 busybox-static ipvsadm xz-utils curl gcc libc6-dev)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    echo "run-tests: installing ${missing[*]}"
    apt-get update -qq
    # A policy-rc.d that says "no" keeps the keepalived package from starting a daemon on this machine.
    added_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        added_policy=1
    fi
    status=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
    [ -n "$added_policy" ] && rm -f /usr/sbin/policy-rc.d
    if [ "$status" -ne 0 ]; then
        echo "run-tests: apt-get install failed ($status)" >&2
        exit "$status"
    fi
fi

exec mvn -B verify "$@"
