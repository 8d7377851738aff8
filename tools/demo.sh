#!/usr/bin/env bash
# The main job: a newcomer's first run, as root on a fresh machine. Builds keepalived-j if needed, makes a small
# lab of network namespaces (a bridge in its own namespace, directors h1 and h2, a client), starts keepalived-j
# on both directors, shows who holds the VIP, kills the master, prints the failover time and the new holder,
# restarts it, shows it take the VIP back, and removes everything again (also on Ctrl-C or failure).
# Nothing is created in, or sent to, the root namespace.
#
#   tools/demo.sh                    # keepalived-j on both directors
#   IMPL=keepalived tools/demo.sh    # the same story with keepalived 2.2.7, for comparison
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
impl=${IMPL:-keepalived-j}
if [ "$(id -u)" -ne 0 ]; then
    echo "demo: run as root (it creates network namespaces)" >&2
    exit 1
fi
for tool in ip bridge tcpdump java timeout; do
    command -v "$tool" >/dev/null || { echo "demo: $tool is missing (tools/run-tests.sh installs what is needed)" >&2; exit 1; }
done
if [ "$impl" = keepalived ] && [ ! -x /usr/sbin/keepalived ]; then
    echo "demo: IMPL=keepalived needs keepalived 2.2.7 (apt-get install -y keepalived)" >&2
    exit 1
fi
jar=$root/keepalived-j/target/keepalived-j.jar
classes=$root/keepalived-j/target/test-classes
if [ ! -r "$jar" ] || [ ! -r "$classes/keepalivedj/daemon/it/lab/Demo.class" ]; then
    command -v gcc >/dev/null || { echo "demo: gcc is missing, the build compiles the health checks' JNI library (apt-get install -y gcc libc6-dev)" >&2; exit 1; }
    echo "demo: building keepalived-j (mvn -B -q -DskipTests package) ..."
    (cd "$root" && mvn -B -q -DskipTests package)
fi
# The lab (test code) cleans up after itself; this trap is the safety net if its JVM is killed outright: it
# removes only the namespaces named after that JVM's pid, and the processes inside them.
pid=
cleanup() {
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    for ns in $(ip netns list | awk '{print $1}' | grep -E "^kl(sw|h[0-9]+|c)${pid}x[0-9]+$" || true); do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
java -cp "$classes:$jar" -Dkeepalivedj.root="$root" -Dorg.pcap4j.core.pcapLibName=libpcap.so.0.8 \
    keepalivedj.daemon.it.lab.Demo --impl "$impl" &
pid=$!
status=0
wait "$pid" || status=$?
pid_done=$pid
pid=
# If the JVM died without its own cleanup, remove what it left behind.
for ns in $(ip netns list | awk '{print $1}' | grep -E "^kl(sw|h[0-9]+|c)${pid_done}x[0-9]+$" || true); do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
done
exit "$status"
