#!/usr/bin/env bash
# Benchmark (not a test): idle one-instance masters sending their adverts by multicast and by unicast
# (unicast_src_ip / unicast_peer), keepalived 2.2.7 and keepalived-j side by side over the same windows.
# vrrp-bench.sh measures multicast only; unicast adverts take another path (a raw IP socket and the kernel's
# route and neighbour lookup), so this shows what an operator with unicast peers pays.
#
# Each daemon runs in a throwaway namespace of its own with eth0 (10.98.0.1/24), whose veth peer is in a second
# throwaway namespace (10.98.0.2/24, the unicast peer; no daemon there, so nothing answers). Nothing in the root
# namespace is touched; everything is removed on exit.
# CPU time = the sum of /proc/PID/task/*/schedstat over every thread of the daemon's processes, WARM s after start,
# over WINDOWS windows of 60 s; each row is the mean of COPIES processes (keepalived: one each) x WINDOWS.
# Usage (root): tools/bench/idle-unicast.sh   Env: COPIES (2), WINDOWS (2), WARM (150).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
copies=${COPIES:-2}
windows=${WINDOWS:-2}
warm=${WARM:-150}
if [ "$(id -u)" -ne 0 ]; then
    echo "idle-unicast: needs root (network namespaces, raw sockets)" >&2
    exit 1
fi
[ -r "$root/keepalived-j/target/keepalived-j.jar" ] || {
    echo "build first: mvn -B -DskipTests -pl keepalived-j -am package" >&2
    exit 1
}
tag=kjiu$$
. "$root/tools/bench/lab.sh"
names=()

conf() { # $1: name, $2: lines for the instance
    printf 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100
    advert_int 1\n%s    virtual_ipaddress {\n        10.98.0.100/24\n    }\n}\n' "$2" > "$work/$1.conf"
}
conf multicast ''
conf unicast '    unicast_src_ip 10.98.0.1
    unicast_peer {
        10.98.0.2
    }
'
start() { # $1: row name, rest: command, run in a namespace pair of its own
    local name=$1 i=${#names[@]}
    shift
    local n=$tag$i
    ip netns add "$n"
    nss+=("$n")
    ip netns add "${n}p"
    nss+=("${n}p")
    ip -n "$n" link add eth0 type veth peer name peer0 netns "${n}p"
    ip -n "$n" addr add 10.98.0.1/24 dev eth0
    ip -n "$n" link set eth0 up
    ip -n "${n}p" addr add 10.98.0.2/24 dev peer0
    ip -n "${n}p" link set peer0 up
    ip netns exec "$n" "$@" > "$work/$i.log" 2>&1 &
    pids+=($!)
    names+=("$name")
}
for c in $(seq "$copies"); do
    for m in multicast unicast; do
        start "keepalived-j, $m" "$root/keepalived-j/bin/keepalived-j" -n -l -D -f "$work/$m.conf" \
            -p "$work/kj$m$c.pid" -r "$work/kj$m$c.vrrp.pid" -c "$work/kj$m$c.check.pid"
        if [ "$c" = 1 ]; then
            start "keepalived 2.2.7, $m" keepalived -n -l -D -f "$work/$m.conf" -p "$work/ka$m.pid" \
                -r "$work/ka$m.vrrp.pid" -c "$work/ka$m.check.pid"
        fi
    done
done
sleep "$warm"
cpu() { # $1: pid -> ns on CPU of all threads of it and its children
    local s=0 p t ns
    for p in $1 $(pgrep -P "$1" 2>/dev/null); do
        for t in /proc/"$p"/task/*; do
            read -r ns _ < "$t/schedstat" 2>/dev/null && s=$((s + ns))
        done
    done
    echo "$s"
}
declare -a before
for w in $(seq "$windows"); do
    for i in "${!pids[@]}"; do
        kill -0 "${pids[$i]}" 2>/dev/null || { echo "${names[$i]} did not run:"; cat "$work/$i.log"; exit 1; }
        before[$i]=$(cpu "${pids[$i]}")
    done
    sleep 60
    for i in "${!pids[@]}"; do
        printf '%s\t%s\n' "${names[$i]}" "$(( $(cpu "${pids[$i]}") - before[i] ))"
    done >> "$work/samples"
done
printf 'idle CPU of a one-instance master, %s x 60 s, %s s after start (load: %s)\n' "$windows" "$warm" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-30s %12s %17s %4s %13s\n' "" "ms per 60 s" "min-max" "n" "x keepalived"
awk -F'\t' '
    { ms = $2 / 1e6; if (!($1 in n)) order[++rows] = $1
      n[$1]++; sum[$1] += ms; if (!($1 in lo) || ms < lo[$1]) lo[$1] = ms; if (ms > hi[$1]) hi[$1] = ms }
    END {
        for (r = 1; r <= rows; r++) {
            k = order[r]; mean = sum[k] / n[k]; ka = k; sub(/^keepalived-j/, "keepalived 2.2.7", ka)
            printf "%-30s %12.2f %8.2f-%-8.2f %4d %13s\n", k, mean, lo[k], hi[k], n[k],
                k == ka ? "" : sprintf("%.2f", mean / (sum[ka] / n[ka]))
        }
    }' "$work/samples"
