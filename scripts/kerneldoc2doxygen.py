#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Doxygen INPUT_FILTER: rewrite the kernel-doc comments of a C header.

Usage: kerneldoc2doxygen.py FILE   (the transformed file goes to stdout)

The public headers are documented in the Linux kernel's kernel-doc format
(Documentation/doc-guide/kernel-doc.rst), which Doxygen does not read.
This filter turns, inside every /** ... */ comment:

    name() - summary           @brief summary
    struct|enum|typedef x - s  @brief s
    @arg: text                 @param arg text        (functions)
    @member: text              /**< text */ after the member (structs, enums)
    Return: text               @return text
    Context: text              @context text   (alias of "@par Context:")
    @name in running text      @p name

and, outside them:

    the file's leading comment                   /** @file ... */
    a plain comment right above #define lines    their documentation (a
        or an extern declaration                 member group when several)

Every output line corresponds to the input line of the same number, so
Doxygen's warnings point at the right place. Files that are not C headers
are copied unchanged.
"""

import re
import sys

SUMMARY = re.compile(
    r"^(?P<lead>\s*\*?\s*)"
    r"(?:(?P<func>\w+)\(\)|(?P<kind>struct|enum|union|typedef)\s+(?P<tname>\w+))"
    r"\s+-\s+(?P<text>.*)$")
ARG = re.compile(r"^(?P<lead>\s*\*\s?)\s*@(?P<name>\w+|\.\.\.):\s*(?P<text>.*)$")
SECTION = re.compile(r"^(?P<lead>\s*\*\s?)\s*(?P<name>Return|Returns|Context):\s*(?P<text>.*)$")
INLINE_REF = re.compile(r"(?<![\w@\\])@(?!(?:brief|file|param|return|context|p)\b)(\w+)")
BODY_LINE = re.compile(r"^\s*\*(?:\s|$)")


def inline_refs(text):
    """@name in running text becomes @p name (typewriter, like kernel-doc);
    #name (device-tree properties) is not a Doxygen link."""
    text = re.sub(r"(?<![\w\\])#(?=\w)", r"\\#", text)
    return INLINE_REF.sub(r"@p \1", text)


def comment_end(lines, start):
    """Index of the line holding the */ that closes the comment at start."""
    i = start
    first = lines[i].index("/*") + 2
    while True:
        pos = lines[i].find("*/", first if i == start else 0)
        if pos >= 0:
            return i
        i += 1
        if i == len(lines):
            return len(lines) - 1


def add_trailing(line, text):
    """Append text before the newline of a line."""
    body = line.rstrip("\n")
    return body + text + ("\n" if line.endswith("\n") else "")


def member_name(decl):
    """The declared name of one struct member or enumerator declaration."""
    m = re.search(r"\(\s*\*\s*(\w+)\s*\)", decl)
    if m:
        return m.group(1)
    decl = re.sub(r"\[[^\]]*\]", "", decl)
    decl = re.sub(r":\s*\w+\s*$", "", decl.strip().rstrip(";,").strip())
    decl = decl.split("=")[0].strip()
    m = re.search(r"(\w+)\s*$", decl)
    return m.group(1) if m else None


def document_members(lines, start, members):
    """Attach member descriptions to the body of the struct or enum that
    begins at or after lines[start], as trailing /**< */ comments."""
    depth = 0
    opened = False
    decl = ""
    is_enum = None
    for i in range(start, len(lines)):
        code = re.sub(r"/\*.*?\*/", "", lines[i])
        if is_enum is None and re.search(r"\b(enum|struct|union)\b", code):
            is_enum = re.search(r"\benum\b", code) is not None
        for ch in code:
            if ch == "{":
                depth += 1
                opened = True
            elif ch == "}":
                depth -= 1
        if not opened:
            continue
        if depth <= 0:
            if is_enum and decl.strip():
                flush_member(lines, i - 1, decl, members)
            return
        inner = code.split("{", 1)[1] if "{" in code and depth == 1 and not decl else code
        if depth > 1:
            continue
        decl += " " + inner.strip()
        ends = decl.rstrip().endswith(",") if is_enum else decl.rstrip().endswith(";")
        if ends:
            flush_member(lines, i, decl, members)
            decl = ""


def flush_member(lines, i, decl, members):
    name = member_name(decl)
    if name and name in members:
        text = " ".join(members.pop(name).split())
        lines[i] = add_trailing(lines[i], " /**< %s */" % inline_refs(text))


def convert_kerneldoc(lines, start, end):
    """Rewrite the kernel-doc comment lines[start..end] in place."""
    what = None        # 'function', 'struct', 'enum', 'typedef'
    members = {}
    current = None     # name of the member whose description continues
    in_param = False
    for i in range(start, end + 1):
        line = lines[i]
        if i == start:
            rest = line.split("/**", 1)[1]
            m = SUMMARY.match(" " + rest.replace("*/", "")) if rest.strip(" \n*/") else None
            if m:
                what = "function" if m.group("func") else m.group("kind")
                text = inline_refs(m.group("text").rstrip())
                tail = " */" if "*/" in rest else ""
                lines[i] = line.split("/**", 1)[0] + "/** @brief " + text + tail + "\n"
            continue
        if i == end and line.strip() == "*/":
            continue
        m = SUMMARY.match(line) if what is None else None
        if m and BODY_LINE.match(line):
            what = "function" if m.group("func") else m.group("kind")
            lines[i] = m.group("lead") + "@brief " + inline_refs(m.group("text")) + "\n"
            continue
        m = ARG.match(line)
        if m:
            name, text = m.group("name"), m.group("text")
            if what in ("struct", "enum", "union"):
                members[name] = text
                current = name
                lines[i] = m.group("lead").rstrip() + "\n"
            else:
                current = None
                in_param = True
                lines[i] = "%s@param %s %s\n" % (m.group("lead"), name,
                                                   inline_refs(text))
            continue
        m = SECTION.match(line)
        if m:
            current = None
            in_param = True
            cmd = "@return" if m.group("name").startswith("Return") else "@context"
            lines[i] = "%s%s %s\n" % (m.group("lead"), cmd,
                                      inline_refs(m.group("text")))
            continue
        body = re.sub(r"^\s*\*\s?", "", line.rstrip("\n"))
        lead = line[:len(line.rstrip("\n")) - len(body)]
        if not body.strip():
            current = None
            in_param = False
            continue
        if current is not None:
            members[current] += " " + body.strip()
            lines[i] = lead.rstrip() + "\n"
            continue
        if in_param:
            body = body.strip()
        lines[i] = lead + inline_refs(body) + "\n"
    if members:
        document_members(lines, end + 1, members)


def first_code_line(lines, i):
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def promote_plain(lines, start, end, is_file, closes):
    """Turn a plain comment into documentation of what follows it."""
    opening = lines[start]
    if is_file:
        lines[start] = opening.replace("/*", "/** @file", 1)
        for i in range(start, end + 1):
            m = re.match(r"^(\s*\*?\s*)(?:/\*\*\s*@file\s*)?\S+\.h\s+-\s+(.*)$",
                         lines[i])
            if m:
                lines[i] = "%s@brief %s\n" % (m.group(1), m.group(2))
                break
        for i in range(start + 1, end + 1):
            lines[i] = inline_refs(lines[i])
        return
    nxt = end + 1
    if nxt >= len(lines):
        return
    code = lines[nxt].lstrip()
    if not (code.startswith("#define") or code.startswith("#ifndef")
            or code.startswith("extern ")):
        return
    lines[start] = opening.replace("/*", "/**", 1)
    for i in range(start, end + 1):
        lines[i] = inline_refs(lines[i])
    # The run of #define lines (with their continuations and #ifndef
    # guards) that the comment documents.
    last = nxt
    defines = 0
    i = nxt
    while i < len(lines):
        s = lines[i].lstrip()
        if s.startswith("#define"):
            defines += 1
            while lines[i].rstrip("\n").endswith("\\"):
                i += 1
            last = i
        elif s.startswith("#ifndef") or s.startswith("#endif"):
            last = i if s.startswith("#endif") else last
        elif s.startswith("extern ") and i == nxt:
            last = i
            break
        else:
            break
        i += 1
    if defines > 1 and last + 1 < len(lines):
        # Doxygen would take a comment on the #define line as part of the
        # macro: close the group at the start of the next line instead.
        lines[start] = "/**@{*/ " + lines[start].lstrip()
        closes.add(last + 1)


def convert(text):
    lines = text.splitlines(keepends=True)
    seen_file_comment = False
    closes = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith("/**") and not stripped.startswith("/**<"):
            end = comment_end(lines, i)
            convert_kerneldoc(lines, i, end)
            seen_file_comment = True
            i = end + 1
            continue
        if stripped.startswith("/*") and "SPDX-License-Identifier" not in line:
            end = comment_end(lines, i)
            promote_plain(lines, i, end, not seen_file_comment, closes)
            seen_file_comment = True
            i = end + 1
            continue
        if stripped and not stripped.startswith(("#", "/*")):
            seen_file_comment = True    # code first: no file comment
        i += 1
    for i in closes:
        lines[i] = "/**@}*/ " + lines[i]
    return "".join(lines)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: kerneldoc2doxygen.py FILE\n")
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    if sys.argv[1].endswith(".h"):
        out = convert(text)
        assert out.count("\n") == text.count("\n"), "line count changed"
        text = out
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
