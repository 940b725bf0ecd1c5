#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare one of Debian's stock kernels for the test VM.
#
#   selftests/host/stock.sh 6.1|6.12
#
# Prints shell assignments for the caller to eval:
#   KVER     the kernel release, e.g. 6.12.117+deb12-amd64
#   KDIR     its installed headers, which icmpx is built against
#   KERNEL   the vmlinuz taken from Debian's linux-image package
#   INITRD   a small initramfs that loads 9p and virtio-rng and mounts /
#   MODROOT  a folder holding lib/modules/$KVER, for modprobe -d
#
# The image package is downloaded and unpacked into the cache, never
# installed: the build machine's own /boot and /lib/modules stay as they
# are.  The kernel release follows the installed headers, so the module
# and the kernel always match.
set -euo pipefail

series=${1:?usage: stock.sh 6.1|6.12}
cache=${ICMPX_CACHE:-$HOME/.cache/icmpx}
log() { printf 'stock: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case $series in
6.1)	pattern='/usr/src/linux-headers-6.1.0-*-amd64' ;;
6.12)	pattern='/usr/src/linux-headers-6.12.*+deb12-amd64' ;;
*)	die "unknown series '$series' (want 6.1 or 6.12)" ;;
esac
# shellcheck disable=SC2086
KDIR=$(ls -d $pattern 2> /dev/null | sort -V | tail -n1)
[ -n "$KDIR" ] || die "no $series headers installed (run: make deps)"
KVER=${KDIR#/usr/src/linux-headers-}

dir=$cache/stock/$KVER
MODROOT=$dir/root
KERNEL=$MODROOT/boot/vmlinuz-$KVER

# The initramfs's init: load the modules needed to mount the host's /
# over 9p (in dependency order), mount it and hand over to the real init
# there.  cache=loose: vm.sh says why.
# shellcheck disable=SC2016 # expanded by the initramfs, not here
init_script='#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs devtmpfs /dev
for m in $(/bin/busybox cat /lib/modules/order); do
	/bin/busybox insmod "/lib/modules/$m" || echo "initramfs: insmod $m failed"
done
if ! /bin/busybox mount -t 9p \
	-o ro,trans=virtio,version=9p2000.L,access=any,msize=524288,cache=loose \
	/dev/root /newroot; then
	echo "initramfs: cannot mount the 9p root"
	/bin/busybox reboot -f
fi
/bin/busybox umount /proc
/bin/busybox umount /dev
exec /bin/busybox switch_root /newroot "$ICMPX_INIT"
'
# Named by its init, so that changing the init makes a new one.
INITRD=$dir/initrd-$(printf '%s' "$init_script" | sha256sum | cut -c1-12).img

mkdir -p "$cache/stock"
exec 9>"$cache/.lock-stock"
flock 9

if [ ! -f "$dir/.icmpx-ready" ]; then
	rm -rf "$dir"
	mkdir -p "$dir/debs"
	log "downloading linux-image-$KVER"
	(cd "$dir/debs" && apt-get download -q "linux-image-$KVER" > /dev/null 2>&1) ||
		(apt-get update -q > /dev/null && cd "$dir/debs" &&
		 apt-get download -q "linux-image-$KVER" > /dev/null) ||
		die "cannot download linux-image-$KVER"
	dpkg-deb -x "$dir"/debs/linux-image-*.deb "$MODROOT"
	rm -rf "$dir/debs"
	depmod -b "$MODROOT" "$KVER"
	[ -f "$KERNEL" ] || die "no kernel image in linux-image-$KVER"
	touch "$dir/.icmpx-ready"
fi

if [ ! -f "$INITRD" ]; then
	# busybox, the 9p modules and the init above.
	ir=$dir/initramfs
	rm -rf "$ir" "$dir"/initrd*.img
	mkdir -p "$ir"/{bin,dev,proc,sys,newroot,lib/modules}
	cp /usr/bin/busybox "$ir/bin/busybox"
	modprobe -d "$MODROOT" -S "$KVER" --show-depends -a virtio_pci 9p 9pnet_virtio virtio-rng |
		awk '$1 == "insmod" && !seen[$2]++ { print $2 }' > "$dir/mods"
	: > "$ir/lib/modules/order"
	while read -r m; do
		base=$(basename "$m")
		base=${base%.xz}
		base=${base%.zst}
		case $m in
		*.xz)	xz -dc "$m" > "$ir/lib/modules/$base" ;;
		*.zst)	zstd -qdc "$m" > "$ir/lib/modules/$base" ;;
		*)	cp "$m" "$ir/lib/modules/$base" ;;
		esac
		echo "$base" >> "$ir/lib/modules/order"
	done < "$dir/mods"
	printf '%s' "$init_script" > "$ir/init"
	chmod +x "$ir/init"
	(cd "$ir" && find . | cpio -o -H newc --quiet | gzip -1) > "$INITRD.tmp"
	mv "$INITRD.tmp" "$INITRD"
	rm -rf "$ir"
fi

printf 'KVER=%q\nKDIR=%q\nKERNEL=%q\nINITRD=%q\nMODROOT=%q\n' \
	"$KVER" "$KDIR" "$KERNEL" "$INITRD" "$MODROOT"
