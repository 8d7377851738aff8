# Sourced by the bench scripts that run daemons in throwaway network namespaces: a scratch directory ($work),
# and lists of the processes they start ($pids) and the namespaces they make ($nss), all removed on exit,
# whichever way the script ends. Usage: . "$root/tools/bench/lab.sh" (after set -euo pipefail).
work=$(mktemp -d)
pids=()
nss=()
lab_cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    for n in "${nss[@]}"; do ip netns del "$n" 2>/dev/null || true; done
    rm -rf "$work"
}
trap lab_cleanup EXIT
