#!/usr/bin/env bash
# VRRP benchmark (not a test): keepalived 2.2.7 and keepalived-j in the same namespace lab, one after the other,
# then one table with both columns and the ratios. Method: shared/reference/keepalived-baseline.md (takeover
# times from a capture on the lab's bridge, footprint from /proc over an idle window).
#
#   crash detection     master's last advert -> backup's first advert after SIGKILL (v2 1 s, v3 0.1 s)
#   priority-0 handover SIGTERM'd master's priority-0 advert -> backup's first advert (v2, v3)
#   advert spacing      mean / stddev of a lone master's advert intervals (v2 1 s, v3 0.01 s)
#   idle footprint      RSS, PSS and CPU time of the daemon's processes over IDLE s, 1 and 100 instances, the first
#                       window opening 120 s after start (steady state); the CPU time before it is a row of its own
#   start-up            process start -> first advert of a priority-255 owner
#
# Usage (root): tools/bench/vrrp-bench.sh [--impl keepalived,keepalived-j] [--runs N] [--runs-v2 N]
#               [--idle SECONDS] [--idle-windows K] [--spacing SECONDS] [--only crash,handover,spacing,idle,start]
# Defaults: both implementations, 10 runs (v3), 5 runs (v2), 3 idle windows of 60 s one after the other (each a
# sample: median [min..max]), 30 s of v2 spacing: about 12 minutes per implementation. An implementation that
# cannot run (keepalived-j before its daemon lands) gets "n/a: <why>" in its cells; the other still runs.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
    echo "vrrp-bench: needs root (network namespaces, raw sockets)" >&2
    exit 1
fi
jar=$root/keepalived-j/target/keepalived-j.jar
classes=$root/keepalived-j/target/test-classes
if [ ! -r "$jar" ] || [ ! -r "$classes/keepalivedj/daemon/it/lab/VrrpBench.class" ]; then
    (cd "$root" && mvn -B -q -DskipTests package)
fi
# The lab lives in test scope; the shaded jar brings everything else it uses (pcap4j for the frame injector).
exec java -cp "$classes:$jar" -Dkeepalivedj.root="$root" -Dorg.pcap4j.core.pcapLibName=libpcap.so.0.8 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn keepalivedj.daemon.it.lab.VrrpBench "$@"
