#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a copy of QuickJS's quickjs.c whose by-index property primitives
poll the interrupt handler.

Usage: poll-interrupts.py QUICKJS_C OUTPUT_C

Why: QuickJS polls its interrupt handler (gvajs's time budget) in bytecode,
on calls and in regular expressions only. Built-ins such as
Array.prototype.indexOf, join, reverse or copyWithin, called on an
array-like such as {length: 2**53-1}, loop in C over these primitives
without allocating, so neither the time budget nor the memory limit ever
stops them. A poll on entry to each primitive (a counter decrement; the
handler runs once per JS_INTERRUPT_COUNTER_INIT of them) makes every such
loop stoppable, with the same uncatchable error bytecode gets.

Each function is found by its name; the build fails when a name is not
defined exactly once, its body does not open on a line of its own, its
signature lacks what the inserted statement names, or the poll function is
not defined above it: an upgrade of QuickJS must be looked at, never
silently lose a poll. The source is read, never copied into gvajs.
"""
import os
import re
import sys

POLL = "js_poll_interrupts"

# name -> (parameter text the signature must contain, what to do when the
# handler says stop). The value of a failed call follows each function's
# own contract: -1 or JS_EXCEPTION, an owned argument freed, an out
# parameter set.
POLLED = {
    # indexOf, lastIndexOf, every/some/forEach/map/filter, reduce, sort,
    # flat, concat, slice, reverse, copyWithin, shift, splice, unshift
    "JS_TryGetPropertyInt64": ("JSValue *pval",
                               "{ *pval = JS_UNDEFINED; return -1; }"),
    # includes, String.raw, typed arrays built from array-likes
    "JS_GetPropertyInt64": ("JSContext *ctx", "return JS_EXCEPTION;"),
    # join, toLocaleString
    "JS_GetPropertyUint32": ("JSContext *ctx", "return JS_EXCEPTION;"),
    # fill, copyWithin, reverse, shift, splice, unshift
    "JS_SetPropertyInt64": ("JSValue val)",
                            "{ JS_FreeValue(ctx, val); return -1; }"),
    "JS_DeletePropertyInt64": ("JSContext *ctx", "return -1;"),
}


def fail(message):
    sys.exit("poll-interrupts.py: %s; QuickJS changed, see this script's "
             "docstring" % message)


def find_definition(lines, name):
    """Index of the line opening @name's body ("{" alone on its line) and
    the signature text; a definition is a line starting with a type and
    the name, whose declarator ends at a "{" line, not a ";"."""
    head = re.compile(r"^[A-Za-z_][\w \*]*\b%s\(" % re.escape(name))
    found = []
    for i, line in enumerate(lines):
        if not head.match(line):
            continue
        j = i
        while j < len(lines) and not lines[j].rstrip().endswith((")", ";")):
            j += 1
        if j + 1 < len(lines) and lines[j].rstrip().endswith(")") and \
                lines[j + 1].rstrip() == "{":
            found.append((j + 1, "".join(lines[i:j + 1])))
    if len(found) != 1:
        fail("%d definitions of %s, expected exactly 1" % (len(found), name))
    return found[0]


def poll_definition_line(lines):
    brace, _ = find_definition(lines, POLL)
    return brace


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source = os.path.abspath(sys.argv[1])
    with open(source, encoding="utf-8") as f:
        lines = f.readlines()
    poll_at = poll_definition_line(lines)
    inserts = []
    for name, (needed, on_stop) in POLLED.items():
        brace, signature = find_definition(lines, name)
        if needed not in signature:
            fail("the signature of %s lacks '%s'" % (name, needed))
        if brace < poll_at:
            fail("%s is defined above %s" % (name, POLL))
        # #line: the engine's own lines keep their numbers in debuggers
        # and sanitizer reports.
        inserts.append((brace, "    if (%s(ctx)) /* gvajs */\n"
                        "        %s\n#line %d \"%s\"\n"
                        % (POLL, on_stop, brace + 2, source)))
    # Bottom up, so earlier indices stay valid.
    for brace, text in sorted(inserts, reverse=True):
        lines.insert(brace + 1, text)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write('#line 1 "%s"\n' % source)
        f.writelines(lines)


if __name__ == "__main__":
    main()
