#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the module's netlink code is what its YNL spec says.

    ynl_check.py SPEC NETLINK_C UAPI_HEADER

For every operation of the spec: the module has it, with do and dump as
the spec says, CAP_NET_ADMIN where the spec says admin-perm, and an
attribute policy that accepts exactly the request's attributes, with the
spec's types and bounds (nested sets too).  Then the multicast groups.
Prints "pass NAME" or "fail NAME: why" lines.
"""
import re
import sys

import yaml

NLA = {"u8": "NLA_U8", "u16": "NLA_U16", "u32": "NLA_U32", "u64": "NLA_U64",
       "flag": "NLA_FLAG", "binary": "NLA_BINARY", "string": "NLA_NUL_STRING",
       "nest": "NLA_NESTED"}


def c_name(*parts):
    return "_".join(p.upper().replace("-", "_") for p in parts)


def header_values(text):
    """Every enum constant and numeric #define of the uapi header."""
    vals = {}
    for name, val in re.findall(r"#define\s+(\w+)\s+(\d+)", text):
        vals[name] = int(val)
    for body in re.findall(r"enum\s*\w*\s*\{(.*?)\};", text, re.S):
        n = 0
        for entry in re.findall(r"^\s*(\w+)(?:\s*=\s*([^,\n]+))?,?\s*$", body, re.M):
            name, expr = entry
            if expr:
                n = eval(re.sub(r"\w+", lambda m: str(vals.get(m.group(0), m.group(0))), expr))
            vals[name] = n
            n += 1
    return vals


def parse_policies(src, vals):
    """Each nla_policy array: {attribute enum name: (type, min, max, nested)}."""
    ranges = {}
    for name, body in re.findall(
            r"struct netlink_range_validation (\w+) = \{(.*?)\};", src, re.S):
        r = dict(re.findall(r"\.(min|max)\s*=\s*(\w+)", body))
        ranges[name] = tuple(value(r[k], vals) for k in ("min", "max"))
    policies = {}
    for name, body in re.findall(
            r"static const struct nla_policy (\w+)\[[^\]]*\] = \{(.*?)\n\};", src, re.S):
        entries = {}
        for attr, spec in re.findall(r"\[(\w+)\]\s*=\s*(.+?),\s*$", body, re.M):
            m = re.match(r"NLA_POLICY_MAX\((\w+), (\w+)\)", spec)
            if m:
                entries[attr] = (m[1], None, value(m[2], vals), None)
                continue
            m = re.match(r"NLA_POLICY_RANGE\((\w+), (\w+), (\w+)\)", spec)
            if m:
                entries[attr] = (m[1], value(m[2], vals), value(m[3], vals), None)
                continue
            m = re.match(r"NLA_POLICY_FULL_RANGE\((\w+), &(\w+)\)", spec)
            if m:
                entries[attr] = (m[1],) + ranges[m[2]] + (None,)
                continue
            m = re.match(r"NLA_POLICY_NESTED\((\w+)\)", spec)
            if m:
                entries[attr] = ("NLA_NESTED", None, None, m[1])
                continue
            m = re.match(r"\{ \.type = (\w+)(?:, \.len = (\w+))? \}", spec)
            if m:
                entries[attr] = (m[1], None, value(m[2], vals) if m[2] else None, None)
                continue
            entries[attr] = ("?", spec, None, None)
        policies[name] = entries
    return policies


def value(tok, vals):
    return int(tok) if tok.isdigit() else vals[tok]


def parse_ops(src):
    body = re.search(r"static const struct genl_ops icmpx_ops\[\] = \{(.*?)\n\};", src, re.S)[1]
    ops = {}
    for block in re.findall(r"\{(.*?)\}", body, re.S):
        fields = dict(re.findall(r"\.(\w+)\s*=\s*([\w&]+)", block))
        ops[fields["cmd"]] = fields
    return ops


def main():
    spec = yaml.safe_load(open(sys.argv[1]))
    src = open(sys.argv[2]).read()
    vals = header_values(open(sys.argv[3]).read())
    policies = parse_policies(src, vals)
    ops = parse_ops(src)
    consts = {d["name"]: d["value"] for d in spec.get("definitions", [])
              if d["type"] == "const"}
    sets = {s["name"]: {a["name"]: a for a in s["attributes"]}
            for s in spec["attribute-sets"]}
    fam = spec["name"]
    failed = 0

    def report(name, errors):
        nonlocal failed
        if errors:
            failed += 1
            print(f"fail {name}: {'; '.join(errors)}")
        else:
            print(f"pass {name}")

    def check_attr(set_name, attr, entry, errors):
        want = NLA[attr["type"]]
        got_type, lo, hi, nested = entry
        if want == "NLA_NUL_STRING" and got_type == "NLA_STRING":
            got_type = want
        if got_type != want:
            errors.append(f"{set_name}.{attr['name']}: {got_type}, spec {attr['type']}")
            return
        checks = attr.get("checks", {})
        spec_lo = checks.get("min")
        spec_hi = checks.get("max", checks.get("max-len"))
        spec_lo = consts.get(spec_lo, spec_lo)
        spec_hi = consts.get(spec_hi, spec_hi)
        if (lo, hi) != (spec_lo, spec_hi) and attr["type"] != "nest":
            errors.append(f"{set_name}.{attr['name']}: bounds {lo}..{hi}, "
                          f"spec {spec_lo}..{spec_hi}")
        if nested:
            check_policy(attr["nested-attributes"], None, policies[nested], errors)

    def check_policy(set_name, names, policy, errors):
        """@names: the attributes a request may carry (None: any of the set's)."""
        attrs = sets[set_name]
        prefix = c_name(fam, "a", set_name)
        allowed = names if names is not None else list(attrs)
        by_enum = {c_name(prefix, a): a for a in attrs}
        for enum, entry in policy.items():
            a = by_enum.get(enum)
            if a is None or a not in allowed:
                errors.append(f"{enum} accepted, not in the spec's request")
                continue
            check_attr(set_name, attrs[a], entry, errors)
        if names is not None:
            for a in names:
                if c_name(prefix, a) not in policy:
                    errors.append(f"{set_name}.{a} in the spec's request, not accepted")

    for op in spec["operations"]["list"]:
        if op["name"] == "unspec" or "event" in op:
            continue
        cmd = c_name(fam, "cmd", op["name"])
        errors = []
        k = ops.get(cmd)
        if k is None:
            report(f"spec: operation {op['name']}", [f"{cmd} not in icmpx_ops"])
            continue
        if ("do" in op) != ("doit" in k):
            errors.append("do in the spec" if "do" in op else "doit not in the spec")
        if ("dump" in op) != ("dumpit" in k):
            errors.append("dump in the spec" if "dump" in op else "dumpit not in the spec")
        admin = "admin-perm" in op.get("flags", [])
        if admin != (k.get("flags") in ("GENL_ADMIN_PERM", "GENL_UNS_ADMIN_PERM")):
            errors.append(f"flags {k.get('flags')}, spec admin-perm {admin}")
        request = []
        for mode in ("do", "dump"):
            if isinstance(op.get(mode), dict):
                request += op[mode].get("request", {}).get("attributes", [])
        policy = policies.get(k.get("policy"), {})
        if request and not k.get("policy"):
            errors.append("request attributes in the spec, no policy")
        check_policy(op["attribute-set"], request, policy, errors)
        report(f"spec: operation {op['name']} and its policy", errors)

    errors = []
    for g in spec.get("mcast-groups", {}).get("list", []):
        if not re.search(r"\.name = " + c_name(fam, "mcgrp", g["name"]), src):
            errors.append(f"group {g['name']} not registered")
    report("spec: multicast groups", errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
