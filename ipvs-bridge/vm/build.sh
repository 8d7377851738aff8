#!/bin/bash
# Builds the IPVS test VM into the cache directory: Debian's stock kernel (downloaded with
# apt-get download, unpacked, never installed), an uncompressed vmlinux for qemu's PVH entry,
# and a busybox initramfs with the virtio, 9p, overlay and IPVS modules in load order.
# Idempotent: does nothing when the stamp matches the inputs. Prints the cache directory.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${IPVS_VM_CACHE:-${XDG_CACHE_HOME:-/var/cache}/keepalived-j-vm}
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need qemu-system-x86_64 || missing+=(qemu-system-x86)
[ -x /bin/busybox ] && /bin/busybox --list | grep -x depmod >/dev/null || missing+=(busybox-static)
need ipvsadm || missing+=(ipvsadm)
need xz || missing+=(xz-utils)
need ip || missing+=(iproute2)
need curl || missing+=(curl)        # the NAT/DR cases fetch from the real servers with curl
if [ ${#missing[@]} -gt 0 ]; then
    echo "ipvs-vm: installing ${missing[*]}" >&2
    [ "$(id -u)" = 0 ] || { echo "ipvs-vm: need root to install ${missing[*]}" >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${missing[@]}" >&2 || { apt-get update -q >&2 && apt-get install -y -q "${missing[@]}" >&2; }
fi
BB=/bin/busybox
file "$BB" 2>/dev/null | grep -q 'statically linked' || [ -x /bin/busybox ] || { echo "ipvs-vm: no static busybox" >&2; exit 1; }

inputs=$(cat "$HERE/build.sh" "$HERE/init" "$HERE/init2" "$HERE/modules.list" | sha256sum | cut -c1-16)

# Resolve the current kernel ABI package through the meta package: Debian drops old ABIs.
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
if [ -z "$pkg" ]; then
    apt-get update -q >&2
    pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
fi
[ -n "$pkg" ] || { echo "ipvs-vm: cannot resolve linux-image-amd64" >&2; exit 1; }
KVER=${pkg#linux-image-}
if [ -f "$CACHE/stamp" ] && [ "$(cat "$CACHE/stamp")" = "$KVER $inputs" ]; then
    echo "$CACHE"; exit 0
fi

cd "$CACHE"
if ! ls "$pkg"_*.deb >/dev/null 2>&1; then
    echo "ipvs-vm: downloading $pkg" >&2
    apt-get download "$pkg" >&2 || { apt-get update -q >&2 && apt-get download "$pkg" >&2; }
fi
rm -rf kernel initramfs && mkdir kernel
dpkg -x "$(ls "$pkg"_*.deb | head -1)" kernel
KROOT=kernel/lib/modules/$KVER
$BB depmod -b kernel "$KVER"

# The vmlinuz is a bzImage with an xz payload; the ELF inside boots through PVH.
off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "kernel/boot/vmlinuz-$KVER" | head -1 | cut -d: -f1)
tail -c +$((off + 1)) "kernel/boot/vmlinuz-$KVER" | xz -dc > vmlinux.tmp 2>/dev/null || true
head -c 4 vmlinux.tmp | grep -q ELF || { echo "ipvs-vm: vmlinux extraction failed" >&2; exit 1; }
mv vmlinux.tmp vmlinux

# Depth-first module order: softdep pre: modules, then modules.dep dependencies, then the module.
declare -A seen
order=()
path_of() {  # module name or alias -> path relative to $KROOT
    local n=${1//-/_} p
    p=$(awk -F: -v n="$n" '{m=$1; sub(/.*\//,"",m); sub(/\.ko(\.xz)?$/,"",m); gsub(/-/,"_",m); if (m==n) {print $1; exit}}' "$KROOT/modules.dep")
    [ -n "$p" ] && { echo "$p"; return; }
    p=$(awk -v n="$1" '$1=="alias" && $2==n {print $3; exit}' "$KROOT/modules.alias")
    [ -n "$p" ] && path_of "$p"
    return 0
}
visit() {
    local p=$1 d s
    [ -n "$p" ] && [ -z "${seen[$p]:-}" ] || return 0
    seen[$p]=1
    for s in $($BB modinfo -F softdep "$KROOT/$p" 2>/dev/null | sed -n 's/.*pre: *//p'); do
        visit "$(path_of "$s")"
    done
    for d in $(awk -F: -v p="$p" '$1==p {print $2; exit}' "$KROOT/modules.dep"); do
        visit "$d"
    done
    order+=("$p")
}
while read -r m; do
    case "$m" in ''|'#'*) continue;; esac
    p=$(path_of "$m"); [ -n "$p" ] || { echo "ipvs-vm: module $m not in $KVER" >&2; exit 1; }
    visit "$p"
done < "$HERE/modules.list"

mkdir -p initramfs/bin "initramfs/lib/modules/$KVER" initramfs/proc initramfs/sys initramfs/dev initramfs/mnt
cp "$BB" initramfs/bin/busybox
cp "$HERE/init" initramfs/init && chmod +x initramfs/init
cp "$HERE/init2" initramfs/init2
: > initramfs/modules.load
for p in "${order[@]}"; do
    mkdir -p "initramfs/lib/modules/$KVER/$(dirname "$p")"
    cp "$KROOT/$p" "initramfs/lib/modules/$KVER/$p"
    echo "/lib/modules/$KVER/$p" >> initramfs/modules.load
done
echo "$KVER" > initramfs/kver
(cd initramfs && find . | $BB cpio -o -H newc -R 0:0 2>/dev/null | gzip -1) > initramfs.cpio.gz
echo "$KVER" > kver
echo "$KVER $inputs" > stamp
echo "ipvs-vm: built $KVER, ${#order[@]} modules" >&2
echo "$CACHE"
