#!/bin/bash
# Benchmark (not a test): N TCP_CHECK real servers at delay_loop D s, keepalived-j -C against keepalived 2.2.7 -C
# on the same configuration and targets, inside the IPVS VM (keepalived's checker will not start without IPVS).
# Usage: healthcheck/bench/checker-vm-bench.sh [N=40000] [WARMUP_S=60] [MEASURE_S=60] [DELAY_LOOP=5]
# Env: IPVS_VM_MEM (MiB, default here 6144), IPVS_VM_TCG_THREAD (single|multi, see shared/reference/ipvs-vm.md).
#
# One VM boot. Real servers are 127.1.x.y:20000 (lo holds 127.0.0.0/8), all served by one listening socket on
# 0.0.0.0:20000 that accepts and closes (AnyAddressListener); 40 virtual servers share them. Each daemon runs alone
# with `-n -G -C` (foreground, no syslog, checker side only), its IPVS table filled before the warm-up starts.
# Over the measured window: CPU = utime+stime of every process of the daemon's session (keepalived's parent and
# checker child; keepalived-j's one JVM) from /proc/PID/stat, RSS = the sum of their VmRSS at the end, attempts/s =
# TCP ActiveOpens of the VM (/proc/net/snmp; only the checker opens connections), accepted = PassiveOpens.
set -euo pipefail
N=${1:-40000}
WARMUP=${2:-60}
MEASURE=${3:-60}
DELAY=${4:-5}
VSS=40
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$ROOT/healthcheck/target/checker-vm-bench

inside() {
    local conf=$WORK/bench.conf
    ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    sysctl -qw net.ipv4.ip_local_port_range="1024 65535"
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -cp "$ROOT/healthcheck/target/test-classes" keepalivedj.healthcheck.bench.AnyAddressListener 20000 4096 \
        > "$WORK/listener.log" 2>&1 &
    local lpid=$!
    for _ in $(seq 1 600); do grep -q listening "$WORK/listener.log" && break; sleep 0.1; done
    grep -q listening "$WORK/listener.log" || { echo "listener did not start" >&2; cat "$WORK/listener.log" >&2; exit 1; }
    echo "VM: $(nproc) vCPUs, $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) MiB; $N real servers in $VSS virtual servers, delay_loop ${DELAY}s, warm-up ${WARMUP}s, measured ${MEASURE}s"
    local rows=()
    for impl in keepalived-j keepalived; do
        local cmd
        if [ "$impl" = keepalived-j ]; then cmd="$ROOT/keepalived-j/bin/keepalived-j"; else cmd=keepalived; fi
        ipvsadm -C
        setsid $cmd -n -G -C -f "$conf" -p "$WORK/$impl.pid" -r "$WORK/$impl-vrrp.pid" \
            -c "$WORK/$impl-checker.pid" > "$WORK/$impl.log" 2>&1 < /dev/null &
        local dpid=$! t0 started
        t0=$(date +%s.%N)
        # the table is complete when every real server is in IPVS (they all start up: no alpha)
        for _ in $(seq 1 900); do
            [ "$(ipvsadm -Ln | grep -c -- '->.*Masq')" -ge "$N" ] && break
            sleep 2
        done
        started=$(echo "$(date +%s.%N) - $t0" | bc)
        sleep "$WARMUP"
        local pids ticks0 ticks1 tcp0 tcp1 rss
        pids=$(session_pids "$dpid")
        ticks0=($(cpu_ticks $pids)); tcp0=($(tcp_counters))
        sleep "$MEASURE"
        pids=$(session_pids "$dpid")
        ticks1=($(cpu_ticks $pids)); tcp1=($(tcp_counters)); rss=$(rss_kib $pids)
        local nproc; nproc=$(echo $pids | wc -w)
        kill -TERM "$dpid"
        for _ in $(seq 1 600); do kill -0 "$dpid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- -"$dpid" 2>/dev/null || true
        wait "$dpid" 2>/dev/null || true
        local cpu usr sys att ok fails
        # USER_HZ is 100: ticks over the window in % of one CPU
        usr=$(echo "scale=1; (${ticks1[0]} - ${ticks0[0]}) / $MEASURE" | bc)
        sys=$(echo "scale=1; (${ticks1[1]} - ${ticks0[1]}) / $MEASURE" | bc)
        cpu=$(echo "scale=1; $usr + $sys" | bc)
        att=$(( (tcp1[0] - tcp0[0]) / MEASURE ))
        ok=$(( (tcp1[1] - tcp0[1]) / MEASURE ))
        fails=$(( (tcp1[2] - tcp0[2]) / MEASURE ))
        started=$(printf '%.1f' "$started")
        rows+=("$impl $cpu $((rss / 1024)) $att $started $nproc $ok $fails $usr $sys")
        echo "RUN $impl: cpu=${cpu}% of one vCPU (user $usr, system $sys) rss=$((rss / 1024)) MiB attempts/s=$att accepted/s=$ok failed/s=$fails table-filled=${started}s processes=$nproc"
    done
    kill "$lpid" 2>/dev/null || true
    local j=(${rows[0]}) k=(${rows[1]})
    echo
    printf '%-28s %14s %14s %8s\n' "" keepalived-j "keepalived 2.2.7" ratio
    printf '%-28s %14s %14s %8s\n' "CPU, % of one vCPU" "${j[1]}" "${k[1]}" "$(ratio "${j[1]}" "${k[1]}")"
    printf '%-28s %14s %14s %8s\n' "  of which user" "${j[8]}" "${k[8]}" "$(ratio "${j[8]}" "${k[8]}")"
    printf '%-28s %14s %14s %8s\n' "  of which system" "${j[9]}" "${k[9]}" "$(ratio "${j[9]}" "${k[9]}")"
    printf '%-28s %14s %14s %8s\n' "RSS, MiB (all processes)" "${j[2]}" "${k[2]}" "$(ratio "${j[2]}" "${k[2]}")"
    printf '%-28s %14s %14s %8s\n' "connect attempts/s" "${j[3]}" "${k[3]}" "$(ratio "${j[3]}" "${k[3]}")"
    printf '%-28s %14s %14s %8s\n' "accepted by the listener/s" "${j[6]}" "${k[6]}" "$(ratio "${j[6]}" "${k[6]}")"
    printf '%-28s %14s %14s %8s\n' "failed attempts/s" "${j[7]}" "${k[7]}" ""
    printf '%-28s %14s %14s %8s\n' "CPU us per attempt" "$(per "${j[1]}" "${j[3]}")" "$(per "${k[1]}" "${k[3]}")" \
        "$(ratio "$(per "${j[1]}" "${j[3]}")" "$(per "${k[1]}" "${k[3]}")")"
    printf '%-28s %14s %14s %8s\n' "IPVS table filled after, s" "${j[4]}" "${k[4]}" ""
    echo "(ideal attempts/s = N / delay_loop = $((N / DELAY)); ratio = keepalived-j / keepalived)"
}

ratio() { if [ "$(echo "$2 > 0" | bc)" = 1 ]; then echo "scale=2; $1 / $2" | bc; else echo -; fi; }
# CPU microseconds per attempt: cpu% of one CPU = 10^4 us per s per %
per() { if [ "$2" -gt 0 ]; then echo "scale=1; $1 * 10000 / $2" | bc; else echo 0; fi; }

# every process of the session the daemon leads (keepalived forks its checker child into it)
session_pids() {
    local sid=$1 f
    for f in /proc/[0-9]*/stat; do
        awk -v s="$sid" '{ sub(/^.*\) /, ""); if ($4 == s) print FILENAME }' "$f" 2>/dev/null
    done | sed 's#/proc/\([0-9]*\)/stat#\1#'
}

# utime and stime summed over the processes, in USER_HZ ticks
cpu_ticks() {
    local u=0 s=0 p v
    for p in "$@"; do
        v=($(awk '{ sub(/^.*\) /, ""); print $12, $13 }' "/proc/$p/stat" 2>/dev/null || echo 0 0))
        u=$((u + v[0])); s=$((s + v[1]))
    done
    echo $u $s
}

rss_kib() {
    local total=0 p v
    for p in "$@"; do
        v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        total=$((total + ${v:-0}))
    done
    echo $total
}

# ActiveOpens (connects the checker started), PassiveOpens (handshakes the listener completed), AttemptFails
tcp_counters() { awk '/^Tcp:/ { if (h) { print $6, $7, $8; exit } h = 1 }' /proc/net/snmp; }

write_conf() {
    local per=$((N / VSS)) v i n=0
    {
        echo "global_defs {"
        echo "    router_id checker-vm-bench"
        echo "}"
        for v in $(seq 1 "$VSS"); do
            echo "virtual_server 10.80.0.$v 80 {"
            echo "    delay_loop $DELAY"
            echo "    lb_algo rr"
            echo "    lb_kind NAT"
            echo "    protocol TCP"
            for i in $(seq 1 "$per"); do
                echo "    real_server 127.1.$((n / 250)).$((n % 250 + 1)) 20000 {"
                echo "        TCP_CHECK {"
                echo "            connect_timeout 3"
                echo "        }"
                echo "    }"
                n=$((n + 1))
            done
            echo "}"
        done
    } > "$WORK/bench.conf"
}

main() {
if [ "${1:-}" = --inside ]; then
    shift
    N=$1 WARMUP=$2 MEASURE=$3 DELAY=$4
    inside
    exit 0
fi

cd "$ROOT"
[ $((N % VSS)) = 0 ] || { echo "N must be a multiple of $VSS" >&2; exit 2; }
mvn -B -q -pl keepalived-j -am package -DskipTests >/dev/null
mkdir -p "$WORK"
write_conf
echo "host: $(nproc) cores; keepalived-j $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo +changes)"
IPVS_VM_MEM=${IPVS_VM_MEM:-6144} IPVS_VM_TIMEOUT=$((WARMUP * 2 + MEASURE * 2 + 900)) \
    "$ROOT/ipvs-bridge/vm/run-in-vm.sh" "bash $ROOT/healthcheck/bench/checker-vm-bench.sh --inside $N $WARMUP $MEASURE $DELAY"
}

main "$@"
