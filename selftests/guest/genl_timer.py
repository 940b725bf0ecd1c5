#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Time generic netlink requests in a loop, for selftests/guest/scale.sh.

    genl_timer.py UNTIL OUT

Once the file UNTIL exists and for as long as it does, asks in turn for the list of generic
netlink families (nlctrl's dump, what `genl ctrl list` asks) and for
icmpx's get-config in the caller's namespace, and appends each answer's
wait in ms to OUT.genl and OUT.icmpx; both files exist from the
moment it is ready.  One process, one socket: the times are the
kernel's, not those of starting a program.
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nlfuzz import CMD, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_DUMP, Genl  # noqa: E402


def timed(fn):
    """(ms, (errno, message, replies)); a request unanswered in the
    socket's 5 s is a failure of that long."""
    t0 = time.monotonic()
    try:
        res = fn()
    except socket.timeout:
        res = (-1, "no answer", [])
    return (time.monotonic() - t0) * 1000, res


def main():
    until, out = sys.argv[1], sys.argv[2]
    g = Genl()
    families = Genl(GENL_ID_CTRL)
    with open(out + ".genl", "w") as fg, open(out + ".icmpx", "w") as fi:
        deadline = time.monotonic() + 600
        while not os.path.exists(until) and time.monotonic() < deadline:
            time.sleep(0.01)
        while os.path.exists(until):
            ms, (err, _, replies) = timed(lambda: families.request(
                CTRL_CMD_GETFAMILY, flags=NLM_F_DUMP))
            fg.write(f"{ms:.0f}{'' if not err and replies else ' failed'}\n")
            ms, (err, _, _) = timed(lambda: g.request(CMD["get_config"]))
            fi.write(f"{ms:.0f}{' failed' if err else ''}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
