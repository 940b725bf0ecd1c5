#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""What a network namespace costs: make N, then let them go.

    netns.py N CGROUP

Moves itself into the memory cgroup CGROUP (a cgroup2 directory with
the memory controller), then makes N network namespaces, each held by
an open /proc/self/ns/net, and drops them.  Prints one line:

    N CREATE_MS DESTROY_MS MEMCG_BYTES SLAB_BYTES PERCPU_BYTES

the time to make them, the time until their memory was given back (the
kernel frees namespaces in the background; -1 if not in two minutes),
and what the N held, by the cgroup's own count: memory.current, and the
slab and percpu lines of memory.stat, each the difference between
before and with the N alive.  (/proc/meminfo's Percpu: counts the pages
the percpu allocator has populated, which it keeps after a free: no
measure of what N namespaces hold.)  Only the standard
library; unshare() through ctypes (os.unshare is Python 3.12's).
"""
import ctypes
import os
import sys
import time

CLONE_NEWNET = 0x40000000


def stat(cgroup, key):
    with open(os.path.join(cgroup, "memory.stat")) as f:
        for line in f:
            k, v = line.split()
            if k == key:
                return int(v)
    raise KeyError(key)


def current(cgroup):
    with open(os.path.join(cgroup, "memory.current")) as f:
        return int(f.read())


def main():
    n, cgroup = int(sys.argv[1]), sys.argv[2]
    with open(os.path.join(cgroup, "cgroup.procs"), "w") as f:
        f.write(str(os.getpid()))
    libc = ctypes.CDLL(None, use_errno=True)
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    time.sleep(0.5)
    m0, s0, p0 = current(cgroup), stat(cgroup, "slab"), stat(cgroup, "percpu")
    fds = []
    t0 = time.monotonic()
    for _ in range(n):
        if libc.unshare(CLONE_NEWNET):
            err = ctypes.get_errno()
            sys.exit(f"unshare: {os.strerror(err)}")
        fds.append(os.open("/proc/self/ns/net", os.O_RDONLY))
    t1 = time.monotonic()
    # Back home: the last namespace made is held by its fd alone.
    libc.setns(home, CLONE_NEWNET)
    m1, s1, p1 = current(cgroup), stat(cgroup, "slab"), stat(cgroup, "percpu")
    t2 = time.monotonic()
    for fd in fds:
        os.close(fd)
    # Gone when the cgroup holds no more than a twentieth of what the
    # namespaces did, or 1 MiB, whichever is more: the kernel's
    # cleanup_net work has run for them all (caches keep a little, and
    # of a few namespaces' memory a twentieth is less than they keep).
    # -1: not within two minutes.
    deadline = t2 + 120
    while current(cgroup) > m0 + max((m1 - m0) // 20, 1 << 20):
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    t3 = time.monotonic()
    destroy = round((t3 - t2) * 1000) if t3 <= deadline else -1
    print(n, round((t1 - t0) * 1000), destroy, m1 - m0, s1 - s0, p1 - p0)


if __name__ == "__main__":
    main()
