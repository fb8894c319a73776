#!/usr/bin/env python3
"""Full-width punctuation in the Chinese string literals of Rust sources.

In every string literal that is Chinese (more Han characters than ASCII
letters), an ASCII , ; : ( ) that touches Chinese text becomes ， ； ： （ ）
(GB/T 15834); one space after ，；： goes. Left alone: format placeholders
{...}, digits on both sides (1,000, 10:30), `::`, and 镇(街道), the Plan's own
spelling of the term, which the rule set's body names share. Prints the files
it changed; `--check` changes nothing and exits 1 when a file would change.

    python3 scripts/zh-punctuation.py [--check] FILE_OR_DIR...
"""
import os
import re
import sys

FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}


def is_cjk(c):
    if not c:
        return False
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or c in "《》「」“”‘’、…")


def is_han(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def convert(body):
    """The converted body of one literal (its source text between the quotes)."""
    han = sum(1 for c in body if is_han(c))
    # Letters of format placeholders ({name}) are not text.
    text = re.sub(r"\{[^{}]*\}", "", body)
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if han == 0 or latin > han:
        return body
    # Placeholders count as neither Chinese nor not; mask them.
    spans = []
    i = 0
    while i < len(body):
        if body.startswith("{{", i) or body.startswith("}}", i):
            i += 2
            continue
        if body[i] == "{":
            j = body.find("}", i)
            if j < 0:
                break
            spans.append((i, j))
            i = j + 1
            continue
        i += 1
    inside = set()
    for a, b in spans:
        inside.update(range(a, b + 1))

    out = list(body)

    def neighbour(k, step):
        """The nearest character that is neither a space nor a placeholder
        (on the left as already converted)."""
        k += step
        while 0 <= k < len(body) and (body[k] == " " or k in inside):
            k += step
        if 0 <= k < len(body):
            if step > 0 and body[k:k + 2] == "\\n":
                return ""
            return out[k] if step < 0 else body[k]
        return ""

    stack = []
    drop = set()
    for k, c in enumerate(body):
        if k in inside or c not in FULL:
            continue
        prev = body[k - 1] if k > 0 else ""
        nxt = body[k + 1] if k + 1 < len(body) else ""
        pn, nn = neighbour(k, -1), neighbour(k, 1)
        near = is_cjk(pn) or is_cjk(nn)
        if c == "(":
            if body.startswith("(街道)", k) and body[k - 1:k] == "镇":
                stack.append(False)
                continue
            ok = is_cjk(pn) or is_cjk(nn)
            stack.append(ok)
            if ok:
                out[k] = FULL[c]
                if prev == " " and k >= 2 and (is_cjk(body[k - 2]) or body[k - 2] == "}"):
                    drop.add(k - 1)
            continue
        if c == ")":
            ok = stack.pop() if stack else False
            if ok:
                out[k] = FULL[c]
                if nxt == " ":
                    drop.add(k + 1)
            continue
        if prev.isdigit() and nxt.isdigit():
            continue
        if c == ":" and (prev == ":" or nxt == ":" or nxt == "/"):
            continue
        if not near:
            continue
        out[k] = FULL[c]
        if nxt == " ":
            drop.add(k + 1)
    return "".join(ch for k, ch in enumerate(out) if k not in drop)


LITERAL = re.compile(r'''//[^\n]*|/\*.*?\*/|r(#*)".*?"\1|b?'(?:\\.|[^\\'\n])'|"(?:\\.|[^\\"])*"''', re.S)


def fix_source(text):
    def repl(m):
        s = m.group(0)
        if s.startswith("//") or s.startswith("/*") or s.startswith("'") or s.startswith("b'"):
            return s
        if s.startswith("r"):
            hashes = m.group(1)
            head = "r" + hashes + '"'
            tail = '"' + hashes
            return head + convert(s[len(head):-len(tail)]) + tail
        return '"' + convert(s[1:-1]) + '"'
    return LITERAL.sub(repl, text)


def files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                for n in sorted(names):
                    if n.endswith(".rs"):
                        yield os.path.join(root, n)
        else:
            yield p


def main(argv):
    check = "--check" in argv
    changed = []
    for f in files([a for a in argv if a != "--check"]):
        text = open(f, encoding="utf-8").read()
        new = fix_source(text)
        if new != text:
            changed.append(f)
            if not check:
                open(f, "w", encoding="utf-8").write(new)
    for f in changed:
        print(f)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
