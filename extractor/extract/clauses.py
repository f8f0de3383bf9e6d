"""Clauses of a sentence: where the clause around a position starts and ends, the group a
parenthesis opens, separators outside parentheses. The figure checks bind a percentage to
the counts of its own clause with these; a "." between digits is a number, not a stop."""

from __future__ import annotations


def clause_start(text: str, pos: int) -> int:
    """Start of the clause ending at ``pos``: after the last ".", ";", "!", "?" or line break
    outside parentheses (a "." between digits is a number)."""
    depth = 0
    i = pos - 1
    while i >= 0:
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth = max(0, depth - 1)
        elif ch == "\n" or (depth == 0 and (ch in ";!?" or (ch == "." and not between_digits(text, i)))):
            return i + 1
        i -= 1
    return 0


def clause_end(text: str, pos: int) -> int:
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "\n" or (depth == 0 and (ch in ";!?" or (ch == "." and not between_digits(text, i)))):
            return i
    return len(text)


def group_end(text: str, pos: int) -> int:
    """The ")" closing the parenthesis open at ``pos`` (or the line end)."""
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "\n":
            return i
    return len(text)


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
