#!/usr/bin/env bash
# Writes keepalived-j/src/cds/daemon.classlist: the classes a running VRRP daemon loads, from which the build
# dumps the daemon's static class-data-sharing archive (keepalived-j/pom.xml, target/keepalived-j-daemon.jsa).
# Run it again (as root) when the daemon's classes change much; a class missing from the list is not an error,
# it is loaded from the jar as without an archive, only at the cost of its metadata in the daemon's RSS.
#
# What it runs: two network namespaces joined by a veth pair (nothing else is touched), keepalived-j in both,
# the one being recorded in h1 with -XX:DumpLoadedClassList. h1's configuration is what a typical VRRP pair
# uses: v2 and v3 instances, one MASTER and one BACKUP (its peer in h2 is the master, so h1 receives adverts),
# a vrrp_script, notify scripts. The list is what h1 has loaded once it idles past the second gratuitous-ARP
# round and the release of its start-up pages. Unicast peers, sync groups, SMTP alerts, LVS, checkers, reload and shutdown are left out on purpose:
# every page of the mapped archive ends up resident, so an archived class that an idle daemon never loads
# still costs its pages (~8 KB a class), while a class loaded from the jar costs only from when it is used.
#
# Usage (root): tools/cds/daemon-classlist.sh            then rebuild: mvn -B -pl keepalived-j -am -DskipTests package
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
launcher=$root/keepalived-j/bin/keepalived-j
out=$root/keepalived-j/src/cds/daemon.classlist
if [ "$(id -u)" -ne 0 ]; then
    echo "daemon-classlist: needs root (network namespaces, raw sockets)" >&2
    exit 1
fi
if [ ! -r "$root/keepalived-j/target/keepalived-j.jar" ]; then
    echo "daemon-classlist: build the jar first: mvn -B -pl keepalived-j -am -DskipTests package" >&2
    exit 1
fi
h1=kjcl-h1-$$
h2=kjcl-h2-$$
work=$(mktemp -d /tmp/kjcl.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$h1" 2>/dev/null || true
    ip netns del "$h2" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$h1"
ip netns add "$h2"
ip -n "$h1" link add eth0 type veth peer name eth0 netns "$h2"
ip -n "$h1" addr add 10.98.0.1/24 dev eth0
ip -n "$h2" addr add 10.98.0.2/24 dev eth0
for ns in "$h1" "$h2"; do
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
done

# conf HOST PRIO_1 PRIO_2: VI_1 (v2) and VI_2 (v3), h1 higher on VI_1, h2 higher on VI_2.
conf() {
    cat <<EOF
global_defs {
    router_id $1
    script_user root
    enable_script_security
}
vrrp_script chk_true {
    script "/bin/true"
    interval 1
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 1
    priority $2
    advert_int 1
    version 2
    track_script {
        chk_true
    }
    notify_master "/bin/true master"
    notify_backup "/bin/true backup"
    notify "/bin/true"
    virtual_ipaddress {
        10.98.0.101/24 dev eth0
    }
}
vrrp_instance VI_2 {
    state BACKUP
    interface eth0
    virtual_router_id 2
    priority $3
    advert_int 1
    version 3
    virtual_ipaddress {
        10.98.0.102/24 dev eth0
    }
}
EOF
}
conf h1 150 50 >"$work/h1.conf"
conf h2 100 100 >"$work/h2.conf"

start() { # NS CONF PREFIX [JAVA_OPTS]
    KEEPALIVEDJ_JAVA_OPTS=${4:-} TMPDIR=$work ip netns exec "$1" "$launcher" -n -l -D -f "$2" \
        -p "$work/$3.pid" -r "$work/$3-vrrp.pid" -c "$work/$3-checkers.pid" -b "$work/$3-bfd.pid" \
        </dev/null >"$work/$3.log" 2>&1 &
    pids+=($!)
}
start "$h2" "$work/h2.conf" h2
sleep 2
start "$h1" "$work/h1.conf" h1 "-Xshare:off -XX:DumpLoadedClassList=$work/raw.classlist"
recorded=${pids[1]}
# VI_1: h1 becomes master (preempts h2) and sends its second GARP round 5 s later; VI_2: h1 stays backup.
# 30 s after start the daemon releases its start-up pages (keepalivedj.daemon.io.StartupPages; again 60 s later,
# with the same classes): its classes are part of every daemon's life.
sleep 35
# What a running daemon has loaded by now is the list. Classes a reload or the shutdown loads are left out: an
# archived class costs its pages for the daemon's whole life, one loaded from the jar only from when it is
# needed. (The JVM writes the list line by line as it goes; a last line cut short is dropped.)
cp "$work/raw.classlist" "$work/running.classlist"
kill -TERM "$recorded"
for _ in $(seq 1 100); do
    kill -0 "$recorded" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$recorded" 2>/dev/null; then
    echo "daemon-classlist: h1 did not stop on SIGTERM; log:" >&2
    cat "$work/h1.log" >&2
    exit 1
fi
if ! grep -q 'keepalivedj/daemon/vrrp' "$work/raw.classlist"; then
    echo "daemon-classlist: h1 never ran its VRRP daemon; log:" >&2
    cat "$work/h1.log" >&2
    exit 1
fi
# Dynamic proxies are generated at run time under a numbered name: not in the jar, nothing to archive.
sed '$d' "$work/running.classlist" | grep -v -E '\$Proxy[0-9]+( |$)' >"$out"
echo "daemon-classlist: $(grep -vc '^@' "$work/raw.classlist") classes loaded up to the exit, $(grep -vc '^@' "$out") while running"
echo "daemon-classlist: $(grep -vc '^@' "$out") classes, $(grep -c '^@' "$out") lambda lines -> $out"
