#!/usr/bin/env bash
# Benchmark (not a test): how far an idle one-instance master can go down in a JVM. Runs side by side, each in
# its own throwaway network namespace (a veth pair inside it; nothing in the root namespace), all measured over
# the same window so they share the machine's conditions:
#   keepalived 2.2.7       one VRRPv2 instance, MASTER, advert_int 1
#   keepalived-j           the same configuration, through the shipped launcher
#   JVM: park only         a JVM with the launcher's daemon flags that wakes once a second and does nothing
#   JVM: park + advert     the same, plus the daemon's PcapLink (receive thread, send handle) sending one
#                          54-byte advert per wake-up: the least any JVM master using pcap4j can cost
#   C: epoll_wait only     (when gcc is there) a C loop waking once a second, keepalived's own floor
# CPU time = the sum of /proc/PID/task/*/schedstat over every thread, WARM s after start, over SECS s.
# The JVM programs get exactly the launcher's flags: the launcher is run once with a JAVA_HOME whose "java"
# prints its arguments. Usage: tools/bench/jvm-floor.sh (root; keepalived-j built with its test classes:
# mvn -B -DskipTests -pl keepalived-j -am package). Env: SECS (60), WARM (120), THREADS=1 (each
# thread's share, by name).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
secs=${SECS:-60}
warm=${WARM:-120} # keepalived-j releases its start-up pages 30 s and 90 s after start: the window opens after that
work=$(mktemp -d)
tag=kjfl$$
pids=()
nss=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    for n in "${nss[@]}"; do ip netns del "$n" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

jar=$root/keepalived-j/target/keepalived-j.jar
tests=$root/keepalived-j/target/test-classes
[ -r "$jar" ] && [ -r "$tests/keepalivedj/daemon/it/lab/JvmFloor.class" ] || {
    echo "build first: mvn -B -DskipTests -pl keepalived-j -am package" >&2
    exit 1
}

# The launcher's daemon flags, as it would give them to java.
mkdir -p "$work/jdk/bin"
cat > "$work/jdk/bin/java" <<'SHIM'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done
SHIM
chmod +x "$work/jdk/bin/java"
flags=()
while IFS= read -r a; do
    [ "$a" = -jar ] && break
    flags+=("$a")
done < <(JAVA_HOME=$work/jdk "$root/keepalived-j/bin/keepalived-j" -n)
export _JAVA_SR_SIGNUM=40

netns() { # $1: name suffix; sets $n to the namespace, with eth0 (10.98.0.1/24) up and its peer up
    n=$tag$1 # not $(netns ...): in a subshell the cleanup list below would not see the namespace
    ip netns add "$n"
    nss+=("$n")
    ip -n "$n" link add eth0 type veth peer name peer0
    ip -n "$n" addr add 10.98.0.1/24 dev eth0
    ip -n "$n" link set eth0 up
    ip -n "$n" link set peer0 up
    ip -n "$n" link set lo up
}

cat > "$work/k.conf" <<'CONF'
global_defs {
    router_id floor
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        10.98.0.100/24
    }
}
CONF

names=()
start() { # $1: row name, $2: namespace, rest: command
    local name=$1 n=$2
    shift 2
    ip netns exec "$n" "$@" > "$work/${#names[@]}.log" 2>&1 &
    pids+=($!)
    names+=("$name")
}

netns a
start "keepalived 2.2.7" "$n" keepalived -n -l -D -f "$work/k.conf" -p "$work/ka.pid" -r "$work/kav.pid" \
    -c "$work/kac.pid"
netns b
start "keepalived-j" "$n" "$root/keepalived-j/bin/keepalived-j" -n -l -D -f "$work/k.conf" -p "$work/kj.pid" \
    -r "$work/kjv.pid" -c "$work/kjc.pid"
netns c
start "JVM: park only" "$n" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor park
netns d
start "JVM: park + advert" "$n" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor send eth0
netns f
start "JVM: epoll only" "$n" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor epoll
netns g
start "JVM: epoll + advert" "$n" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor epoll-send eth0
if command -v gcc > /dev/null; then
    cat > "$work/floor.c" <<'C'
#include <sys/epoll.h>
int main(void) { struct epoll_event ev; int e = epoll_create1(0); for (;;) epoll_wait(e, &ev, 1, 1000); }
C
    gcc -O2 -o "$work/floor" "$work/floor.c"
    netns e
    start "C: epoll_wait only" "$n" "$work/floor"
fi

sleep "$warm"
threads() { # $1: launched pid -> "tid ns-on-CPU" of every thread of it and its descendants (keepalived forks)
    local p t ns
    for p in $1 $(pgrep -P "$1" 2>/dev/null) $(for c in $(pgrep -P "$1" 2>/dev/null); do pgrep -P "$c"; done); do
        for t in /proc/"$p"/task/*; do
            read -r ns _ < "$t/schedstat" 2>/dev/null && echo "${t##*/} $ns"
        done
    done
}
# CPU over the window thread by thread: a thread that ends in the window drops out of the sum instead of taking its
# whole life's CPU off it (summing the live threads at each reading went negative while a JVM was still starting)
declare -A before
for i in "${!pids[@]}"; do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "${names[$i]} did not start:"; cat "$work/$i.log"; exit 1; }
    while read -r t ns; do before[$i.$t]=$ns; done < <(threads "${pids[$i]}")
done
sleep "$secs"
printf 'idle CPU over %s s, %s s after start (load: %s)\n' "$secs" "$warm" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %14s %16s\n' "" "ms per 60 s" "us per wake-up"
for i in "${!pids[@]}"; do
    d=0
    while read -r t ns; do d=$((d + ns - ${before[$i.$t]:-0})); done < <(threads "${pids[$i]}")
    awk -v n="${names[$i]}" -v d="$d" -v s="$secs" \
        'BEGIN { printf "%-24s %14.2f %16.1f\n", n, d / 1e6 * 60 / s, d / 1e3 / s }'
    if [ -n "${THREADS:-}" ]; then # where it goes: every thread that ran in the window, by name
        while read -r t ns; do
            dt=$((ns - ${before[$i.$t]:-0}))
            [ "$dt" -gt 0 ] && printf '    %-20s %14.2f\n' "$(cat /proc/*/task/"$t"/comm 2>/dev/null | head -1)" \
                "$(awk -v d="$dt" -v s="$secs" 'BEGIN { print d / 1e6 * 60 / s }')"
        done < <(threads "${pids[$i]}")
    fi
done
