#!/usr/bin/env bash
# The main job, until the daemon exists: build keepalived-j, then check an example director configuration
# (-t, keepalived's exit codes) and print how it was understood (-d, YAML). The check runs in a throw-away
# network namespace that has the interfaces the example names, so it needs root.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
conf=${1:-$root/examples/lvs-nat-pair/director1.conf}
if [ ! -r "$root/keepalived-j/target/keepalived-j.jar" ]; then
    (cd "$root" && mvn -B -q -DskipTests package)
fi
ns=kjdemo$$
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
for i in eth0 eth1; do
    ip -n "$ns" link add "$i" type veth peer name "p$i"
    ip -n "$ns" link set "$i" up
done
echo "== keepalived-j -t -d -f $conf"
set +e
ip netns exec "$ns" "$root/keepalived-j/bin/keepalived-j" -t -d -f "$conf"
code=$?
set -e
echo "== exit code $code (keepalived's -t codes: 0 ok, 4 cannot run, 5 errors worked around, 6 script security)"
exit "$code"
