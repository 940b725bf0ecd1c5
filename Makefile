# SPDX-License-Identifier: GPL-2.0
#
# icmpx: out-of-tree module, tools and tests.
#
#   make                build icmpx.ko against KDIR
#   make check          install what is missing, build, run every test
#   make demo           boot Debian's stock 6.12 kernel in qemu and show icmpx
#   make bench          icmpx against no filter, nftables and iptables, in
#                       qemu on Debian's stock 6.12 kernel (build/bench)
#   make soak           the long fuzz runs on the debug kernel (build/soak)
#   make deps           install build and test dependencies (root, apt)
#   make install        install icmpx.ko (/lib/modules/KVER/extra), icmpxctl,
#                       its man page, the systemd unit and /etc examples
#   make uninstall      remove them (an /etc file changed by hand stays)
#   make dkms-install   copy the sources to /usr/src and build with DKMS
#   make dkms-remove    remove icmpx from DKMS and /usr/src
#   make deb            Debian packages icmpx-dkms and icmpxctl, in build/deb
#   make load / unload  insmod / rmmod the freshly built module
#   make fuzz           run the parser fuzzer for FUZZ_SECONDS (default 600)
#   make mutants        every mechanical mutant of parse.c, policy.c, limit.c
#                       and sources.c against the userspace checks
#   make module-debug   build icmpx.ko with pr_debug() on and debug info
#   make style          checkpatch --strict (only checkpatch.pl is taken
#                       from the kernel source package, no kernel built)
#   make sparse         build with sparse (C=2)
#   make clean

KVER ?= $(shell uname -r)
# The running kernel's build tree, or else the newest Debian headers
# installed: the build machine's own kernel may have none.
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n1))
W ?= 1
VERSION := $(shell cat VERSION)

# make install: PREFIX for icmpxctl, its man page and the unit; DESTDIR
# to stage it all elsewhere (then depmod is left to the packager).
PREFIX ?= /usr/local
DESTDIR ?=
SYSCONFDIR ?= /etc
UNITDIR ?= $(PREFIX)/lib/systemd/system
DKMS_SRC := /usr/src/icmpx-$(VERSION)
# What DKMS needs to build the module, and nothing built.
DKMS_FILES := Kbuild VERSION dkms.conf \
	$(shell find icmpx include -name '*.[ch]' 2>/dev/null | sort)
# dist/FILE:place under SYSCONFDIR.  Configuration is the administrator's:
# install never overwrites it, uninstall keeps it once edited.
ETC_FILES := icmpx.conf:icmpx.conf modprobe.conf:modprobe.d/icmpx.conf

MAKEFLAGS += --no-print-directory

FUZZ_SECONDS ?= 600

.PHONY: all modules module-debug tools check demo bench soak deps install uninstall dkms-sources \
	dkms-install dkms-remove deb load unload fuzz mutants style sparse clean

all: modules

modules:
	@test -n "$(KDIR)" || { echo "No kernel headers found: set KDIR or run make deps" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=$(W) modules

tools:
	$(MAKE) -C tools

check:
	@./selftests/check.sh

demo:
	@./selftests/demo.sh

bench:
	@./selftests/bench/run.sh

soak:
	@./selftests/soak.sh

deps:
	@./selftests/host/deps.sh

fuzz:
	@./selftests/host/deps.sh
	$(MAKE) -C tools/fuzz run SECONDS=$(FUZZ_SECONDS)

mutants:
	@./selftests/host/deps.sh
	$(MAKE) -C tools/fuzz mutants

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=extra modules_install
	$(if $(DESTDIR),,depmod -a $(KVER))
	$(MAKE) -C tools/icmpxctl install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	install -D -m 0644 dist/icmpx.service $(DESTDIR)$(UNITDIR)/icmpx.service
	@for f in $(ETC_FILES); do \
		dst=$(DESTDIR)$(SYSCONFDIR)/$${f#*:}; \
		if [ -e $$dst ]; then echo "kept $$dst"; \
		else install -D -m 0644 dist/$${f%%:*} $$dst && echo "installed $$dst"; fi; \
	done
	@echo "Start at boot with: systemctl daemon-reload; systemctl enable --now icmpx"

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KVER)/extra/icmpx.ko*
	$(if $(DESTDIR),,depmod -a $(KVER))
	$(MAKE) -C tools/icmpxctl uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	rm -f $(DESTDIR)$(UNITDIR)/icmpx.service
	@for f in $(ETC_FILES); do \
		dst=$(DESTDIR)$(SYSCONFDIR)/$${f#*:}; \
		if cmp -s dist/$${f%%:*} $$dst; then rm -f $$dst; \
		elif [ -e $$dst ]; then echo "kept $$dst: changed since it was installed"; fi; \
	done

# The sources as DKMS wants them; debian/rules uses it too.
dkms-sources:
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)
	cp --parents $(DKMS_FILES) $(DKMS_SRC)/

dkms-install: dkms-sources
	dkms add icmpx/$(VERSION)
	dkms install icmpx/$(VERSION) -k $(KVER)

dkms-remove:
	-dkms remove icmpx/$(VERSION) --all
	rm -rf $(DKMS_SRC)

deb:
	@./selftests/host/package.sh build

load: modules
	insmod ./icmpx.ko

unload:
	rmmod icmpx

module-debug:
	@test -n "$(KDIR)" || { echo "No kernel headers found: set KDIR or run make deps" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=$(W) CONFIG_ICMPX_DEBUG=y modules

style:
	@./selftests/host/checkpatch.sh

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=$(W) C=2 modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C tools/fuzz clean
	rm -rf build
