# SPDX-License-Identifier: GPL-2.0
#
# icmpx: out-of-tree module, tools and tests.
#
#   make                build icmpx.ko against KDIR
#   make check          install what is missing, build, run every test
#   make demo           boot Debian's stock 6.12 kernel in qemu and show icmpx
#   make deps           install build and test dependencies (root, apt)
#   make install        install icmpx.ko under /lib/modules/KVER/extra
#   make load / unload  insmod / rmmod the freshly built module
#   make fuzz           run the parser fuzzer for FUZZ_SECONDS (default 600)
#   make style          checkpatch --strict
#   make sparse         build with sparse (C=2)
#   make clean

KVER ?= $(shell uname -r)
# The running kernel's build tree, or else the newest Debian headers
# installed: the build machine's own kernel may have none.
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n1))
W ?= 1

MAKEFLAGS += --no-print-directory

FUZZ_SECONDS ?= 600

.PHONY: all modules tools check demo deps install uninstall load unload \
	fuzz style sparse clean

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

deps:
	@./selftests/deps.sh

fuzz:
	@./selftests/deps.sh
	$(MAKE) -C tools/fuzz run SECONDS=$(FUZZ_SECONDS)

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra modules_install
	depmod -a $(KVER)

uninstall:
	rm -f /lib/modules/$(KVER)/extra/icmpx.ko*
	depmod -a $(KVER)

load: modules
	insmod ./icmpx.ko

unload:
	rmmod icmpx

style:
	@src=$$(readlink -f "$$(./selftests/kernel.sh)/source") && \
	$$src/scripts/checkpatch.pl --no-tree --strict --terse -f icmpx/*.[ch] icmpx/tests/*.[ch]

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=$(W) C=2 modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C tools/fuzz clean
	rm -rf build
