#!/bin/bash
# Benchmark (not a test): what one TCP_CHECK's socket work costs, keepalived-j's against the least it can cost.
# At a fixed rate of connect + close cycles to 127.0.1.{1..200}:20000 (one listener on 0.0.0.0 that accepts and
# closes), alternated ROUNDS times, each measured over the same window after a warm-up:
#   checkloop  the production TcpChecker on a CheckLoop (epoll and sockets through the module's JNI library)
#   nio        the same cycle through the JDK's SocketChannel and Selector (how the checks did it before)
#   C          the same cycle in C (socket with SOCK_NONBLOCK, connect, epoll_ctl, getsockopt, close: what
#              keepalived's checker does per TCP_CHECK), when gcc is there
# and prints the CPU per attempt (user and total) of each run. On the host it runs in its own network namespace;
# with --vm inside the IPVS VM (TCG), where checker-vm-bench.sh compares the daemons.
# Usage: healthcheck/bench/connect-floor.sh [--vm] [RATE=8000 (host) / 300 (VM)] [WARM_S=10] [MEASURE_S=20] [ROUNDS=2]
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
CP="$ROOT/healthcheck/target/test-classes:$ROOT/healthcheck/target/classes:$ROOT/conf/target/classes"

rounds() { # rate warm measure rounds workdir
    local rate=$1 warm=$2 measure=$3 rounds=$4 work=$5 r m
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP" \
        keepalivedj.healthcheck.bench.AnyAddressListener 20000 4096 > "$work/listener.log" 2>&1 &
    local lpid=$!
    for _ in $(seq 1 600); do grep -q listening "$work/listener.log" && break; sleep 0.1; done
    echo "rate ${rate}/s, warm-up ${warm} s, measured ${measure} s; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
    for r in $(seq 1 "$rounds"); do
        for m in checkloop nio; do
            # the daemon's own JVM flags for the checker: serial GC, C1 only
            java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP" \
                keepalivedj.healthcheck.bench.ConnectFloor "$m" "$rate" 20000 "$warm" "$measure"
        done
        if [ -x "$work/floor" ]; then "$work/floor" "$rate" 20000 "$warm" "$measure"; fi
    done
    kill "$lpid" 2>/dev/null || true
}

if [ "${1:-}" = --inside ]; then
    shift
    ip link set lo up
    ulimit -n 65536 2>/dev/null || true
    rounds "$@"
    exit 0
fi
vm=
if [ "${1:-}" = --vm ]; then vm=1; shift; fi
RATE=${1:-$([ -n "$vm" ] && echo 300 || echo 8000)}
WARM=${2:-$([ -n "$vm" ] && echo 30 || echo 10)}
MEASURE=${3:-$([ -n "$vm" ] && echo 40 || echo 20)}
ROUNDS=${4:-2}
cd "$ROOT"
mvn -B -q -pl healthcheck -am test-compile -DskipTests >/dev/null
WORK=$ROOT/healthcheck/target/connect-floor
mkdir -p "$WORK"
if command -v gcc > /dev/null; then
    cat > "$WORK/floor.c" <<'C'
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
static long long now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }
static double us(struct timeval a, struct timeval b) { return (b.tv_sec - a.tv_sec) * 1e6 + (b.tv_usec - a.tv_usec); }
int main(int argc, char **argv) {
    int rate = atoi(argv[1]), port = atoi(argv[2]);
    long long warm = atoll(argv[3]) * 1000000000LL, measure = atoll(argv[4]) * 1000000000LL;
    struct sockaddr_in to[200];
    for (int h = 0; h < 200; h++) {
        to[h].sin_family = AF_INET; to[h].sin_port = htons(port); to[h].sin_addr.s_addr = htonl(0x7f000101 + h);
    }
    int ep = epoll_create1(0), host = 0, marked = 0;
    long done = 0, failed = 0, at = 0;
    long long start = now(), next = start, period = 1000000000LL / rate;
    struct rusage r0, r1;
    struct epoll_event evs[256];
    for (;;) {
        long long t = now();
        if (!marked && t - start > warm) { getrusage(RUSAGE_SELF, &r0); at = done; marked = 1; }
        if (t - start > warm + measure) break;
        while (next <= t) {
            next += period;
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            connect(fd, (struct sockaddr *) &to[host], sizeof to[0]);
            host = (host + 1) % 200;
            struct epoll_event e = {.events = EPOLLOUT, .data.fd = fd};
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
        }
        int wait = (int) ((next - now()) / 1000000); if (wait < 1) wait = 1;
        int k = epoll_wait(ep, evs, 256, wait);
        for (int i = 0; i < k; i++) {
            int err = 0; socklen_t l = sizeof err;
            getsockopt(evs[i].data.fd, SOL_SOCKET, SO_ERROR, &err, &l);
            if (err) failed++;
            close(evs[i].data.fd);
            done++;
        }
    }
    getrusage(RUSAGE_SELF, &r1);
    long n = done - at;
    double user = us(r0.ru_utime, r1.ru_utime), total = user + us(r0.ru_stime, r1.ru_stime);
    printf("%-10s attempts=%ld failed=%ld cpu=%.1f%% us/attempt=%.1f (user %.1f)\n", "C", n, failed,
           total / (measure / 1e3) * 100, total / n, user / n);
    return 0;
}
C
    gcc -O2 -o "$WORK/floor" "$WORK/floor.c"
fi
if [ -n "$vm" ]; then
    IPVS_VM_TIMEOUT=$(( (WARM + MEASURE + 20) * 3 * ROUNDS + 300 )) \
        "$ROOT/ipvs-bridge/vm/run-in-vm.sh" "bash $ROOT/healthcheck/bench/connect-floor.sh --inside $RATE $WARM $MEASURE $ROUNDS $WORK"
else
    ns=kjcf$$
    ip netns add "$ns"
    trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
    ip netns exec "$ns" bash "$ROOT/healthcheck/bench/connect-floor.sh" --inside "$RATE" "$WARM" "$MEASURE" "$ROUNDS" "$WORK"
fi
