#!/bin/sh
# Benchmark (not a test): N TCP_CHECK real servers on loopback at delay_loop 5 s, CPU% and RSS of the checker.
# Usage: healthcheck/bench/run-tcp-bench.sh [N=40000] [MEASURE_SECONDS=60] [DELAY_LOOP=5]
# Targets are 127.0.1.1..127.0.1.200 on ports 20000.. (loopback only), served by 4 listener processes because one
# process may hold at most `ulimit -Hn` descriptors. Runs in a network namespace of its own (root), so its
# 8,000 connections a second never share the host's loopback and port range.
set -eu
N=${1:-40000}
MEASURE=${2:-60}
DELAY=${3:-5}
HOSTS=200
FIRST_PORT=20000
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
if [ "${KJ_TCP_BENCH_NS:-}" = "" ]; then
  mvn -B -q -pl healthcheck -am test-compile -DskipTests >/dev/null
  ns=kjtcp$$
  ip netns add "$ns"
  trap 'ip netns del "$ns" 2>/dev/null || true' EXIT INT TERM
  KJ_TCP_BENCH_NS=$ns ip netns exec "$ns" sh "$0" "$N" "$MEASURE" "$DELAY"
  exit $?
fi
ip link set lo up
# the checks' sockets go through the module's JNI library, which the build puts into target/classes
CP="healthcheck/target/test-classes:healthcheck/target/classes:conf/target/classes"
ulimit -n "$(ulimit -Hn)"
PORTS=$(( (N + HOSTS - 1) / HOSTS ))
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
# 4 listener processes of 50 hosts each
for first in 1 51 101 151; do
  last=$((first + 49))
  java -Xmx256m -cp "$CP" keepalivedj.healthcheck.bench.LoopbackListeners "$first" "$last" "$FIRST_PORT" "$PORTS" &
  PIDS="$PIDS $!"
done
sleep 5
echo "fd limit $(ulimit -n); checker JVM: -Xmx512m -XX:+UseSerialGC"
java -Xmx512m -XX:+UseSerialGC -cp "$CP" keepalivedj.healthcheck.bench.TcpCheckBench "$N" "$HOSTS" "$FIRST_PORT" "$DELAY" "$MEASURE"
