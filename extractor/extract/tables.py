"""Tables in running text: where their rows, cells and column headers are.

Reports carry their figures in tables that reach the text in three shapes:

- rows of cells separated by ``|`` — markdown (``| Mầm non | 23 | 246 |``, with a
  ``|---|---|`` rule under the header) and DOCX tables (``extractor/ingest/docx.py``
  writes a wide table one ``a | b | c`` line per row);
- PDF tables flattened into lines: a header line of words, then rows that are a label and
  the same number of figures (``Giết mổ 74 9 46,5``); a cell wrapped onto the next printed
  line leaves its last words after the figures (``Kinh doanh tại chợ, 173 13 58,2 siêu thị``).

This module only finds the layout (pure text → cells with offsets); what a cell counts is
read by ``extractor.extract.statistics`` from the column header.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

_NUMBER = r"[0-9]+(?:[.,][0-9]+)*"
_NUMERIC_CELL = re.compile(rf"[ ]*([-+−]?[ ]?{_NUMBER})[ ]*%?[ ]*")
_RULE_CELL = re.compile(r"[ ]*:?-{2,}:?[ ]*")
_NEWLINE = re.compile(r"\n")
_HAS_LETTER = re.compile(r"\p{L}")
# A flattened row: a label, then two or more figures, then maybe the wrapped end of the label.
_FLAT_ROW = re.compile(rf"(?P<label>[^\d\n|]*\p{{L}}[^\d\n|]*?)(?P<cells>(?:[ ]+{_NUMBER}){{2,}})"
                       r"(?P<tail>(?:[ ]+\p{Ll}+)*)[ ]*")
_FLAT_NUMBER = re.compile(_NUMBER)
_HEADER_SPLIT = re.compile(r"[ ]{2,}|\t")
_CAPITAL_WORD = re.compile(r"(?<=[ ])(?=\p{Lu})")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int
    end: int

    @property
    def numeric(self) -> bool:
        return _NUMERIC_CELL.fullmatch(self.text) is not None


@dataclass(frozen=True, slots=True)
class Row:
    start: int
    end: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]  # one heading per column ("" when unknown)
    rows: tuple[Row, ...]

    @property
    def start(self) -> int:
        return self.rows[0].start

    @property
    def end(self) -> int:
        return self.rows[-1].end


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, its newline excluded."""
    out, pos = [], 0
    for m in _NEWLINE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _pipe_cells(text: str, start: int, end: int) -> tuple[Cell, ...] | None:
    """The cells of a ``|`` row, or None when the line is no row (fewer than 2 cells)."""
    line = text[start:end]
    if line.count("|") < 1:
        return None
    lo, hi = 0, len(line)
    stripped = line.strip()
    if stripped.startswith("|"):
        lo = line.index("|") + 1
    if stripped.endswith("|") and line.rindex("|") >= lo:
        hi = line.rindex("|")
    cells, pos = [], lo
    for part in line[lo:hi].split("|"):
        a = pos + len(part) - len(part.lstrip())
        b = pos + len(part.rstrip())
        cells.append(Cell(line[a:b] if b > a else "", start + a, start + max(a, b)))
        pos += len(part) + 1
    return tuple(cells) if len(cells) >= 2 else None


def _is_rule(cells: tuple[Cell, ...]) -> bool:
    return all(_RULE_CELL.fullmatch(c.text) or not c.text for c in cells)


def _is_data(cells: tuple[Cell, ...]) -> bool:
    return any(c.numeric for c in cells[1:])


def find_tables(text: str) -> list[Table]:
    """Every table with a header and at least one row of figures, in reading order."""
    lines = _lines(text)
    return sorted(_pipe_tables(text, lines) + _flat_tables(text, lines), key=lambda t: t.start)


def _pipe_tables(text: str, lines: list[tuple[int, int]]) -> list[Table]:
    tables: list[Table] = []
    header: tuple[str, ...] | None = None
    rows: list[Row] = []

    def close() -> None:
        if header is not None and rows:
            tables.append(Table(header, tuple(rows)))

    for start, end in lines:
        cells = _pipe_cells(text, start, end)
        if cells is None:
            close()
            header, rows = None, []
            continue
        if _is_rule(cells):
            continue
        if _is_data(cells) and header is not None and len(cells) == len(header):
            rows.append(Row(start, end, cells))
        elif not _is_data(cells):
            close()
            header, rows = tuple(c.text for c in cells), []
        else:  # figures under no header, or not aligned with it
            close()
            header, rows = None, []
    close()
    return tables


def _flat_tables(text: str, lines: list[tuple[int, int]]) -> list[Table]:
    """A header line without digits, then two or more rows of the same number of figures."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        hs, he = lines[i]
        head = text[hs:he]
        if "|" in head or not _HAS_LETTER.search(head) or any(ch.isdigit() for ch in head):
            i += 1
            continue
        rows: list[Row] = []
        width = 0
        j = i + 1
        while j < len(lines):
            rs, re_ = lines[j]
            m = _FLAT_ROW.fullmatch(text, rs, re_)
            if m is None:
                break
            numbers = list(_FLAT_NUMBER.finditer(text, m.start("cells"), m.end("cells")))
            if width and len(numbers) != width:
                break
            width = len(numbers)
            label = m.group("label").strip()
            ls = m.start("label") + len(m.group("label")) - len(m.group("label").lstrip())
            cells = (Cell(label, ls, ls + len(label)),
                     *(Cell(n.group(), n.start(), n.end()) for n in numbers))
            rows.append(Row(rs, re_, cells))
            j += 1
        header = _split_header(head, width) if len(rows) >= 2 else None
        if header is not None:
            tables.append(Table(header, tuple(rows)))
            i = j
        else:
            i += 1
    return tables


def _split_header(head: str, width: int) -> tuple[str, ...] | None:
    """The label heading and ``width`` column headings of a flattened header line: split at
    runs of spaces, else before each capitalised word ("Loại hình Số cơ sở kiểm tra Số
    cơ sở vi phạm Số tiền phạt (triệu đồng)"); None unless it gives exactly that many."""
    for parts in (_HEADER_SPLIT.split(head.strip()), _CAPITAL_WORD.split(head.strip())):
        parts = [p.strip() for p in parts if p.strip()]
        if len(parts) == width + 1:
            return tuple(parts)
    return None
