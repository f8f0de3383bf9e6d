"""Clauses of a sentence: where the clause around a position starts and ends, the group a
parenthesis opens, separators outside parentheses. The figure checks bind a percentage to
the counts of its own clause with these; a "." between digits is a number, not a stop."""

from __future__ import annotations

# No clause is longer than this: a text without stops (a table flattened into one line, a
# 1 MB single line) is cut into pieces of this size, so that each look-up stays bounded.
MAX_CLAUSE = 1000


def clause_start(text: str, pos: int) -> int:
    """Start of the clause ending at ``pos``: after the last ".", ";", "!", "?" or line break
    outside parentheses (a "." between digits is a number)."""
    depth = 0
    i = pos - 1
    floor = max(0, pos - MAX_CLAUSE)
    while i >= floor:
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth = max(0, depth - 1)
        elif ch == "\n" or (depth == 0 and (ch in ";!?" or (ch == "." and not between_digits(text, i)))):
            return i + 1
        i -= 1
    return floor


def clause_end(text: str, pos: int) -> int:
    depth = 0
    ceiling = min(len(text), pos + MAX_CLAUSE)
    for i in range(pos, ceiling):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "\n" or (depth == 0 and (ch in ";!?" or (ch == "." and not between_digits(text, i)))):
            return i
    return ceiling


def group_end(text: str, pos: int) -> int:
    """The ")" closing the parenthesis open at ``pos`` (or the line end)."""
    depth = 0
    for i in range(pos, min(len(text), pos + MAX_CLAUSE)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "\n":
            return i
    return min(len(text), pos + MAX_CLAUSE)


def between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def outside_after(between: str) -> bool:
    """The text between two spans does not close a group the first one is in."""
    depth = 0
    for ch in between:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return True


def top_level_separators(text: str, lo: int, hi: int, marks: str) -> list[int]:
    depth, out = 0, []
    for i in range(lo, hi):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in marks and not between_digits(text, i):
            out.append(i)
    return out


def line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
