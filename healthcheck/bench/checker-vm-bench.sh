#!/bin/bash
# Benchmark (not a test): N TCP_CHECK real servers at delay_loop D s, keepalived-j -C against keepalived 2.2.7 -C
# on the same configuration and targets, inside the IPVS VM (keepalived's checker will not start without IPVS).
# Usage: healthcheck/bench/checker-vm-bench.sh [N=40000] [WARMUP_S=60] [MEASURE_S=60] [DELAY_LOOP=5] [ROUNDS=3]
# Env: STRACE_S (after each measured window, count the daemon's system calls for that many seconds), IPVS_VM_MEM (MiB, default here 6144), IPVS_VM_TCG_THREAD (single|multi, see shared/reference/ipvs-vm.md),
#      KJ_VARIANTS: keepalived-j variants as "label=extra JVM options;label=...", default "keepalived-j=" (the
#      launcher as shipped); each is run with KEEPALIVEDJ_JAVA_OPTS set to its options.
#
# One VM boot, ROUNDS rounds, each running every implementation once in turn (keepalived-j, keepalived,
# keepalived-j, ...): the saturated figures of one implementation move by up to 2x between runs (TCG, host load),
# so each is reported as the median and range over its runs, and the comparison as the ratio of the medians. Real servers are 127.1.x.y:20000 (lo holds 127.0.0.0/8), all served by one listening socket on
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
ROUNDS=${5:-3}
KJ_VARIANTS=${KJ_VARIANTS:-keepalived-j=}
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
    echo "VM: $(nproc) vCPUs, $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) MiB, TCG thread=${IPVS_VM_TCG_THREAD:-single}; $N real servers in $VSS virtual servers, delay_loop ${DELAY}s, warm-up ${WARMUP}s, measured ${MEASURE}s, $ROUNDS rounds"
    # the implementations under test: every keepalived-j variant (label=extra JVM options), then keepalived
    local impls=() opts=() v
    IFS=';' read -r -a kjv <<< "$KJ_VARIANTS"
    for v in "${kjv[@]}"; do impls+=("${v%%=*}"); opts+=("${v#*=}"); done
    impls+=(keepalived); opts+=("")
    local round i
    : > "$WORK/runs"
    # alternated, so that a slow spell of the host (other builds, TCG) falls on both sides rather than one
    for round in $(seq 1 "$ROUNDS"); do
        for i in "${!impls[@]}"; do
            run_one "$round" "${impls[$i]}" "${opts[$i]}"
        done
    done
    kill "$lpid" 2>/dev/null || true
    summary "${impls[@]}"
}

# one run of one implementation; appends "impl cpu usr sys rss att ok fails filled nproc us_per_attempt" to runs
run_one() {
    local round=$1 impl=$2 jopts=$3 cmd
    if [ "$impl" = keepalived ]; then cmd=keepalived; else cmd="$ROOT/keepalived-j/bin/keepalived-j"; fi
    ipvsadm -C
    KEEPALIVEDJ_JAVA_OPTS="$jopts" setsid $cmd -n -G -C -f "$WORK/bench.conf" -p "$WORK/$impl.pid" \
        -r "$WORK/$impl-vrrp.pid" -c "$WORK/$impl-checker.pid" > "$WORK/$impl-$round.log" 2>&1 < /dev/null &
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
    ticks0=($(cpu_ticks $pids)); tcp0=($(tcp_counters)); thread_ticks $pids > "$WORK/threads0"
    sleep "$MEASURE"
    pids=$(session_pids "$dpid")
    ticks1=($(cpu_ticks $pids)); tcp1=($(tcp_counters)); rss=$(rss_kib $pids); thread_ticks $pids > "$WORK/threads1"
    local nproc; nproc=$(echo $pids | wc -w)
    if [ "${STRACE_S:-0}" -gt 0 ]; then
        # after the window (tracing slows the daemon): which system calls, how many per connect attempt
        local st0 st1 sp tracers=()
        st0=$(tcp_counters | cut -d' ' -f1)
        for sp in $pids; do
            timeout -s INT "$STRACE_S" strace -c -f -p "$sp" -o "$WORK/$impl-$round-$sp.strace" 2>/dev/null &
            tracers+=($!)
        done
        wait "${tracers[@]}" 2>/dev/null || true
        st1=$(tcp_counters | cut -d' ' -f1)
        echo "  strace over ${STRACE_S} s, $((st1 - st0)) connect attempts:"
        cat "$WORK/$impl-$round-"*.strace | awk '$NF ~ /^[a-z_0-9]+$/ && $NF != "total" && $4 ~ /^[0-9]+$/ { c[$NF] += $4 } END { for (k in c) print c[k], k }' \
            | sort -rn | head -14 | awk -v n=$((st1 - st0)) '{ printf "    %-16s %9d  %.2f per attempt\n", $2, $1, (n > 0 ? $1 / n : 0) }'
    fi
    kill -TERM "$dpid"
    for _ in $(seq 1 600); do kill -0 "$dpid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- -"$dpid" 2>/dev/null || true
    wait "$dpid" 2>/dev/null || true
    local cpu usr sys att ok fails per_att
    # USER_HZ is 100: ticks over the window in % of one CPU
    usr=$(echo "scale=1; (${ticks1[0]} - ${ticks0[0]}) / $MEASURE" | bc)
    sys=$(echo "scale=1; (${ticks1[1]} - ${ticks0[1]}) / $MEASURE" | bc)
    cpu=$(echo "scale=1; $usr + $sys" | bc)
    att=$(( (tcp1[0] - tcp0[0]) / MEASURE ))
    ok=$(( (tcp1[1] - tcp0[1]) / MEASURE ))
    fails=$(( (tcp1[2] - tcp0[2]) / MEASURE ))
    started=$(printf '%.1f' "$started")
    per_att=$(per "$cpu" "$att")
    echo "$impl $cpu $usr $sys $((rss / 1024)) $att $ok $fails $started $nproc $per_att" >> "$WORK/runs"
    echo "RUN $round $impl${jopts:+ [$jopts]}: cpu=${cpu}% of one vCPU (user $usr, system $sys) rss=$((rss / 1024)) MiB attempts/s=$att accepted/s=$ok failed/s=$fails us/attempt=$per_att table-filled=${started}s processes=$nproc"
    # where the CPU went, thread by thread (% of one vCPU over the window; threads above 0.5 %)
    awk -v m="$MEASURE" 'NR == FNR { t0[$1] = $2; next } { d = ($2 - t0[$1]) / m; if (d >= 0.5) printf "  %s=%.1f%%", substr($0, index($0, $3)), d }
        END { print "" }' "$WORK/threads0" "$WORK/threads1" | sed 's/^/  threads:/'
}

# "tid ticks name" of every thread of the given processes (utime + stime, in USER_HZ ticks)
thread_ticks() {
    local p t st
    for p in "$@"; do
        for t in /proc/"$p"/task/*; do
            st=$(cat "$t/stat" 2>/dev/null) || continue
            st=${st##*) }
            set -- $st
            echo "${t##*/} $((${12} + ${13})) $(cat "$t/comm" 2>/dev/null)"
        done
    done
}

# median and range of each figure of one implementation's runs (the VM's /dev has no /dev/stdin for awk -f)
MEDIANS_AWK='
function med(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function fig(a, n, fmt,   m) { m = med(a, n); return sprintf(fmt " (" fmt "-" fmt ")", m, a[1], a[n]) }
$1 == impl { n++; per[n] = $11; cpu[n] = $2; usr[n] = $3; sys[n] = $4; rss[n] = $5; att[n] = $6 }
END {
    if (!n) exit
    p = fig(per, n, "%.0f"); c = fig(cpu, n, "%.1f"); u = med(usr, n); s = med(sys, n)
    printf "%-22s %-26s %-26s %-26s %-14s %-14s\n", impl, p, c, sprintf("%.1f / %.1f", u, s), sprintf("%.0f", med(att, n)), sprintf("%.0f", med(rss, n))
    printf "MEDIAN %s %s %s %s\n", impl, med(per, n), med(cpu, n), med(att, n) > "/dev/stderr"
}
'

# per implementation: median and range over the rounds of each figure; then the ratio of the medians
summary() {
    local impl base=keepalived
    echo
    printf '%-22s %-26s %-26s %-26s %-14s %-14s\n' "median (min-max)" "CPU us per attempt" "CPU, % of one vCPU" \
        "user / system %" "attempts/s" "RSS MiB"
    for impl in "$@"; do
        awk -v impl="$impl" "$MEDIANS_AWK" "$WORK/runs"
    done 2> "$WORK/medians"
    local kper kcpu katt
    # no process substitution: the VM has no /dev/fd
    read -r _ _ kper kcpu katt <<< "$(grep "^MEDIAN $base " "$WORK/medians")"
    echo
    while read -r _ impl mper mcpu matt; do
        [ "$impl" = "$base" ] && continue
        echo "ratio of medians $impl / keepalived: CPU per attempt $(ratio "$mper" "$kper"), CPU $(ratio "$mcpu" "$kcpu"), attempts/s $(ratio "$matt" "$katt")"
    done < "$WORK/medians"
    echo "(ideal attempts/s = N / delay_loop = $((N / DELAY)); CPU = utime+stime of the daemon's processes over the measured window)"
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
    N=$1 WARMUP=$2 MEASURE=$3 DELAY=$4 ROUNDS=$5
    inside
    exit 0
fi

cd "$ROOT"
[ $((N % VSS)) = 0 ] || { echo "N must be a multiple of $VSS" >&2; exit 2; }
mvn -B -q -pl keepalived-j -am package -DskipTests >/dev/null
mkdir -p "$WORK"
rm -f "$WORK"/*.strace # a table of one run must not count an earlier run's files
write_conf
local nvar; nvar=$(awk -F';' '{print NF}' <<< "$KJ_VARIANTS")
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); keepalived-j $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo +changes)"
IPVS_VM_MEM=${IPVS_VM_MEM:-6144} IPVS_VM_TIMEOUT=$(( (WARMUP + MEASURE + ${STRACE_S:-0} + 300) * ROUNDS * (nvar + 1) + 300 )) \
    "$ROOT/ipvs-bridge/vm/run-in-vm.sh" "bash $ROOT/healthcheck/bench/checker-vm-bench.sh --inside $N $WARMUP $MEASURE $DELAY $ROUNDS"
}

main "$@"
