#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutation testing of icmpx's pure parts, with mutants nobody picked.

Every site of the operators below in parse.c, policy.c, limit.c and
sources.c, and in limit.h and sources.h, whose inline functions are the
packet path's (comments, strings and preprocessor lines aside), gives
one mutant, a copy of the file with that one change:

  relational  <  <=  >  >=  ==  !=    each to its neighbour (< to <=, ...)
  logical     &&  ||                  each to the other
  arithmetic  binary + - & |          + to -, - to +, & to |, | to &
  negation    !x                      to x
  constants   an integer literal N    to N + 1, and to N - 1 when N > 0
  booleans    true  false             each to the other

Each mutant is compiled and linked into every userspace check that runs
that file (unit: the KUnit suites built for userspace; corpus_check;
policy_check), under ASan and UBSan; a header's, into every check with
a file that includes it, each such file built again from a copy of
icmpx/ with the mutant in place.  It is killed when a check fails,
crashes or runs past the timeout; it survives when all pass.  A mutant
that does not compile is stillborn and not counted.  Survivors listed
in tools/fuzz/survivors carry an argument: "equivalent" ones (no input
tells them from the original) are left out of the score, "elsewhere"
ones (only the VM tests reach them) count as survivors.  The score is
killed / (mutants - stillborn - equivalent).

  tools/fuzz/mutants.py [-j JOBS] [--only FILE] [--sample N] [--list]
                       [--ids ID,...] [--report FILE]

Prints the score per file and every survivor without an argument;
exits non-zero when there is one, or the score is below --min.
"""
import argparse
import concurrent.futures as cf
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
SRC = os.path.join(TOP, 'icmpx')
CC = 'clang'
CFLAGS = ['-g', '-O1', '-w', '-I' + os.path.join(HERE, 'include'),
          '-I' + os.path.join(TOP, 'include', 'uapi'),
          '-fsanitize=address,undefined', '-fno-sanitize-recover=all']
TIMEOUT = 30
# Every check's objects unmutated, once built (build_base()).
BASE = {}

# The checks, each the objects it links: a file's mutants run against
# every check that links it.
CHECKS = {
    'corpus_check': ['tools/fuzz/corpus_check.c', 'icmpx/parse.c'],
    'policy_check': ['tools/fuzz/policy_check.c', 'icmpx/policy.c', 'icmpx/limit.c'],
    'unit': ['tools/fuzz/unit.c', 'tools/fuzz/kernel.c', 'icmpx/parse.c',
             'icmpx/policy.c', 'icmpx/limit.c', 'icmpx/sources.c',
             'icmpx/tests/parse_test.c', 'icmpx/tests/policy_test.c',
             'icmpx/tests/limit_test.c'],
}
FILES = ['parse.c', 'policy.c', 'limit.c', 'sources.c', 'limit.h', 'sources.h']
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<number>\b(?:0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\b)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><<=|>>=|->|\+\+|--|&&|\|\||<<|>>|<=|>=|==|!=|[-+*/%&|^!~<>=?:;,.(){}\[\]])
  | (?P<space>\s+)
''', re.S | re.X)

SWAP = {'<': '<=', '<=': '<', '>': '>=', '>=': '>', '==': '!=', '!=': '==',
        '&&': '||', '||': '&&', 'true': 'false', 'false': 'true'}
BINARY = {'+': '-', '-': '+', '&': '|', '|': '&'}


def tokens(text):
    """Significant tokens as (kind, text, start), preprocessor lines left out."""
    out = []
    pos = 0
    line_start = True
    while pos < len(text):
        if line_start and text[pos] == '#':
            # A preprocessor line, with its continuations.
            end = pos
            while True:
                nl = text.find('\n', end)
                if nl < 0:
                    end = len(text)
                    break
                if text[nl - 1] != '\\':
                    end = nl
                    break
                end = nl + 1
            pos = end
            continue
        m = TOKEN.match(text, pos)
        if not m:
            raise SystemExit('mutants.py: cannot read %r' % text[pos:pos + 20])
        kind = m.lastgroup
        if kind == 'space':
            line_start = line_start or '\n' in m.group()
        else:
            line_start = False
        if kind not in ('space', 'comment'):
            out.append((kind, m.group(), m.start()))
        pos = m.end()
    return out


def sites(text):
    """Every mutant of @text as (start, end, replacement, operator)."""
    toks = tokens(text)
    out = []
    for i, (kind, tok, start) in enumerate(toks):
        prev = toks[i - 1] if i else ('op', ';', 0)
        end = start + len(tok)
        after_operand = prev[0] in ('number', 'word') or prev[1] in (')', ']')
        if tok in SWAP and (kind == 'op' or tok in ('true', 'false')):
            out.append((start, end, SWAP[tok], tok + ' to ' + SWAP[tok]))
        elif tok in BINARY and after_operand and prev[1] not in ('return', 'sizeof'):
            out.append((start, end, BINARY[tok], tok + ' to ' + BINARY[tok]))
        elif tok == '!':
            out.append((start, end, '', 'drop !'))
        elif kind == 'number':
            m = re.match(r'(0[xX][0-9a-fA-F]+|[0-9]+)(.*)', tok)
            n = int(m.group(1), 0)
            for v in (n + 1, n - 1):
                if v < 0:
                    continue
                rep = (hex(v) if m.group(1)[:2].lower() == '0x' else str(v)) + m.group(2)
                out.append((start, end, rep, '%s to %s' % (tok, rep)))
    return out


class Mutant:
    def __init__(self, fname, text, start, end, rep, what):
        self.fname = fname
        self.start, self.end, self.rep, self.what = start, end, rep, what
        self.line = text.count('\n', 0, start) + 1
        ls = text.rfind('\n', 0, start) + 1
        le = text.find('\n', start)
        self.col = start - ls
        self.orig = text[ls:le]
        self.mutated = text[ls:start] + rep + text[end:le]
        # Stable across edits elsewhere: the file, the line's text, where
        # on it, and the change.
        key = '%s\0%s\0%d\0%s' % (fname, self.orig.strip(), self.col, rep)
        self.id = hashlib.sha1(key.encode()).hexdigest()[:10]
        self.text = text[:start] + rep + text[end:]
        self.result = None

    def describe(self):
        return '%s %s:%d: %s\n    %s\n    %s' % (self.id, self.fname, self.line, self.what,
                                                self.orig.strip(), self.mutated.strip())


def compile_obj(src, obj, quote=SRC):
    cmd = [CC, '-c'] + CFLAGS + ['-iquote', quote, '-o', obj, src]
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def includes(path, header, seen=None):
    """Whether @path (from the top) includes icmpx/@header, at any depth."""
    seen = set() if seen is None else seen
    full = os.path.normpath(os.path.join(TOP, path))
    if full in seen:
        return False
    seen.add(full)
    with open(full) as f:
        text = f.read()
    for inc in INCLUDE.findall(text):
        for where in (os.path.dirname(full), SRC):
            cand = os.path.normpath(os.path.join(where, inc))
            if os.path.exists(cand):
                if cand == os.path.join(SRC, header):
                    return True
                if includes(os.path.relpath(cand, TOP), header, seen):
                    return True
                break
    return False


def obj_name(path):
    return path.replace('/', '_').replace('.c', '.o')


def build_base(work):
    """Every object of every check, unmutated; the checks must pass."""
    objs = {}
    for check, files in CHECKS.items():
        for f in files:
            if f in objs:
                continue
            obj = os.path.join(work, obj_name(f))
            if not compile_obj(os.path.join(TOP, f), obj):
                raise SystemExit('mutants.py: %s does not compile' % f)
            objs[f] = obj
    for check, files in CHECKS.items():
        exe = os.path.join(work, check)
        if not link(exe, [objs[f] for f in files]):
            raise SystemExit('mutants.py: %s does not link' % check)
        r = subprocess.run([exe, '-q'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           cwd=HERE, timeout=TIMEOUT)
        if r.returncode:
            raise SystemExit('mutants.py: %s fails on the unmutated sources' % check)
    return objs


def link(exe, objs):
    cmd = [CC, '-fsanitize=address,undefined', '-o', exe] + objs
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def run_checks(d, m, objs):
    """Link and run every check with a mutated object (@objs, by source): its result."""
    for check, files in CHECKS.items():
        if not any(f in objs for f in files):
            continue
        exe = os.path.join(d, check)
        if not link(exe, [objs.get(f) or BASE[f] for f in files]):
            return 'stillborn'
        try:
            r = subprocess.run([exe, '-q'], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=HERE, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return 'killed'
        if r.returncode:
            return 'killed'
    return 'survived'


def run_header_mutant(m, d):
    """A header's mutant: the files that include it, built from a copy of
    icmpx/ that has it in place of the header."""
    tree = os.path.join(d, 'icmpx')
    shutil.copytree(SRC, tree, ignore=shutil.ignore_patterns('*.o', '*.ko', '.*'))
    with open(os.path.join(tree, m.fname), 'w') as f:
        f.write(m.text)
    objs = {}
    for f in sorted({f for files in CHECKS.values() for f in files}):
        if not includes(f, m.fname):
            continue
        src = os.path.join(d, f) if f.startswith('icmpx/') else os.path.join(TOP, f)
        obj = os.path.join(d, obj_name(f))
        if not compile_obj(src, obj, quote=tree):
            return 'stillborn'
        objs[f] = obj
    return run_checks(d, m, objs)


def run_mutant(m, base, work):
    d = tempfile.mkdtemp(dir=work)
    try:
        if m.fname.endswith('.h'):
            return run_header_mutant(m, d)
        src = os.path.join(d, m.fname)
        with open(src, 'w') as f:
            f.write(m.text)
        obj = os.path.join(d, 'mutant.o')
        if not compile_obj(src, obj):
            return 'stillborn'
        return run_checks(d, m, {'icmpx/' + m.fname: obj})
    finally:
        shutil.rmtree(d, ignore_errors=True)


def load_survivors(path):
    """Survivors argued for: {ID: (kind, why)}; # starts a comment."""
    argued = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            mid, _, rest = line.partition(' ')
            kind, _, why = rest.partition(': ')
            if kind not in ('equivalent', 'elsewhere') or not why:
                raise SystemExit('%s:%d: want "ID equivalent|elsewhere: why"' % (path, n))
            argued[mid] = (kind, why)
    return argued


def main():
    ap = argparse.ArgumentParser(description='Mutation testing of icmpx\'s pure parts: ' + ', '.join(FILES) + '.')
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--only', action='append', choices=FILES, help='mutate only this file (repeatable)')
    ap.add_argument('--list', action='store_true', help='list the mutants and stop')
    ap.add_argument('--ids', help='run only these mutant IDs (comma-separated)')
    ap.add_argument('--sample', type=int, metavar='N',
                    help='run one mutant in N, the same ones each time (chosen by ID)')
    ap.add_argument('--report', help='also write the report to this file')
    ap.add_argument('--min', type=float, default=90.0, help='lowest acceptable score, %% (90)')
    args = ap.parse_args()

    mutants = []
    for fname in args.only or FILES:
        with open(os.path.join(SRC, fname)) as f:
            text = f.read()
        seen = {}
        for s in sites(text):
            m = Mutant(fname, text, *s)
            # The same change on a line of the same text: told apart by
            # its place among them.
            n = seen[m.id] = seen.get(m.id, 0) + 1
            if n > 1:
                m.id = hashlib.sha1(('%s#%d' % (m.id, n)).encode()).hexdigest()[:10]
            mutants.append(m)
    if args.ids:
        want = set(args.ids.split(','))
        mutants = [m for m in mutants if m.id in want]
    if args.sample:
        mutants = [m for m in mutants if int(m.id, 16) % args.sample == 0]
    if args.list:
        for m in mutants:
            print(m.describe())
        print('%d mutants' % len(mutants))
        return 0

    argued = load_survivors(os.path.join(HERE, 'survivors'))
    eq = {i for i, (kind, _) in argued.items() if kind == 'equivalent'}
    work = tempfile.mkdtemp(prefix='icmpx-mutants.')
    try:
        base = build_base(work)
        BASE.update(base)
        with cf.ThreadPoolExecutor(args.jobs) as ex:
            futs = {ex.submit(run_mutant, m, base, work): m for m in mutants}
            done = 0
            for fut in cf.as_completed(futs):
                futs[fut].result = fut.result()
                done += 1
                if sys.stderr.isatty():
                    print('\r%d/%d' % (done, len(mutants)), end='', file=sys.stderr)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = []
    totals = dict(mutants=0, stillborn=0, killed=0, equivalent=0, survived=0)
    lines.append('%-10s %8s %10s %7s %11s %9s %7s' % ('file', 'mutants', 'stillborn', 'killed',
                                                      'equivalent', 'survived', 'score'))
    for fname in args.only or FILES:
        ms = [m for m in mutants if m.fname == fname]
        n = dict(mutants=len(ms), stillborn=0, killed=0, equivalent=0, survived=0)
        for m in ms:
            r = m.result
            if r == 'survived' and m.id in eq:
                r = 'equivalent'
            n[r] += 1
        for k in totals:
            totals[k] += n[k]
        lines.append(row(fname, n))
    lines.append(row('total', totals))
    unexplained = [m for m in mutants if m.result == 'survived' and m.id not in argued]
    elsewhere = [m for m in mutants if m.result == 'survived' and m.id in argued and m.id not in eq]
    stale = [i for i in argued if i not in {m.id for m in mutants if m.result == 'survived'}]
    if elsewhere:
        lines.append('')
        lines.append('survivors the VM tests reach (%d):' % len(elsewhere))
        lines += ['%s  %s' % (m.describe(), argued[m.id][1]) for m in elsewhere]
    if unexplained:
        lines.append('')
        lines.append('survivors without an argument (%d):' % len(unexplained))
        lines += [m.describe() for m in sorted(unexplained, key=lambda m: (m.fname, m.line))]
    # Only a run of every mutant can say an argument is out of date.
    full = not (args.only or args.ids or args.sample)
    if stale and full:
        lines.append('')
        lines.append('in tools/fuzz/survivors but killed or gone: ' + ' '.join(stale))
    text = '\n'.join(lines)
    print(text)
    if args.report:
        with open(args.report, 'w') as f:
            f.write(text + '\n')
    score = score_of(totals)
    return 1 if unexplained or (stale and full) or score < args.min else 0


def score_of(n):
    live = n['mutants'] - n['stillborn'] - n['equivalent']
    return 100.0 * n['killed'] / live if live else 100.0


def row(name, n):
    return '%-10s %8d %10d %7d %11d %9d %6.1f%%' % (name, n['mutants'], n['stillborn'], n['killed'],
                                                   n['equivalent'], n['survived'], score_of(n))


if __name__ == '__main__':
    sys.exit(main())
