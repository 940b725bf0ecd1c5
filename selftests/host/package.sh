#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ways a server gets icmpx, tried on the host without changing it.
#
#   selftests/host/package.sh build   Debian packages into build/deb (make deb)
#   selftests/host/package.sh check   build, lintian, then each install path
#                                in a throwaway overlay of the host's /
#   selftests/host/package.sh kernels the kernels dkms.conf lets DKMS build
#                                for (a part of check, in a second)
#
# check prints "pass|fail NAME" lines.  Every install runs chrooted in an
# overlay whose lower layer is the host's / and whose upper layer is a
# folder under build/deb: dpkg, DKMS and make install write there, and the
# host's own /usr, /etc and /var stay as they are.  /lib/modules is a
# folder of its own in each sandbox, holding only the kernels the test
# has "installed" (their headers' build links): DKMS sees exactly those.
#
# The package sandbox is kept as build/deb/layer for selftests/guest/install.sh,
# which boots Debian's 6.1 and 6.12 kernels on it, loads the module DKMS
# built for each, runs what icmpx.service runs, and purges the packages.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/deb
version=$(cat "$top/VERSION")
cmd=${1:?usage: package.sh build|check|kernels}
mkdir -p "$out"

ok() { echo "pass $*"; }
no() { echo "fail $*"; }
# t NAME COMMAND...: one case.
t() {
	local name=$1
	shift
	if "$@" > "$out/last.log" 2>&1; then ok "$name"; else no "$name"; sed 's/^/    /' "$out/last.log" >&2; fi
}

# The sources as git has them (or the whole tree, outside git), without
# anything built, in a folder named as dpkg-source wants.
stage() {
	local dst=$out/src/icmpx-$version
	rm -rf "$out/src"
	mkdir -p "$dst"
	if git -C "$top" rev-parse --git-dir > /dev/null 2>&1; then
		(cd "$top" && git ls-files -co --exclude-standard | grep -v '^build/' |
			cpio -pdm --quiet "$dst")
	else
		(cd "$top" && tar --exclude=./build -cf - .) | tar -C "$dst" -xf -
		make -s -C "$dst" clean > /dev/null 2>&1 || true
	fi
}

build() {
	mkdir -p "$out"
	rm -f "$out"/*.deb "$out"/*.dsc "$out"/*.tar.* "$out"/*.changes "$out"/*.buildinfo
	stage
	(cd "$out/src/icmpx-$version" && dpkg-buildpackage -us -uc) > "$out/build.log" 2>&1 || {
		tail -n 30 "$out/build.log" >&2
		return 1
	}
	mv "$out"/src/*.deb "$out"/src/*.dsc "$out"/src/*.tar.* "$out"/src/*.changes \
		"$out"/src/*.buildinfo "$out/"
}

# The same sources as a later version ($version+upgrade1), in
# build/deb/upgrade, for selftests/guest/install.sh to upgrade to.
build_upgrade() {
	local v=$version+upgrade1 src
	stage
	src=$out/src/icmpx-$version
	echo "$v" > "$src/VERSION"
	sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$v\"/" "$src/dkms.conf"
	{
		printf 'icmpx (%s) unstable; urgency=medium\n\n' "$v"
		printf '  * A rebuild, for the upgrade test.\n\n'
		printf ' -- icmpx authors <icmpx@lists.icmpx.dev>  %s\n\n' "$(date -R)"
		cat "$src/debian/changelog"
	} > "$src/debian/changelog.new"
	mv "$src/debian/changelog.new" "$src/debian/changelog"
	mv "$src" "$out/src/icmpx-$v"
	rm -rf "$out/upgrade"
	mkdir -p "$out/upgrade"
	(cd "$out/src/icmpx-$v" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) \
		> "$out/upgrade/build.log" 2>&1 || {
		tail -n 30 "$out/upgrade/build.log" >&2
		return 1
	}
	mv "$out"/src/*.deb "$out/upgrade/"
	rm -f "$out"/src/*.changes "$out"/src/*.buildinfo
}

# dkms.conf's BUILD_EXCLUSIVE_KERNEL against kernel releases (uname -r)
# it must let DKMS build for, Debian's 6.1 and 6.12, and releases it must
# not.  Read as dkms reads it (sourced, then sourced again as
# "$BUILD_EXCLUSIVE_KERNEL" in double quotes) and matched as dkms matches
# it ([[ KVER =~ REGEX ]]); Documentation/install.rst quotes it.
kernels() {
	local re k bad=0
	local yes="6.1.0-41-amd64 6.1.0-9-amd64 6.1.0-41-cloud-amd64 6.1.0-41-rt-amd64
		6.1.0-41-arm64 6.1.0-41-rt-arm64 6.1.0-41-cloud-arm64
		6.1.0-0.deb11.17-amd64 6.1.0-0.deb11.17-rt-amd64
		6.12.118+deb12-amd64 6.12.118+deb12-rt-amd64 6.12.118+deb12-cloud-amd64
		6.12.57+deb13-amd64 6.12.57+deb13-cloud-amd64 6.12.57+deb13-rt-amd64
		6.12.57+deb13-arm64 6.12.9+bpo-amd64 6.12.9+bpo-cloud-amd64 6.12.9-amd64"
	local no="5.10.0-30-amd64 5.10.0-30-cloud-amd64 6.6.13+bpo-amd64 6.5.0-0.deb12.4-amd64
		6.10.11+bpo-amd64 6.10.0-1-amd64 6.11.10+bpo-amd64 6.13.4-amd64
		6.16.3+deb14-amd64 6.1.55 6.12.1 6.12.57+deb13-amd64-custom
		6.1.0-41-amd64.old 16.1.0-41-amd64 6.120.0-1-amd64 x6.12.57+deb13-amd64
		6.1.0-1036-oem 6.8.0-45-generic 6.11.0-19-generic 6.12.0-1-generic
		6.12.57+deb13-amd64+ 6.1.0-41-686-pae 6.12.57+deb13-powerpc64le"
	# shellcheck disable=SC2016 # expanded by the inner bash
	re=$(bash -c '. "$1" > /dev/null 2>&1 && eval "v=\"$BUILD_EXCLUSIVE_KERNEL\"" &&
		printf %s "$v"' _ "$top/dkms.conf")
	if [ -z "$re" ]; then
		echo "dkms.conf sets no BUILD_EXCLUSIVE_KERNEL"
		return 1
	fi
	for k in $yes; do
		[[ $k =~ $re ]] || { echo "$re does not match $k"; bad=1; }
	done
	for k in $no; do
		if [[ $k =~ $re ]]; then echo "$re matches $k"; bad=1; fi
	done
	grep -qF "BUILD_EXCLUSIVE_KERNEL=\"$re\"" "$top/Documentation/install.rst" ||
		{ echo "Documentation/install.rst does not quote $re"; bad=1; }
	return $bad
}

# The documentation icmpxctl(8) sends its reader to and the bash
# completion, in the .deb: README.md and Documentation/ as in the sources
# (gzipped as dh_compress chose), without Documentation/bench's raw data.
deb_docs() {
	local deb=$out/icmpxctl_${version}_amd64.deb list f bad=0 doc=./usr/share/doc/icmpxctl
	list=$(dpkg-deb -c "$deb" | awk '{ print $1, $6 }') || return 1
	for f in "$top"/README.md "$top"/Documentation/*.rst \
		"$top"/Documentation/netlink/specs/icmpx.yaml; do
		f=${f#"$top"/}
		grep -qxF -e "-rw-r--r-- $doc/$f" -e "-rw-r--r-- $doc/$f.gz" <<< "$list" ||
			{ echo "$deb: no $doc/$f"; bad=1; }
	done
	if grep -F "$doc/Documentation/bench" <<< "$list"; then
		echo "$deb: the benchmark's raw data"
		bad=1
	fi
	grep -qxF -- "-rw-r--r-- ./usr/share/bash-completion/completions/icmpxctl" <<< "$list" ||
		{ echo "$deb: no /usr/share/bash-completion/completions/icmpxctl"; bad=1; }
	return $bad
}

# sandbox DIR SCRIPT: run SCRIPT (bash) chrooted in an overlay of / whose
# upper layer is DIR/upper and whose /lib/modules is DIR/modules.
sandbox() {
	local dir=$1 script=$2
	mkdir -p "$dir/upper" "$dir/work" "$dir/root" "$dir/modules"
	cp "$script" "$dir/upper/sandbox.sh"
	unshare -m --propagation private bash -euc '
		d=$1
		mount -t overlay overlay -o "lowerdir=/,upperdir=$d/upper,workdir=$d/work" "$d/root"
		mount --rbind /proc "$d/root/proc"
		mount --rbind /sys "$d/root/sys"
		mount --rbind /dev "$d/root/dev"
		mount -t tmpfs tmpfs "$d/root/tmp"
		# No /run/systemd/system: systemd is not running here, so
		# the maintainer scripts enable the unit but start nothing.
		mount -t tmpfs tmpfs "$d/root/run"
		mount --bind "$d/modules" "$d/root/usr/lib/modules"
		exec chroot "$d/root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
			"${@:2}" bash -eu /sandbox.sh' _ "$dir" "${@:3}"
}

# kernel_arrives MODULES KVER: what installing a kernel and its headers
# leaves in /lib/modules: the image's modules (hard links to the ones
# selftests/host/stock.sh unpacked, when it has) and the headers' build link.
kernel_arrives() {
	local from=${modroot[$2]:-}
	mkdir -p "$1"
	if [ -n "$from" ] && [ -d "$from/lib/modules/$2" ]; then
		cp -al "$from/lib/modules/$2" "$1/" 2> /dev/null ||
			cp -a "$from/lib/modules/$2" "$1/"
	fi
	mkdir -p "$1/$2"
	ln -sfn "/usr/src/linux-headers-$2" "$1/$2/build"
}

# Names with icmpx in them under /etc, /usr and /var of a sandbox, except
# what the host itself has there.
leftovers() {
	# man-db's formatted pages are its cache, which it expires itself.
	(cd "$1/upper" && find etc usr var -path var/cache/man -prune -o \
		-name '*icmpx*' -print 2> /dev/null | sort)
	(cd "$1/modules" && find . -name 'icmpx*' | sort)
}

check() {
	local k61 k612 dir left
	t "dkms.conf: BUILD_EXCLUSIVE_KERNEL is Debian's 6.1 and 6.12, nothing else" kernels
	k61=$(ls -d /usr/src/linux-headers-6.1.0-*-amd64 2> /dev/null | sort -V | tail -n1)
	k612=$(ls -d /usr/src/linux-headers-6.12.*+deb12-amd64 2> /dev/null | sort -V | tail -n1)
	k61=${k61#/usr/src/linux-headers-} k612=${k612#/usr/src/linux-headers-}
	if [ -z "$k61" ] || [ -z "$k612" ]; then
		no "package: 6.1 and 6.12 headers installed (make deps)"
		return
	fi
	declare -gA modroot
	for s in 6.1 6.12; do
		eval "$("$top/selftests/host/stock.sh" $s 2> /dev/null)" && modroot[$KVER]=$MODROOT
	done

	rm -rf "$out/layer"
	# One version everywhere.
	t "package: VERSION $version is dkms.conf's" \
		grep -qx "PACKAGE_VERSION=\"$version\"" "$top/dkms.conf"
	t "package: VERSION $version is debian/changelog's" \
		test "$(cd "$top" && dpkg-parsechangelog -SVersion)" = "$version"
	t "package: VERSION $version is the man page's" \
		grep -q "^\.TH ICMPXCTL 8 \"[^\"]*\" \"icmpx $version\"" "$top/tools/icmpxctl/icmpxctl.8"

	if build; then
		ok "package: dpkg-buildpackage -us -uc builds icmpx-dkms and icmpxctl"
	else
		no "package: dpkg-buildpackage -us -uc builds icmpx-dkms and icmpxctl"
		return
	fi
	t "package: a later version built, to upgrade to (build/deb/upgrade)" build_upgrade
	# Only icmpxctl has the unit: the module's package must not touch it.
	t "package: icmpx-dkms's maintainer scripts leave the service alone" bash -c \
		"rm -rf $out/dkms-control && dpkg-deb -e $out/icmpx-dkms_${version}_all.deb $out/dkms-control &&
		 ! grep -Eq 'systemctl|deb-systemd|icmpxctl' $out/dkms-control/p*"
	t "package: icmpxctl has README.md, Documentation/ and the bash completion" deb_docs
	t "package: upgrading icmpxctl does not stop icmpx.service" bash -c \
		"rm -rf $out/ctl-control && dpkg-deb -e $out/icmpxctl_${version}_amd64.deb $out/ctl-control &&
		 ! grep -q 'stop' $out/ctl-control/preinst $out/ctl-control/prerm 2> /dev/null"
	# Pedantic and informational tags too; each override says why.
	t "package: lintian clean (--pedantic -I)" bash -c \
		"lintian --pedantic -I --fail-on error,warning,info,pedantic \
		 $out/icmpx_${version}_amd64.changes 2>&1 | grep -v 'root privileges'; \
		 exit \${PIPESTATUS[0]}"

	# --- The packages: DKMS builds for 6.1, then for 6.12 as it arrives.
	dir=$out/layer-sandbox
	rm -rf "$dir"
	mkdir -p "$dir/modules"
	kernel_arrives "$dir/modules" "$k61"
	kernel_arrives "$dir/staged" "$k612"
	mv "$dir/staged/$k612" "$dir/modules/.$k612"
	# What is newer than this in /lib/modules, DKMS and depmod wrote.
	touch "$dir/stamp"
	cp "$out/icmpx-dkms_${version}_all.deb" "$out/icmpxctl_${version}_amd64.deb" "$dir/"
	cat > "$dir/script" <<-EOF
		dpkg -i $dir/icmpx-dkms_${version}_all.deb $dir/icmpxctl_${version}_amd64.deb
		ls /lib/modules/$k61/updates/dkms/icmpx.ko*
		test ! -e /lib/modules/$k612/updates
		# A new kernel arrives (made ready outside the chroot):
		# Debian's kernel package runs the kernel hooks.
		mv /lib/modules/.$k612 /lib/modules/$k612
		/etc/kernel/postinst.d/dkms $k612
		dkms status icmpx > /dkms-status
		# A kernel icmpx does not support: dkms.conf's
		# BUILD_EXCLUSIVE_KERNEL turns it down (77), building nothing.
		rc=0
		dkms build icmpx/$version -k 6.6.13+bpo-amd64 > /excluded.log 2>&1 || rc=\$?
		echo \$rc > /excluded
		systemd-analyze verify /lib/systemd/system/icmpx.service
		touch /verified
	EOF
	t "package: dpkg -i both; DKMS builds for $k61, then for $k612 when it arrives" \
		sandbox "$dir" "$dir/script"
	# DKMS compresses as the kernel's own modules are: 6.12's with xz.
	for k in "$k61" "$k612"; do
		ko=$(ls "$dir/modules/$k/updates/dkms/icmpx.ko"* 2> /dev/null)
		t "package: DKMS module for $k is $version, built for it" bash -c \
			"modinfo -F vermagic '$ko' | grep -q '^$k ' &&
			 test \"\$(modinfo -F version '$ko')\" = $version"
	done
	t "package: dkms status: installed for both kernels" bash -c \
		"grep -c ': installed' $dir/upper/dkms-status | grep -qx 2"
	t "package: DKMS will not build for 6.6.13+bpo-amd64 (BUILD_EXCLUSIVE_KERNEL)" \
		grep -qx 77 "$dir/upper/excluded"
	t "package: systemd-analyze verify icmpx.service (installed)" \
		test -f "$dir/upper/verified"
	t "package: icmpx.service enabled for the next boot" \
		test -L "$dir/upper/etc/systemd/system/sysinit.target.wants/icmpx.service"
	# The layer the VMs boot on: the sandbox's upper layer with its
	# /lib/modules put where it belongs, without overlayfs' own marks.
	mkdir -p "$out/layer/usr/lib"
	(cd "$dir/upper" && find . -xdev ! -type c -print0 |
		cpio -0pdm --quiet "$out/layer") &&
	(cd "$dir" && find modules ! -type d -newer stamp -print0 |
		cpio -0pdm --quiet "$out/layer/usr/lib") &&
	rm -f "$out/layer/sandbox.sh" "$out/layer/dkms-status" "$out/layer/verified" \
		"$out/layer/excluded" "$out/layer/excluded.log" &&
	test "$(cd "$out/layer" && find usr/lib/modules -path '*/updates/dkms/icmpx.ko*' | wc -l)" = 2 &&
		ok "package: installed system kept for the VMs (build/deb/layer)" ||
		no "package: installed system kept for the VMs (build/deb/layer)"
	# Then the purge, in the same sandbox: the same on every kernel, and
	# here dkms remove's depmod over both kernels' modules takes seconds,
	# not the minutes it took under TCG.  Only the packages: dkms itself
	# and what it pulled in stay.
	cat > "$dir/script" <<-EOF
		dpkg --purge icmpxctl icmpx-dkms
		dpkg-query -W -f='\${db:Status-Status}\n' icmpx-dkms icmpxctl > /purged 2>&1 || true
	EOF
	t "package: dpkg --purge icmpxctl icmpx-dkms" sandbox "$dir" "$dir/script"
	t "package: purged, dpkg has neither package installed" bash -c \
		"test -f $dir/upper/purged && ! grep -qx installed $dir/upper/purged"
	# Names with icmpx in them: the sources, DKMS's tree and modules, the
	# unit and its boot link, the man page, the docs, /etc/icmpx.conf.
	left=$(leftovers "$dir")
	[ -z "$left" ] || sed 's/^/    left: /' <<< "$left" >&2
	t "package: purged, nothing of the packages left (/etc, /usr, /var, /lib/modules)" \
		test -z "$left"

	# --- make dkms-install, make dkms-remove (the kernel hook that
	# rebuilds for a new kernel was tried with the packages above).
	dir=$out/dkms-sandbox
	rm -rf "$dir"
	mkdir -p "$dir/modules"
	kernel_arrives "$dir/modules" "$k612"
	cat > "$dir/script" <<-EOF
		cd $top
		make dkms-install KVER=$k612 > /dkms.log
		ls /lib/modules/$k612/updates/dkms/icmpx.ko*
		dkms status icmpx | grep -q ': installed'
		make dkms-remove >> /dkms.log
		test ! -e /usr/src/icmpx-$version
		test ! -e /var/lib/dkms/icmpx
	EOF
	t "dkms: make dkms-install ($k612), make dkms-remove" \
		sandbox "$dir" "$dir/script"
	t "dkms: nothing left after make dkms-remove" test -z "$(leftovers "$dir")"

	# --- make install / make uninstall (the sources' own build).
	dir=$out/install-sandbox
	rm -rf "$dir"
	mkdir -p "$dir/modules"
	kernel_arrives "$dir/modules" "$k612"
	cat > "$dir/script" <<-EOF
		cd $top
		make install KVER=$k612 KDIR=/usr/src/linux-headers-$k612 > /install.log
		# Debian's 6.12 compresses modules (icmpx.ko.xz), 6.1 does not.
		ls /lib/modules/$k612/extra/icmpx.ko*
		for f in /usr/local/sbin/icmpxctl \
			/usr/local/share/man/man8/icmpxctl.8 \
			/usr/local/share/bash-completion/completions/icmpxctl \
			/usr/local/share/doc/icmpxctl/README.md \
			/usr/local/share/doc/icmpxctl/Documentation/policy.rst \
			/usr/local/lib/systemd/system/icmpx.service \
			/etc/icmpx.conf /etc/modprobe.d/icmpx.conf; do
			test -f \$f || { echo "missing \$f"; exit 1; }
		done
		grep -q 'extra/icmpx.ko' /lib/modules/$k612/modules.dep
		systemd-analyze verify /usr/local/lib/systemd/system/icmpx.service
		# A second install keeps the administrator's files.
		echo 'set redirect drop' >> /etc/icmpx.conf
		make install KVER=$k612 KDIR=/usr/src/linux-headers-$k612 > /install2.log
		grep -q 'kept /etc/icmpx.conf' /install2.log
		grep -q 'set redirect drop' /etc/icmpx.conf
		make uninstall KVER=$k612 > /uninstall.log
		grep -q 'kept /etc/icmpx.conf' /uninstall.log
	EOF
	t "install: make install, again (keeps /etc), make uninstall" \
		sandbox "$dir" "$dir/script"
	t "install: only the edited /etc/icmpx.conf left after make uninstall" \
		test "$(leftovers "$dir")" = "etc/icmpx.conf"
}

case $cmd in
build)	build && ls "$out"/*.deb ;;
check)	check ;;
kernels) t "dkms.conf: BUILD_EXCLUSIVE_KERNEL is Debian's 6.1 and 6.12, nothing else" kernels ;;
*)	echo "usage: package.sh build|check|kernels" >&2; exit 2 ;;
esac
