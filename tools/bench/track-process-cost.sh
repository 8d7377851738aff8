#!/usr/bin/env bash
# Benchmark (not a test): the idle CPU cost of vrrp_track_process in keepalived-j, which reads /proc every
# 500 ms (keepalived 2.2.7 uses the proc connector, which only works in the initial network namespace). Runs
# keepalived-j in a throwaway network namespace (a veth pair inside it, nothing in the root namespace) with one
# VRRP instance and (a) no tracker, (b) a track_file (inotify: should cost nothing while idle), (c) a
# track_process matched by name, (d) one matched by full command line, waits WARM seconds, then reads the JVM's user+system CPU time over SECS seconds. Prints a table.
# EXTRA=N first starts N idle `sleep` processes in the namespace, to see how the cost grows with the process count.
# Needs root and keepalived-j built (mvn -B -DskipTests package).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
secs=${SECS:-60}
extra=${EXTRA:-0}
warm=${WARM:-15}
work=$(mktemp -d)
ns=kjtpcost$$
pid=
sleepers=()
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    for s in "${sleepers[@]}"; do kill "$s" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link add eth0 type veth peer name peer0
ip -n "$ns" addr add 10.97.0.1/24 dev eth0
ip -n "$ns" link set eth0 up
ip -n "$ns" link set peer0 up
hz=$(getconf CLK_TCK)
for _ in $(seq "$extra"); do
    ip netns exec "$ns" sleep 100000 &
    sleepers+=($!)
done

conf() { # $1: extra top-level block, $2: instance tracking lines
    cat <<CONF
global_defs {
    router_id cost
}
$1
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
$2
    virtual_ipaddress {
        10.97.0.100/24
    }
}
CONF
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # $1: label, $2: config file
    ip netns exec "$ns" "$root/keepalived-j/bin/keepalived-j" -n -l -G -P -f "$2" -p "$work/k.pid" \
        -r "$work/v.pid" >"$work/log" 2>&1 &
    pid=$!
    sleep "$warm"
    local t0 t1 procs
    t0=$(cpu_ticks "$pid")
    sleep "$secs"
    t1=$(cpu_ticks "$pid")
    procs=$(ls -d /proc/[0-9]* | wc -l)
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    awk -v l="$1" -v d=$((t1 - t0)) -v hz="$hz" -v s="$secs" -v p="$procs" \
        'BEGIN { printf "%-34s %8d %10.0f %8.3f\n", l, p, d * 1000 / hz, d * 100 / hz / s }'
}

conf "" "" > "$work/none.conf"
conf "track_file tf {
    file $work/tf
    weight 2
}" '    track_file {
        tf
    }' > "$work/file.conf"
conf 'vrrp_track_process tp {
    process haproxy
    weight 10
}' '    track_process {
        tp
    }' > "$work/comm.conf"
conf 'vrrp_track_process tp {
    process /usr/sbin/haproxy -f /etc/haproxy/haproxy.cfg
    param_match partial
    weight 10
}' '    track_process {
        tp
    }' > "$work/cmdline.conf"

printf 'keepalived-j idle for %s s after %s s of warm-up; CPU = user + system of the JVM\n' "$secs" "$warm"
printf '%-34s %8s %10s %8s\n' "configuration" "procs" "CPU ms" "CPU %"
measure "no tracker" "$work/none.conf"
measure "track_file (inotify)" "$work/file.conf"
measure "track_process by name (comm)" "$work/comm.conf"
measure "track_process by command line" "$work/cmdline.conf"
