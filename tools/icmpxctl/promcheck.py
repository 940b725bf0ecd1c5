#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check a Prometheus text exposition as icmpxctl stats --prometheus writes it.

    promcheck.py FILE

Parsed by the Python client's parser (Debian's python3-prometheus-client),
then held to the exposition and naming conventions: a HELP and a TYPE
line for every metric, before its samples; snake_case names and labels;
counters named UNIT_total with a plural unit noun (messages, events);
gauges named for what they hold (entries) or state sets (one label, one
sample 1 and the others 0); no series twice.  Prints each problem and
exits 1, or exits 0 silently.
"""
import re
import sys

from prometheus_client.parser import text_string_to_metric_families

UNITS = ("messages", "events", "entries")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def check(text):
    problems = []
    helps, types, declared = {}, {}, set()
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^# (HELP|TYPE) (\S+) (.*)$", line)
        if m:
            (helps if m[1] == "HELP" else types)[m[2]] = m[3]
            declared.add(m[2])
            continue
        if line.startswith("#") or not line.strip():
            continue
        name = re.match(r"^([^{ ]+)", line)[1]
        if name not in helps or name not in types:
            problems.append(f"line {n}: {name}: a sample before its HELP and TYPE")
    try:
        families = list(text_string_to_metric_families(text))
    except ValueError as e:
        return [f"does not parse: {e}"]
    if not families:
        problems.append("no metric at all")
    for f in families:
        full = f.name + "_total" if f.type == "counter" else f.name
        if not NAME.match(full):
            problems.append(f"{full}: not snake_case")
        if full not in helps or not helps[full].strip():
            problems.append(f"{full}: no HELP")
        if types.get(full) != f.type:
            problems.append(f"{full}: TYPE {types.get(full)}, parsed as {f.type}")
        words = full.split("_")
        if f.type == "counter":
            if words[-1] != "total" or words[-2] not in UNITS:
                problems.append(f"{full}: a counter is named UNIT_total, UNIT one of {UNITS}")
        elif f.type == "gauge":
            labels = {tuple(sorted(s.labels)) for s in f.samples}
            values = sorted(s.value for s in f.samples)
            state_set = (len(labels) == 1 and len(next(iter(labels))) == 1 and
                         values == [0] * (len(values) - 1) + [1])
            if words[-1] not in UNITS and not state_set:
                problems.append(f"{full}: a gauge is named for its unit, or is a state set")
        else:
            problems.append(f"{full}: type {f.type}, not a counter or gauge")
        series = set()
        for s in f.samples:
            for label in s.labels:
                if not NAME.match(label):
                    problems.append(f"{full}: label {label} not snake_case")
            key = (s.name, tuple(sorted(s.labels.items())))
            if key in series:
                problems.append(f"{s.name}{s.labels}: twice")
            series.add(key)
            if s.value < 0 or s.value != int(s.value):
                problems.append(f"{s.name}{s.labels}: {s.value} is not a count")
    return problems


def main():
    problems = check(open(sys.argv[1]).read())
    for p in problems:
        print(f"{sys.argv[1]}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
