#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages on a booted stock kernel, as a server has them.
#
# selftests/host/package.sh installed icmpx-dkms and icmpxctl into a sandbox on
# the host (DKMS building for 6.1, then for 6.12) and kept what they wrote
# as $ICMPX_PKG_LAYER.  Here that layer goes over the host's / and the
# stock kernel's modules (overlayfs, writes to tmpfs), and in a chroot of
# it: the module DKMS built for this kernel loads with modprobe, what
# icmpx.service runs at boot puts a saved /etc/icmpx.conf in force and
# icmpxctl shows it, reload and stop do what the unit says, an upgrade of
# icmpxctl leaves the policy in force, and the unit's stop sets mode off.
#
# The purge is the same on every kernel, and its dkms remove runs depmod
# over each kernel's modules, minutes under TCG: package.sh purges in its
# sandbox on the host.  selftests/host/package.sh makes the layer;
# without it (a VM run by hand) nothing here runs.
# Phase: unloaded
# Needs: ICMPX_PKG_LAYER
set -u
. "$ICMPX_SRC/selftests/vm/lib.sh"

layer=${ICMPX_PKG_LAYER:?}
kver=$(uname -r)
version=$(cat "$ICMPX_SRC/VERSION")
t=/tmp/pkg
root=$t/root

if lsmod | grep -q '^icmpx '; then
	fail "install: icmpx unloaded before the packages' own is loaded"
	exit 0
fi
if ! load_module overlay; then
	skip "install: the packages on $kver" "no overlayfs"
	exit 0
fi

mkdir -p $t/up $t/work $t/mup $t/mwork $root
# overlayfs refuses a lower layer inside another (the layer is under the
# host's /): it is small, copy it to tmpfs.
if ! cp -a "$layer" $t/layer ||
   ! mount -t overlay overlay -o "lowerdir=$t/layer:/,upperdir=$t/up,workdir=$t/work" $root ||
   ! mount -t overlay overlay \
	-o "lowerdir=$t/layer/usr/lib/modules:$ICMPX_MODROOT/lib/modules,upperdir=$t/mup,workdir=$t/mwork" \
	$root/usr/lib/modules ||
   ! mount --rbind /proc $root/proc || ! mount --rbind /sys $root/sys ||
   ! mount --rbind /dev $root/dev || ! mount -t tmpfs tmpfs $root/tmp ||
   ! mount -t tmpfs tmpfs $root/run; then
	fail "install: the installed system mounted over / ($kver)"
	umount -R $root 2> /dev/null
	exit 0
fi
pass "install: the installed system mounted over / ($kver)"

# inside COMMAND...: run in the installed system, with systemd's search path
# for plain command names.
inside() {
	chroot $root env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
unit=/lib/systemd/system/icmpx.service
# unit_run KEY: each of the unit's KEY= command lines, in order.
unit_run() {
	local line rc=0 n=0
	while read -r line; do
		n=$((n + 1))
		echo "# $1: $line"
		# shellcheck disable=SC2086
		inside ${line} || rc=1
	done < <(sed -n "s/^$1=//p" $root$unit)
	[ $n -gt 0 ] && return $rc
}

# DKMS compresses as the kernel's own modules are (6.12: xz).
ko=$(cd $root && ls usr/lib/modules/"$kver"/updates/dkms/icmpx.ko* 2> /dev/null)
check "install: DKMS built icmpx for $kver" test -n "$ko"
# DKMS ran depmod on the host, over this kernel's own modules.
expect "install: modprobe finds the DKMS module" \
	"$(inside modinfo -n icmpx)" "/${ko#usr/}"

cat > $root/etc/icmpx.conf <<'EOF'
# icmpx configuration, written by icmpxctl save
# icmpxctl apply FILE puts it in force, all of it or none.
preset router
set mode monitor
set source-quench drop
set redirect drop
set router-adv accept
set validate-errors off
set routers none
set trusted none
rule add -4 echo-reply drop
zone local lo
preset strict
set mode monitor
set source-quench drop
set redirect drop
set router-adv allow
set validate-errors on
set routers none
set trusted none
EOF
check "install: what icmpx.service starts at boot succeeds" unit_run ExecStart
check "install: the file's zone in force at boot" \
	grep -q "^local lo" <<< "$(inside icmpxctl zone)"
check "install: ... with its own policy" \
	grep -q "^zone local: preset strict, mode monitor" <<< "$(inside icmpxctl -z local show)"
expect "install: the module loaded is the package's ($version)" \
	"$(cat /sys/module/icmpx/version 2> /dev/null)" "$version"
show=$(inside icmpxctl show)
echo "$show" | sed 's/^/# /'
check "install: icmpxctl show: preset router, mode monitor" grep -q "^preset router, mode monitor" <<< "$show"
check "install: icmpxctl show: the saved rule" grep -Eq "echo-reply .*drop" <<< "$show"
expect "install: icmpxctl save is /etc/icmpx.conf" "$(inside icmpxctl save)" "$(cat $root/etc/icmpx.conf)"

sed -i 's/^set mode monitor/set mode enforce/' $root/etc/icmpx.conf
check "install: systemctl reload (ExecReload) succeeds" unit_run ExecReload
check "install: reload put the changed file in force" grep -q "^preset router, mode enforce" <<< "$(inside icmpxctl show)"
# An upgrade, as apt does it on a server where systemd runs: the
# maintainer scripts see /run/systemd/system, and what they ask of the
# unit is done as systemd would (the unit's own command lines).
upgrade=$(ls "$ICMPX_SRC"/build/deb/upgrade/icmpxctl_*_amd64.deb 2> /dev/null)
if [ -n "$upgrade" ]; then
	mkdir -p $root/run/systemd/system
	cat > $root/usr/local/sbin/deb-systemd-invoke <<-'EOF'
		#!/bin/sh
		echo "$*" >> /tmp/invoked
		case $1 in
		stop)	sed -n 's/^ExecStop=//p' /lib/systemd/system/icmpx.service | sh ;;
		start|restart)
			sed -n 's/^ExecStart=//p' /lib/systemd/system/icmpx.service | sh ;;
		esac
	EOF
	printf '#!/bin/sh\necho "systemctl $*" >> /tmp/invoked\n' > $root/usr/local/sbin/systemctl
	chmod +x $root/usr/local/sbin/deb-systemd-invoke $root/usr/local/sbin/systemctl
	inside icmpxctl rule add -4 echo-request limit 7/s burst 7
	if inside dpkg -i "$upgrade" > $t/upgrade.log 2>&1; then
		pass "install: dpkg -i icmpxctl, a later version"
	else
		sed 's/^/# /' $t/upgrade.log
		fail "install: dpkg -i icmpxctl, a later version"
	fi
	sed 's/^/# invoked: /' $root/tmp/invoked 2> /dev/null
	show=$(inside icmpxctl show)
	check "install: after the upgrade, the policy still in force (mode enforce)" \
		grep -q "^preset router, mode enforce" <<< "$show"
	check "install: after the upgrade, the rule set before it still there" \
		grep -Eq "echo-request +limit 7/s burst 7" <<< "$show"
	rm -rf $root/run/systemd/system $root/usr/local/sbin/deb-systemd-invoke \
		$root/usr/local/sbin/systemctl
else
	fail "install: build/deb/upgrade has icmpxctl of a later version"
fi

# The file's zone on lo would go on filtering: stop deletes zones.
check "install: the file's zone still there after the upgrade" \
	grep -q "^local lo" <<< "$(inside icmpxctl zone)"
check "install: systemctl stop (ExecStop) succeeds" unit_run ExecStop
check "install: stopped: mode off, module still loaded" grep -q "mode off" <<< "$(inside icmpxctl show)"
expect "install: stopped: no zone but the default" "$(inside icmpxctl zone | cut -d' ' -f1)" default

check "install: rmmod icmpx" rmmod icmpx

umount -R $root 2> /dev/null || umount -l $root

end_test
