#!/usr/bin/env bash
# Benchmark (not a test): what a SIGHUP costs with and without notify FIFOs, keepalived 2.2.7 beside keepalived-j.
# One node in a namespace of its own (veth pair inside it), three instances (two in a sync group). For each
# daemon and each variant (no FIFO; notify_fifo + notify_fifo_script + vrrp_notify_fifo read by real-time shell
# readers) it sends RUNS SIGHUPs, one every 1.5 s, and prints per variant:
#   hup->done  ms from kill -HUP to the "Reload complete" line (median, max; polled every ~2 ms)
#   gap        ms a FIFO reader waited between the EOF of the reload and the next OPEN (median, max)
#   eof        reloads whose EOF the reader saw, of RUNS
# Usage (root): tools/bench/hup-fifo-bench.sh [RUNS]   (default 10)
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
kj=$root/keepalived-j/bin/keepalived-j
[ -r "$root/keepalived-j/target/keepalived-j.jar" ] || (cd "$root" && mvn -B -q -pl keepalived-j -am -DskipTests package)
ns=hupb$$
dir=$(mktemp -d /tmp/hup-fifo-bench.XXXXXX)
cleanup() {
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    [ -f "$dir/readers" ] && while read -r p; do kill "$p" 2>/dev/null || true; done < "$dir/readers"
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link add eth0 type veth peer name eth1
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip link set eth0 up
ip netns exec "$ns" ip link set eth1 up
ip netns exec "$ns" ip addr add 10.97.0.1/24 dev eth0

cat > "$dir/fifo.sh" <<'EOF'
#!/bin/sh
trap 'exit 0' TERM
while :; do sleep 1 & wait $!; done
EOF
cat > "$dir/reader.sh" <<'EOF'
f=$1; out=$2
while :; do
  exec 3<"$f" || exit 1
  echo "$(date +%s%N) OPEN" >> "$out"
  while IFS= read -r l <&3; do :; done
  echo "$(date +%s%N) EOF" >> "$out"
  exec 3<&-
done
EOF
chmod +x "$dir/fifo.sh"

config() { # $1: with fifos (1) or not
    echo "global_defs {"
    echo "    router_id bench"
    echo "    enable_script_security"
    echo "    script_user root"
    if [ "$1" = 1 ]; then
        echo "    notify_fifo $dir/g.fifo"
        echo "    notify_fifo_script $dir/fifo.sh"
        echo "    vrrp_notify_fifo $dir/v.fifo"
    fi
    echo "}"
    echo "vrrp_sync_group G1 {"
    echo "    group {"
    echo "        VI_1"
    echo "        VI_2"
    echo "    }"
    echo "}"
    for i in 1 2 3; do
        echo "vrrp_instance VI_$i {"
        echo "    state BACKUP"
        echo "    interface eth0"
        echo "    virtual_router_id $((70 + i))"
        echo "    priority 100"
        echo "    advert_int 1"
        echo "    virtual_ipaddress {"
        echo "        10.97.0.$((100 + i))/24 dev eth0"
        echo "    }"
        echo "}"
    done
}

median_max() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) {print "-\t-"} else {printf "%.1f\t%.1f\n", a[int((NR+1)/2)], a[NR]}}'; }

printf "daemon\tvariant\thup->done median\tmax\tgap median\tmax\teof\n"
for impl in keepalived keepalived-j; do
    bin=$([ "$impl" = keepalived ] && echo /usr/sbin/keepalived || echo "$kj")
    for fifos in 0 1; do
        rm -f "$dir"/*.fifo "$dir"/*.events "$dir"/*.pid "$dir/readers"
        config $fifos > "$dir/k.conf"
        if [ $fifos = 1 ]; then
            for f in g v; do
                mkfifo "$dir/$f.fifo"
                : > "$dir/$f.events"
                chrt -f 20 bash "$dir/reader.sh" "$dir/$f.fifo" "$dir/$f.events" &
                echo $! >> "$dir/readers"
            done
        fi
        log=$dir/daemon.log
        : > "$log"
        ip netns exec "$ns" "$bin" -n -l -D -G -P -f "$dir/k.conf" -p "$dir/k.pid" -r "$dir/v.pid" \
            -c "$dir/c.pid" -b "$dir/b.pid" >> "$log" 2>&1 &
        pid=$!
        for _ in $(seq 1 200); do grep -q "(VI_3) Entering MASTER STATE" "$log" && break; sleep 0.05; done
        : > "$dir/lat"
        for i in $(seq 1 "$runs"); do
            t0=$(date +%s%N)
            kill -HUP "$pid"
            until [ "$(grep -c 'Reload complete' "$log")" -ge "$i" ]; do sleep 0.002; done
            echo $(( ($(date +%s%N) - t0) / 1000 )) | awk '{print $1 / 1000}' >> "$dir/lat"
            sleep 1.5
        done
        kill -TERM "$pid"
        wait "$pid" || true
        lat=$(median_max < "$dir/lat")
        gap="-	-"
        eof="-"
        if [ $fifos = 1 ]; then
            sleep 0.3
            # pairs EOF -> next OPEN (not the last EOF, which is the stop)
            awk '$2 == "EOF" {e = $1} $2 == "OPEN" && e {print (($1 - e) / 1000000); e = 0}' "$dir/g.events" \
                > "$dir/gaps"
            gap=$(median_max < "$dir/gaps")
            eof="$(wc -l < "$dir/gaps")/$runs"
            while read -r p; do kill "$p" 2>/dev/null || true; done < "$dir/readers"
            rm -f "$dir/readers"
        fi
        printf "%s\t%s\t%s\t%s\t%s\n" "$impl" "$([ $fifos = 1 ] && echo fifos || echo none)" "$lat" "$gap" "$eof"
    done
done
