#!/usr/bin/env python3
"""scripts/mutate.py - mutation testing of lib/ against the Check suite.

Every mutant is one small change to one file of lib/:

  ROR  a comparison moved across its boundary or negated:
       < <-> <=, > <-> >=, == <-> !=
  LCR  && <-> ||
  AOR  binary arithmetic: + <-> -, * <-> /, += <-> -=, *= <-> /=, ++ <-> --
       (binary + - * / only where the house style writes a blank on both
       sides, so a unary minus or a pointer's * is never taken for one)
  CRP  a numeric literal nudged: integer n -> n + 1 (1 -> 0), a floating
       literal x -> x * 1.01 (0.0 -> 1.0); also in the value of an
       object-like #define and in the clinical tables of lib/clinical.c,
       where a nudged constant must be caught by the tests
  SDL  a simple statement deleted (replaced by `;`): an expression
       statement, break or continue; never a declaration or a return

Comments, strings, character constants and preprocessor lines (but for the
value of a one-line object-like #define) are never mutated.  Sites are
enumerated in a fixed order (file, position, operator), so the set is the
same on every machine.

Each mutant is built and run in a private copy (--build, default
build/mutate): lib/, include/ and the tests' sources are copied into
BUILD/src at the start, every object is compiled once, and a mutant costs
one compilation of the mutated file plus one link of the test runner.  The
work tree is never written.  The runner (tests/check_*.c) runs with
CK_FORK=no; a test failure, an error or a crash kills the mutant, a run
longer than --timeout (a hang) kills it too.  A mutant that does not
compile is "invalid".  A mutant whose object file is byte-identical to the
original's is "equivalent" by construction (the compiler proved it: the
library's code did not change); the others that survive and are listed in
tests/mutation/equivalent.txt with a reason are "equivalent" as well.
Neither counts in the score:

    score = killed / (killed + survived)

Options:
  --sample N --seed S   a deterministic sample of N mutants: those whose
                        SHA-256 of (seed, file, line text, mutation) is
                        smallest.  Line numbers are not hashed, so an edit
                        elsewhere in a file does not reshuffle the sample.
  --file lib/x.c        only this file (repeatable)
  -j N                  parallel workers
  --min-score P         exit 1 when the score is below P (percent)
  --rev REV             lib/, include/ and tests/ of commit REV (git archive)
                        instead of the work tree; --tests-rev REV2 takes
                        the tests from another commit
  --list                print the mutants and stop
  --rerun-survivors     run only the survivors of the last report again and
                        merge the results into it

Reports: BUILD/report.txt (every mutant and its fate), BUILD/report.json,
BUILD/results.jsonl (written as mutants finish, so a long run can be
watched and an interrupted one still read).  Python 3 standard library
only.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time

# ------------------------------------------------------------ tokenizer

TOKEN_RE = re.compile(r"""
    (?P<ws>[ \t\r\f\v]+)
  | (?P<nl>\n)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<str>"(?:\\.|[^"\\\n])*")
  | (?P<chr>'(?:\\.|[^'\\\n])*')
  | (?P<num>0[xX][0-9a-fA-F]+[uUlL]*
        |(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uUlLfF]*)
  | (?P<id>[A-Za-z_]\w*)
  | (?P<op><<=|>>=|\.\.\.|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||
            [-+*/%&|^]=|[-+*/%<>=!&|^~?:;,.(){}\[\]#])
""", re.VERBOSE | re.DOTALL)


class Tok:
    __slots__ = ("kind", "text", "start", "end", "line", "define")

    def __init__(self, kind, text, start, end, line, define):
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.line = line
        self.define = define


def tokenize(text):
    """Tokens of C source, without blanks and comments.  Preprocessor lines
    are dropped but for the body of a one-line object-like #define, whose
    tokens are kept with define=True (only literals are mutated there)."""
    toks = []
    pos = 0
    line = 1
    at_line_start = True
    n = len(text)
    while pos < n:
        if at_line_start:
            m = re.match(r"[ \t]*#", text[pos:pos + 200])
            if m:
                end = pos
                while True:  # the directive with its continuations
                    nl = text.find("\n", end)
                    if nl < 0:
                        nl = n
                    if nl > 0 and text[nl - 1] == "\\":
                        end = nl + 1
                        continue
                    break
                directive = text[pos:nl]
                dm = re.match(r"[ \t]*#[ \t]*define[ \t]+[A-Za-z_]\w*"
                              r"(?=[ \t])", directive)
                if dm and "\\\n" not in directive:
                    body_start = pos + dm.end()
                    for t in _scan(text, body_start, nl, line):
                        t.define = True
                        toks.append(t)
                line += directive.count("\n")
                pos = nl
                continue
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise ValueError("cannot tokenize at line %d: %r"
                             % (line, text[pos:pos + 20]))
        kind = m.lastgroup
        s = m.group(kind)
        if kind == "nl":
            line += 1
            at_line_start = True
        elif kind == "ws":
            pass
        else:
            at_line_start = False
            if kind == "comment":
                line += s.count("\n")
            else:
                toks.append(Tok(kind, s, pos, m.end(), line, False))
        pos = m.end()
    return toks


def _scan(text, start, end, line):
    out = []
    pos = start
    while pos < end:
        m = TOKEN_RE.match(text, pos, end)
        if not m:
            break
        kind = m.lastgroup
        s = m.group(kind)
        if kind not in ("ws", "nl", "comment"):
            out.append(Tok(kind, s, pos, m.end(), line, False))
        pos = m.end()
    return out

# ------------------------------------------------------------ mutation sites

SWAP = {
    "<": ("ROR", "<="), "<=": ("ROR", "<"),
    ">": ("ROR", ">="), ">=": ("ROR", ">"),
    "==": ("ROR", "!="), "!=": ("ROR", "=="),
    "&&": ("LCR", "||"), "||": ("LCR", "&&"),
    "+": ("AOR", "-"), "-": ("AOR", "+"),
    "*": ("AOR", "/"), "/": ("AOR", "*"),
    "+=": ("AOR", "-="), "-=": ("AOR", "+="),
    "*=": ("AOR", "/="), "/=": ("AOR", "*="),
    "++": ("AOR", "--"), "--": ("AOR", "++"),
}
# Written with a blank on both sides by the house style; anything else
# (a unary minus, a pointer's *, #include <...>) is not a binary operator.
NEEDS_BLANKS = {"<", "<=", ">", ">=", "==", "!=", "&&", "||", "+", "-", "*",
                "/", "+=", "-=", "*=", "/="}

TYPE_WORDS = {"void", "char", "short", "int", "long", "float", "double",
              "signed", "unsigned", "const", "static", "volatile", "struct",
              "union", "enum", "extern", "register", "typedef", "inline",
              "_Bool"}
NO_DELETE = {"return", "goto", "case", "default", "if", "else", "for",
             "while", "do", "switch", "{", "}", ";"}


def nudge_number(s):
    """The nudged literal, or None."""
    m = re.match(r"(0[xX][0-9a-fA-F]+|[0-9.]+(?:[eE][+-]?\d+)?)([uUlLfF]*)$",
                 s)
    if not m:
        return None
    body, suffix = m.group(1), m.group(2)
    if body[:2] in ("0x", "0X"):
        return "0x%X%s" % (int(body, 16) + 1, suffix)
    is_float = any(c in body for c in ".eE") or "f" in suffix.lower()
    if not is_float:
        v = int(body, 8 if len(body) > 1 and body[0] == "0" else 10)
        return ("0" if v == 1 else str(v + 1)) + suffix
    v = float(body)
    if v == 0.0:
        return "1.0" + suffix
    nv = repr(v * 1.01)
    if not any(c in nv for c in ".eE"):
        nv += ".0"
    return nv + suffix


def find_statements(toks):
    """(first, last) token indices of deletable simple statements."""
    out = []
    stack = []          # brace kinds: "code" or "data"
    paren = 0
    start = 0           # token index where the current statement begins
    ctrl_paren = []     # paren depths at which a control header's ( opened
    i = 0
    code_toks = [t for t in toks if not t.define]
    n = len(code_toks)
    toks = code_toks
    while i < n:
        t = toks[i]
        x = t.text
        if x == "(":
            if i > 0 and toks[i - 1].text in ("if", "for", "while",
                                              "switch"):
                ctrl_paren.append(paren)
            paren += 1
        elif x == ")":
            paren -= 1
            if ctrl_paren and ctrl_paren[-1] == paren:
                ctrl_paren.pop()
                start = i + 1
        elif x == "{":
            prev = toks[i - 1].text if i > 0 else ""
            in_code = bool(stack) and stack[-1] == "code"
            if prev == ")" and paren == 0 and (in_code or not stack):
                kind = "code"   # a function body or a control block
            elif prev in ("else", "do") or (in_code and prev in
                                            (";", "{", "}", ":")):
                kind = "code"
            else:
                kind = "data"   # an initializer, a struct body
            stack.append(kind)
            start = i + 1
        elif x == "}":
            if stack:
                stack.pop()
            start = i + 1
        elif x in ("else", "do"):
            start = i + 1
        elif x == ":" and paren == 0 and stack and stack[-1] == "code":
            if toks[start].text in ("case", "default"):
                start = i + 1
        elif x == ";" and paren == 0:
            if stack and stack[-1] == "code" and start < i:
                first = toks[start]
                second = toks[start + 1] if start + 1 <= i else None
                deletable = first.text not in NO_DELETE
                if first.text in TYPE_WORDS or first.text.endswith("_t"):
                    deletable = False
                if (first.kind == "id" and second is not None and
                        (second.kind == "id" or second.text == "*")):
                    deletable = False   # type name, then a declarator
                if first.text == "(" and second is not None and \
                        second.text == "void":
                    deletable = False   # (void)x; is already nothing
                if deletable:
                    out.append((start, i))
            start = i + 1
        i += 1
    return out, toks


class Mutant:
    __slots__ = ("file", "line", "col", "op", "orig", "new", "start", "end",
                 "repl", "line_text", "nth", "status", "detail", "secs")

    def ident(self):
        return "%s:%d:%d %s '%s' -> '%s'" % (self.file, self.line, self.col,
                                            self.op, self.orig, self.new)

    def key(self):
        """For the sample and the equivalent list: no line number."""
        return "%s|%s|%s|%s|%s|%d" % (self.file, self.line_text.strip(),
                                      self.op, self.orig, self.new, self.nth)


def enumerate_file(relpath, text):
    toks = tokenize(text)
    lines = text.split("\n")
    muts = []

    def add(op, t_start, t_end, line, orig, new, repl):
        m = Mutant()
        m.file = relpath
        m.line = line
        m.col = t_start - (text.rfind("\n", 0, t_start) + 1) + 1
        m.op = op
        m.orig = orig
        m.new = new
        m.start = t_start
        m.end = t_end
        m.repl = repl
        m.line_text = lines[line - 1]
        m.status = None
        m.detail = ""
        m.secs = 0.0
        muts.append(m)

    for t in toks:
        if t.kind == "num":
            new = nudge_number(t.text)
            if new is not None and new != t.text:
                add("CRP", t.start, t.end, t.line, t.text, new, new)
        elif t.kind == "op" and t.text in SWAP and not t.define:
            if t.text in NEEDS_BLANKS:
                before = text[t.start - 1] if t.start > 0 else ""
                after = text[t.end] if t.end < len(text) else ""
                if before not in " \t\n" or after not in " \t\n":
                    continue
            op, new = SWAP[t.text]
            add(op, t.start, t.end, t.line, t.text, new, new)
    stmts, code = find_statements(toks)
    for first, last in stmts:
        a, b = code[first].start, code[last].end
        orig = text[a:b]
        flat = " ".join(orig.split())
        # keep the line count: every newline of the statement stays
        repl = ";" + "\n" * orig.count("\n")
        add("SDL", a, b, code[first].line, flat, ";", repl)
    muts.sort(key=lambda m: (m.start, m.op, m.new))
    seen = {}
    for m in muts:
        k = (m.line_text.strip(), m.op, m.orig, m.new)
        m.nth = seen.get(k, 0)
        seen[k] = m.nth + 1
    return muts


def apply(text, m):
    return text[:m.start] + m.repl + text[m.end:]

# ------------------------------------------------------------ equivalents


def read_equivalents(path):
    """Lines `FILE:LINE:COL OP 'ORIG' -> 'NEW' | reason`; # comments."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            s = raw.strip()
            if not s or s.startswith("#"):
                continue
            if " | " not in s:
                sys.exit("%s:%d: expected 'MUTANT | reason'" % (path, n))
            ident, reason = s.split(" | ", 1)
            if not reason.strip():
                sys.exit("%s:%d: an equivalent mutant needs a reason"
                         % (path, n))
            out[ident.strip()] = reason.strip()
    return out

# ------------------------------------------------------------ building


class Builder:
    def __init__(self, args, root):
        self.a = args
        self.root = root
        self.out = os.path.abspath(args.build)
        self.src = os.path.join(self.out, "src")
        self.obj = os.path.join(self.out, "obj")
        self.cflags = shlex.split(args.cflags)
        self.check_cflags = shlex.split(args.check_cflags)
        self.check_libs = shlex.split(args.check_libs)
        self.cc = shlex.split(args.cc)
        self.lib_objs = {}
        self.test_objs = []
        self.local = threading.local()
        self.slot_lock = threading.Lock()
        self.next_slot = 0

    def copy_tree(self):
        """lib/, include/ and the suites' sources into BUILD/src: from the
        work tree, or from a commit (--rev) without touching the tree."""
        if os.path.isdir(self.src):
            shutil.rmtree(self.src)
        os.makedirs(self.src)
        origin = self.extract(self.a.rev, "rev", ("lib", "include"))
        for d in ("lib", "include"):
            shutil.copytree(os.path.join(origin, d),
                            os.path.join(self.src, d))
        torigin = self.extract(self.a.tests_rev or self.a.rev, "tests-rev",
                               ("tests",))
        tdir = os.path.join(self.src, "tests")
        os.makedirs(tdir)
        for name in sorted(os.listdir(os.path.join(torigin, "tests"))):
            p = os.path.join(torigin, "tests", name)
            if os.path.isfile(p) and name.endswith((".c", ".h")) and \
                    (name.startswith("check_") or name.endswith(".h")):
                shutil.copy2(p, tdir)
        os.makedirs(os.path.join(self.obj, "lib"), exist_ok=True)
        os.makedirs(os.path.join(self.obj, "tests"), exist_ok=True)

    def extract(self, rev, name, paths):
        """The work tree, or a directory holding paths as of commit rev."""
        if not rev:
            return self.root
        origin = os.path.join(self.out, name)
        if os.path.isdir(origin):
            shutil.rmtree(origin)
        os.makedirs(origin)
        arch = subprocess.run(["git", "-C", self.root, "archive", rev] +
                              list(paths), stdout=subprocess.PIPE)
        if arch.returncode != 0:
            sys.exit("mutate: git archive %s failed" % rev)
        subprocess.run(["tar", "-x", "-C", origin], input=arch.stdout,
                       check=True)
        return origin

    def lib_cmd(self, src_name, out):
        inc = ["-I" + os.path.join(self.src, "include"),
               "-I" + os.path.join(self.src, "lib"), "-DKET_BUILDING_LIBRARY"]
        return self.cc + inc + self.cflags + ["-c", src_name, "-o", out]

    def compile_lib(self, name):
        out = os.path.join(self.obj, "lib", name[:-2] + ".o")
        # The source is named by its base name from its directory, so the
        # object records the same file name as a mutant's does.
        r = subprocess.run(self.lib_cmd(name, out),
                           cwd=os.path.join(self.src, "lib"),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            sys.exit("mutate: %s does not compile:\n%s"
                     % (name, r.stdout.decode(errors="replace")))
        return name, out

    def compile_test(self, name):
        out = os.path.join(self.obj, "tests", name[:-2] + ".o")
        cmd = (self.cc + ["-I" + os.path.join(self.src, "include")] +
               self.check_cflags + self.cflags + ["-c", name, "-o", out])
        r = subprocess.run(cmd, cwd=os.path.join(self.src, "tests"),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            sys.exit("mutate: tests/%s does not compile:\n%s"
                     % (name, r.stdout.decode(errors="replace")))
        return out

    def baseline(self, pool):
        libs = sorted(f for f in os.listdir(os.path.join(self.src, "lib"))
                      if f.endswith(".c"))
        tests = sorted(f for f in os.listdir(os.path.join(self.src, "tests"))
                       if f.endswith(".c"))
        for name, out in pool.map(self.compile_lib, libs):
            self.lib_objs[name] = out
        self.test_objs = list(pool.map(self.compile_test, tests))
        exe = os.path.join(self.obj, "check_mutate")
        self.link(exe, dict(self.lib_objs))
        t0 = time.monotonic()
        r = self.run(exe, timeout=600)
        secs = time.monotonic() - t0
        if r[0] != "pass":
            sys.exit("mutate: the unmutated suite does not pass (%s): %s"
                     % (r[0], r[1]))
        return secs

    def link(self, exe, objs):
        cmd = (self.cc + self.cflags + ["-o", exe] + self.test_objs +
               [objs[k] for k in sorted(objs)] + self.check_libs + ["-lm"])
        r = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        return r.returncode == 0, r.stdout.decode(errors="replace")

    def run(self, exe, timeout):
        env = dict(os.environ, CK_FORK="no", CK_VERBOSITY="normal")
        for k in ("CK_RUN_SUITE", "CK_RUN_CASE", "CK_EXCLUDE_TAGS",
                  "CK_INCLUDE_TAGS", "CK_TAP_LOG_FILE_NAME",
                  "CK_XML_LOG_FILE_NAME", "CK_LOG_FILE_NAME"):
            env.pop(k, None)
        try:
            r = subprocess.run([exe], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=timeout,
                               cwd=os.path.dirname(exe))
        except subprocess.TimeoutExpired:
            return "timeout", "no result after %g s" % timeout
        outtext = r.stdout.decode(errors="replace")
        if r.returncode == 0:
            return "pass", ""
        first = ""
        for ln in outtext.splitlines():
            if ":F:" in ln or ":E:" in ln:
                first = ln.strip()
                break
        if not first:
            first = "exit status %d" % r.returncode
        return "fail", first[:300]

    def slot(self):
        s = getattr(self.local, "slot", None)
        if s is None:
            with self.slot_lock:
                s = self.next_slot
                self.next_slot += 1
            self.local.slot = s
            os.makedirs(os.path.join(self.out, "w%d" % s), exist_ok=True)
        return os.path.join(self.out, "w%d" % s)

    def try_mutant(self, m, text, timeout):
        t0 = time.monotonic()
        wdir = self.slot()
        name = os.path.basename(m.file)
        with open(os.path.join(wdir, name), "w", encoding="utf-8") as f:
            f.write(apply(text, m))
        obj = os.path.join(wdir, name[:-2] + ".o")
        if os.path.exists(obj):
            os.unlink(obj)
        r = subprocess.run(self.lib_cmd(name, obj), cwd=wdir,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            err = [ln for ln in r.stdout.decode(errors="replace").splitlines()
                   if "error" in ln]
            return "invalid", (err[0] if err else "compile error")[:300], \
                time.monotonic() - t0
        with open(obj, "rb") as f1, open(self.lib_objs[name], "rb") as f2:
            if f1.read() == f2.read():
                return "equivalent", "identical object code", \
                    time.monotonic() - t0
        objs = dict(self.lib_objs)
        objs[name] = obj
        exe = os.path.join(wdir, "check_mutant")
        ok, msg = self.link(exe, objs)
        if not ok:
            return "invalid", "link error: " + msg[:250], \
                time.monotonic() - t0
        res, detail = self.run(exe, timeout)
        if res == "pass":
            return "survived", "", time.monotonic() - t0
        return "killed", detail if res == "fail" else "hang: " + detail, \
            time.monotonic() - t0

# ------------------------------------------------------------ main


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser(
        description="Mutation testing of lib/ against the Check suite.")
    p.add_argument("--build", default=os.path.join(root, "build", "mutate"))
    p.add_argument("--cc", default=os.environ.get("CC", "cc"))
    p.add_argument("--cflags",
                   default="-std=c99 -O2 -ffp-contract=off -Wall -Wextra")
    p.add_argument("--check-cflags", default=None)
    p.add_argument("--check-libs", default=None)
    p.add_argument("--file", action="append", default=[])
    p.add_argument("--sample", type=int, default=0)
    p.add_argument("--seed", default="1")
    p.add_argument("-j", "--jobs", type=int, default=1)
    p.add_argument("--timeout", type=float, default=0,
                   help="seconds per run (default: 20 x the unmutated "
                        "run, at least 10)")
    p.add_argument("--min-score", type=float, default=None)
    p.add_argument("--equivalent",
                   default=os.path.join(root, "tests", "mutation",
                                        "equivalent.txt"))
    p.add_argument("--rev", default=None,
                   help="mutate this commit's lib/ against its tests "
                        "(git archive), not the work tree")
    p.add_argument("--tests-rev", default=None,
                   help="the tests of this commit (default: as --rev)")
    p.add_argument("--list", action="store_true")
    p.add_argument("--rerun-survivors", action="store_true")
    a = p.parse_args()

    for opt in ("check_cflags", "check_libs"):
        if getattr(a, opt) is None:
            flag = "--cflags" if opt == "check_cflags" else "--libs"
            r = subprocess.run(["pkg-config", flag, "check"],
                               stdout=subprocess.PIPE)
            if r.returncode != 0:
                sys.exit("mutate: pkg-config cannot find check "
                         "(apt-get install check pkg-config)")
            setattr(a, opt, r.stdout.decode().strip())

    b = Builder(a, root)
    b.copy_tree()
    files = sorted(os.path.join("lib", f)
                   for f in os.listdir(os.path.join(b.src, "lib"))
                   if f.endswith(".c"))
    if a.file:
        want = {os.path.normpath(f) for f in a.file}
        bad = want - set(files)
        if bad:
            sys.exit("mutate: not a file of lib/: %s" % ", ".join(sorted(bad)))
        files = [f for f in files if f in want]
    texts = {}
    muts = []
    for f in files:
        with open(os.path.join(b.src, f), encoding="utf-8") as fh:
            texts[f] = fh.read()
        muts.extend(enumerate_file(f, texts[f]))
    total_sites = len(muts)
    if a.sample:
        def h(m):
            return hashlib.sha256(("%s|%s" % (a.seed, m.key()))
                                  .encode()).hexdigest()
        chosen = set(id(m) for m in sorted(muts, key=h)[:a.sample])
        muts = [m for m in muts if id(m) in chosen]

    out = os.path.abspath(a.build)
    os.makedirs(out, exist_ok=True)
    report_json = os.path.join(out, "report.json")
    previous = None
    if a.rerun_survivors:
        if not os.path.exists(report_json):
            sys.exit("mutate: no %s to rerun" % report_json)
        with open(report_json, encoding="utf-8") as f:
            previous = json.load(f)
        again = {r["id"] for r in previous["mutants"]
                 if r["status"] == "survived"}
        muts = [m for m in muts if m.ident() in again]

    if a.list:
        for m in muts:
            print(m.ident())
        print("%d mutants (%d sites in %d files)"
              % (len(muts), total_sites, len(files)), file=sys.stderr)
        return 0

    equiv = read_equivalents(a.equivalent)
    t_start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as pool:
        base = b.baseline(pool)
    timeout = a.timeout or max(10.0, 20 * base)
    print("mutate: %d mutants of %d sites in %d files; unmutated suite "
          "%.2f s, timeout %.0f s, %d jobs"
          % (len(muts), total_sites, len(files), base, timeout, a.jobs),
          file=sys.stderr, flush=True)

    live = open(os.path.join(out, "results.jsonl"), "w", encoding="utf-8")
    lock = threading.Lock()
    done = [0]

    def one(m):
        st, detail, secs = b.try_mutant(m, texts[m.file], timeout)
        if st == "survived" and m.ident() in equiv:
            st, detail = "equivalent", "listed: " + equiv[m.ident()]
        m.status, m.detail, m.secs = st, detail, secs
        with lock:
            done[0] += 1
            live.write(json.dumps({"id": m.ident(), "status": st,
                                   "detail": detail,
                                   "secs": round(secs, 2)}) + "\n")
            live.flush()
            if st == "survived":
                print("SURVIVED %s" % m.ident(), file=sys.stderr, flush=True)
            if done[0] % 50 == 0:
                print("mutate: %d/%d done, %.0f s"
                      % (done[0], len(muts), time.monotonic() - t_start),
                      file=sys.stderr, flush=True)

    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as pool:
        list(pool.map(one, muts))
    live.close()
    elapsed = time.monotonic() - t_start

    records = [{"id": m.ident(), "file": m.file, "line": m.line,
                "op": m.op, "orig": m.orig, "new": m.new,
                "status": m.status, "detail": m.detail,
                "secs": round(m.secs, 2)} for m in muts]
    if previous is not None:
        newer = {r["id"]: r for r in records}
        records = [newer.get(r["id"], r) for r in previous["mutants"]]
        # equivalent.txt may have grown since: apply it to the old ones too
        for r in records:
            if r["status"] == "survived" and r["id"] in equiv:
                r["status"] = "equivalent"
                r["detail"] = "listed: " + equiv[r["id"]]
    count = {k: 0 for k in ("killed", "survived", "invalid", "equivalent")}
    for r in records:
        count[r["status"]] += 1
    scored = count["killed"] + count["survived"]
    score = 100.0 * count["killed"] / scored if scored else 100.0
    listed = sum(1 for r in records if r["status"] == "equivalent" and
                 r["detail"].startswith("listed"))
    used = {r["id"] for r in records}
    stale = sorted(k for k in equiv if k not in used) if not (
        a.sample or a.file or previous) else []
    summary = ("mutants: %d, killed: %d, survived: %d, invalid: %d, "
               "equivalent: %d (%d identical object code, %d listed), "
               "score: %.1f %%"
               % (len(records), count["killed"], count["survived"],
                  count["invalid"], count["equivalent"],
                  count["equivalent"] - listed, listed, score))
    survivors = [r for r in records if r["status"] == "survived"]
    with open(report_json, "w", encoding="utf-8") as f:
        json.dump({"summary": summary, "score": score, "counts": count,
                   "sample": a.sample, "seed": a.seed, "files": files,
                   "seconds": round(elapsed, 1), "mutants": records}, f,
                  indent=1)
    with open(os.path.join(out, "report.txt"), "w", encoding="utf-8") as f:
        f.write(summary + "\n")
        f.write("run time %.0f s, %d jobs\n\n" % (elapsed, a.jobs))
        for r in records:
            f.write("%-10s %s  %s\n" % (r["status"], r["id"], r["detail"]))
    if stale:
        print("mutate: %s lists mutants that no longer exist:"
              % a.equivalent, file=sys.stderr)
        for k in stale:
            print("  " + k, file=sys.stderr)
    print(summary)
    print("run time: %.0f s (%d jobs); report: %s"
          % (elapsed, a.jobs, os.path.join(out, "report.txt")))
    if survivors:
        print("survivors:")
        for r in survivors:
            print("  " + r["id"])
    if a.min_score is not None and score < a.min_score:
        print("mutate: FAILED, score %.1f %% is below %g %%"
              % (score, a.min_score), file=sys.stderr)
        return 1
    if stale:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
