#!/bin/bash
# Runs one shell command as root inside a throw-away VM booted from Debian's stock kernel
# (IPVS as modules) under qemu, with the host root read-only under a tmpfs overlay.
# stdout/stderr of the command stream to ours; the exit code is the command's, 124 on timeout,
# 125 when the VM died without a result (the console tail is printed then).
#   IPVS_VM_TIMEOUT (s, default 900)  IPVS_VM_TCG_THREAD (single|multi)  IPVS_VM_MEM (MiB, 2048)
#   IPVS_VM_SHARE_CWD=0 keeps the cwd copy-on-write too (default: shared read-write)
set -euo pipefail

main() {
    local here cache kver run qpid qrc rc share
    here=$(cd "$(dirname "$0")" && pwd)
    [ $# -gt 0 ] || { echo "usage: $0 'command'" >&2; exit 2; }
    cache=$("$here/build.sh")
    kver=$(cat "$cache/kver")
    run=$(mktemp -d /tmp/ipvs-vm.XXXXXX)
    qpid=
    trap 'cleanup' EXIT
    trap 'exit 130' INT TERM HUP

    share=
    case "$PWD" in
        /|/tmp|/etc|/root|/home|/var|/usr|/opt|/srv|/bin|/sbin|/lib|/boot) ;;
        *) [ "${IPVS_VM_SHARE_CWD:-1}" = 1 ] && share=$PWD ;;
    esac
    {
        while IFS= read -r -d '' kv; do
            k=${kv%%=*}
            case "$k" in PWD|OLDPWD|SHLVL|_|SSH_*|TERM|DISPLAY|XAUTHORITY|TMUX*|MAIL) continue;; esac
            [[ "$k" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
            printf 'export %s=%q\n' "$k" "${kv#*=}"
        done < <(env -0)
        echo 'export TERM=dumb PATH="$PATH:/.ipvs-vm/bin"'
        printf 'cd -- %q || exit 126\n' "$PWD"
        printf '%s\n' "$*"
    } > "$run/cmd.sh"
    printf 'IPVS_VM_CACHE=%q\nIPVS_VM_SHARE=%q\n' "$cache" "$share" > "$run/run.env"
    : > "$run/stdout"; : > "$run/stderr"

    local args=(-nodefaults -no-user-config -machine pc -accel "tcg,thread=${IPVS_VM_TCG_THREAD:-single}"
        -cpu max -smp 2 -m "${IPVS_VM_MEM:-2048}" -display none -nic none -no-reboot
        -serial "file:$run/console.log" -pidfile "$run/qemu.pid"
        -kernel "$cache/vmlinux" -initrd "$cache/initramfs.cpio.gz"
        -append 'console=ttyS0 quiet loglevel=4 panic=-1'
        -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
        -virtfs "local,path=$run,mount_tag=results,security_model=none,multidevs=remap")
    [ -z "$share" ] || args+=(-virtfs "local,path=$share,mount_tag=share,security_model=none,multidevs=remap")

    timeout -k 5 "${IPVS_VM_TIMEOUT:-900}" qemu-system-x86_64 "${args[@]}" </dev/null &
    qpid=$!
    tail -n +1 -f --pid=$qpid "$run/stdout" &
    tail -n +1 -f --pid=$qpid "$run/stderr" >&2 &
    qrc=0; wait $qpid || qrc=$?
    qpid=
    wait
    if [ -f "$run/rc" ]; then
        rc=$(cat "$run/rc")
        echo "ipvs-vm: $kver booted in $(cat "$run/boot-seconds")s, command ran until $(cat "$run/end-seconds")s (guest uptime), rc=$rc" >&2
        exit "$rc"
    fi
    echo "ipvs-vm: the VM ended without a result (qemu rc=$qrc); console tail:" >&2
    tail -n 40 "$run/console.log" >&2 || true
    [ "$qrc" = 124 ] && exit 124
    exit 125
}

cleanup() {
    [ -n "${qpid:-}" ] && kill "$qpid" 2>/dev/null
    [ -n "${run:-}" ] && rm -rf -- "$run"
    return 0
}

main "$@"
