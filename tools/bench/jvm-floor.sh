#!/usr/bin/env bash
# Benchmark (not a test): how far an idle one-instance master can go down in a JVM. Runs side by side, each in
# its own throwaway network namespace (a veth pair inside it; nothing in the root namespace), all measured over
# the same window so they share the machine's conditions:
#   keepalived 2.2.7       one VRRPv2 instance, MASTER, advert_int 1
#   keepalived-j           the same configuration, through the shipped launcher
#   JVM: park only         a JVM with the launcher's daemon flags that wakes once a second and does nothing
#   JVM: park + advert     the same, plus the daemon's PcapLink (receive thread, send handle) sending one
#                          54-byte advert per wake-up (send(2) on the send handle's socket, as the daemon
#                          sends): the least a JVM master with the daemon's packet I/O can cost
#   JVM: epoll only        the park-only JVM waiting in epoll_wait instead, and
#   JVM: epoll + advert    the same with the advert: whether the way a JVM waits is what its wake-up costs
#   C: epoll_wait only     (when gcc is there) a C loop waking once a second, keepalived's own floor
# CPU time = the sum of /proc/PID/task/*/schedstat over every thread, WARM s after start, over SECS s; with
# COPIES=N every row runs N times, and with WINDOWS=K it is measured over K windows of SECS s one after the other:
# each row's line is then the mean of N x K samples, with their lowest and highest.
# The JVM programs get exactly the launcher's flags and glibc tunables: the launcher is run once with a
# JAVA_HOME whose "java" prints its arguments and GLIBC_TUNABLES. Usage: tools/bench/jvm-floor.sh (root;
# keepalived-j built with its test classes: mvn -B -DskipTests -pl keepalived-j -am package). Env: SECS (60),
# WARM (120), COPIES (1), WINDOWS (1), THREADS=1 (each thread's share, by name, as a mean per process and window).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
secs=${SECS:-60}
warm=${WARM:-120} # keepalived-j releases its start-up pages 30 s and 90 s after start: the window opens after that
tag=kjfl$$
. "$root/tools/bench/lab.sh"

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
printf '%s\n' "${GLIBC_TUNABLES-}" > "$(dirname "$0")/tunables"
SHIM
chmod +x "$work/jdk/bin/java"
flags=()
while IFS= read -r a; do
    [ "$a" = -jar ] && break
    flags+=("$a")
done < <(JAVA_HOME=$work/jdk "$root/keepalived-j/bin/keepalived-j" -n)
export _JAVA_SR_SIGNUM=40
# ...and the glibc tunables it sets for the JVM (rseq off), for the JVM rows only: keepalived and C keep theirs
jvmenv=(env)
if [ -n "$(cat "$work/jdk/bin/tunables")" ]; then
    jvmenv=(env "GLIBC_TUNABLES=$(cat "$work/jdk/bin/tunables")")
fi

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

# Every row runs COPIES times side by side, and is measured over WINDOWS windows one after the other: one
# process in one window varies by about +-1.5 ms per 60 s (two identical keepalived-j side by side measured 9.63
# and 11.23), so a difference under about 1 ms only shows in the mean of several.
copies=${COPIES:-1}
windows=${WINDOWS:-1}
if command -v gcc > /dev/null; then
    cat > "$work/floor.c" <<'C'
#include <sys/epoll.h>
int main(void) { struct epoll_event ev; int e = epoll_create1(0); for (;;) epoll_wait(e, &ev, 1, 1000); }
C
    gcc -O2 -o "$work/floor" "$work/floor.c"
fi
names=()
start() { # $1: row name, rest: command, run in a namespace of its own
    local name=$1 i=${#names[@]}
    shift
    netns "$i"
    ip netns exec "$n" "$@" > "$work/$i.log" 2>&1 &
    pids+=($!)
    names+=("$name")
}
for c in $(seq "$copies"); do
    start "keepalived 2.2.7" keepalived -n -l -D -f "$work/k.conf" -p "$work/$c.ka.pid" -r "$work/$c.kav.pid" \
        -c "$work/$c.kac.pid"
    start "keepalived-j" "$root/keepalived-j/bin/keepalived-j" -n -l -D -f "$work/k.conf" -p "$work/$c.kj.pid" \
        -r "$work/$c.kjv.pid" -c "$work/$c.kjc.pid"
    start "JVM: park only" "${jvmenv[@]}" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor park
    start "JVM: park + advert" "${jvmenv[@]}" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor send eth0
    start "JVM: epoll only" "${jvmenv[@]}" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor epoll
    start "JVM: epoll + advert" "${jvmenv[@]}" java "${flags[@]}" -cp "$jar:$tests" keepalivedj.daemon.it.lab.JvmFloor epoll-send eth0
    if [ -x "$work/floor" ]; then
        start "C: epoll_wait only" "$work/floor"
    fi
done

sleep "$warm"
threads() { # $1: launched pid -> "tid ns-on-CPU name" of every thread of it and its descendants (keepalived forks)
    local p t ns name
    for p in $1 $(pgrep -P "$1" 2>/dev/null) $(for c in $(pgrep -P "$1" 2>/dev/null); do pgrep -P "$c"; done); do
        for t in /proc/"$p"/task/*; do
            read -r ns _ < "$t/schedstat" 2>/dev/null && read -r name < "$t/comm" 2>/dev/null \
                && echo "${t##*/} $ns $name"
        done
    done
}
snapshot() { # $1: file <- "process-index tid ns name" for every thread of every process, in one quick pass
    local i line
    for i in "${!pids[@]}"; do
        kill -0 "${pids[$i]}" 2>/dev/null || { echo "${names[$i]} did not start:"; cat "$work/$i.log"; exit 1; }
        while read -r line; do echo "$i $line"; done < <(threads "${pids[$i]}")
    done > "$1"
}
for i in "${!names[@]}"; do printf '%s\t%s\n' "$i" "${names[$i]}"; done > "$work/rows"
# CPU over each window thread by thread: a thread that ends in the window drops out of the sum instead of taking
# its whole life's CPU off it (summing the live threads at each reading went negative while a JVM was starting).
# Both readings of a window are one pass over every process, so every process is measured over the same SECS.
# One line per process and window in $work/samples ("row<TAB>ns"), and per thread in $work/threads.
for w in $(seq "$windows"); do
    snapshot "$work/before"
    sleep "$secs"
    snapshot "$work/after"
    awk -v rowsf="$work/rows" -v tf="$work/threads" '
        BEGIN { FS = "\t"; while ((getline line < rowsf) > 0) { split(line, f, "\t"); row[f[1]] = f[2] }; FS = " " }
        FILENAME == ARGV[1] { before[$1 " " $2] = $3; next }
        { dt = $3 - (($1 " " $2) in before ? before[$1 " " $2] : 0); d[$1] += dt
          name = $4; for (k = 5; k <= NF; k++) name = name " " $k
          if (dt > 0) printf "%s\t%s\t%.0f\n", row[$1], name, dt >> tf }
        END { for (i = 0; i in row; i++) if (i in d) printf "%s\t%.0f\n", row[i], d[i] }' "$work/before" "$work/after" >> "$work/samples"
done
touch "$work/threads"
printf 'idle CPU over %s x %s s, %s s after start, %s of each side by side (load: %s)\n' "$windows" "$secs" \
    "$warm" "$copies" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %12s %15s %4s %15s %13s\n' "" "ms per 60 s" "min-max" "n" "us per wake-up" "x keepalived"
# rows in the order they were started (first copy's order); every sample counts once (n = copies x windows);
# thread lines only with THREADS
awk -F'\t' -v s="$secs" -v tf="$work/threads" -v perthread="${THREADS:-}" '
    { ms = $2 / 1e6 * 60 / s; if (!($1 in n)) order[++rows] = $1
      n[$1]++; sum[$1] += ms; if (!($1 in lo) || ms < lo[$1]) lo[$1] = ms; if (ms > hi[$1]) hi[$1] = ms }
    END {
        while ((getline line < tf) > 0) { split(line, f, "\t"); th[f[1] "\t" f[2]] += f[3] / 1e6 * 60 / s
            if (!((f[1] "\t" f[2]) in seen)) { seen[f[1] "\t" f[2]] = 1; names[f[1]] = names[f[1]] "\t" f[2] } }
        ka = sum["keepalived 2.2.7"] / n["keepalived 2.2.7"]
        for (r = 1; r <= rows; r++) {
            k = order[r]; mean = sum[k] / n[k]
            printf "%-24s %12.2f %7.2f-%-7.2f %4d %15.1f %13s\n", k, mean, lo[k], hi[k], n[k], mean * 1000 / 60,
                k == "keepalived 2.2.7" ? "" : sprintf("%.2f", mean / ka)
            m = perthread == "" ? 0 : split(substr(names[k], 2), t, "\t")
            for (j = 1; j <= m; j++) printf "    %-20s %12.2f\n", t[j], th[k "\t" t[j]] / n[k]
        }
    }' "$work/samples"
