#!/usr/bin/env bash
# Benchmark (not a test): parses the keepalived issue #2318-shaped configuration with `keepalived -t`
# (2.2.7) and `keepalived-j -t` one after the other, RUNS times each, and prints a table of wall times and
# their ratio. Both are checked in a throwaway network namespace so neither sees the host's interfaces.
# Needs root, keepalived installed, and keepalived-j built (mvn -B -DskipTests package).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
runs=${RUNS:-5}
work=$(mktemp -d)
ns=kjbench$$
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
"$root/tools/bench/gen-issue2318.sh" > "$work/k.conf"
printf 'config: %s lines, %s virtual servers, %s real servers\n' "$(wc -l < "$work/k.conf")" \
    "$(grep -c '^virtual_server' "$work/k.conf")" "$(grep -c 'real_server' "$work/k.conf")"

time_ms() { # prints milliseconds and the exit code of one run of "$@"
    local t0 t1 rc=0
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || rc=$?
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000000 )) $rc"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# The machine may be shared: the load before and after the runs says how far to trust the figures.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
ka=(); kj=(); ka_rc=; kj_rc=
for i in $(seq "$runs"); do
    read -r ms rc < <(time_ms ip netns exec "$ns" keepalived -t -f "$work/k.conf"); ka+=("$ms"); ka_rc=$rc
    read -r ms rc < <(time_ms ip netns exec "$ns" "$root/keepalived-j/bin/keepalived-j" -t -f "$work/k.conf"); kj+=("$ms"); kj_rc=$rc
done
ka_med=$(printf '%s\n' "${ka[@]}" | median)
kj_med=$(printf '%s\n' "${kj[@]}" | median)
printf '\n%-22s %10s %10s %6s  %s\n' "implementation" "median ms" "min ms" "exit" "all runs (ms)"
printf '%-22s %10s %10s %6s  %s\n' "keepalived 2.2.7 -t" "$ka_med" "$(printf '%s\n' "${ka[@]}" | sort -n | head -1)" "$ka_rc" "${ka[*]}"
printf '%-22s %10s %10s %6s  %s\n' "keepalived-j -t" "$kj_med" "$(printf '%s\n' "${kj[@]}" | sort -n | head -1)" "$kj_rc" "${kj[*]}"
awk -v a="$ka_med" -v b="$kj_med" 'BEGIN { printf "\nratio keepalived-j / keepalived: %.2f (below 1 means keepalived-j is faster)\n", (a > 0 ? b / a : 0) }'
printf 'load average (1, 5, 15 min) before: %s, after: %s; %s CPUs\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
