#!/usr/bin/env bash
# Benchmark (not a test): how long preparing the VRRP trackers of a configuration takes (init_file, the first read
# of every track_file, the first /proc scan of the vrrp_track_processes): the time the VRRP event loop used to be
# held at start-up and on every SIGHUP, now spent on the start-up or reload thread. Prints a table.
# Usage: tools/bench/trackers-prepare-bench.sh [RUNS [WARM]]   (defaults 200 and 50). No root needed.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
jar=$root/keepalived-j/target/keepalived-j.jar
classes=$root/keepalived-j/target/test-classes
if [ ! -r "$jar" ] || [ ! -r "$classes/keepalivedj/daemon/track/TrackersBench.class" ]; then
    (cd "$root" && mvn -B -q -pl keepalived-j -am -DskipTests package)
fi
exec java -cp "$classes:$jar" keepalivedj.daemon.track.TrackersBench "$@"
