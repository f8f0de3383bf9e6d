"""Write dataset tables as JSONL, CSV (UTF-8 with BOM, for Excel) and Parquet.

Output formats are a registry (``FORMATS``): a format is a class that receives every row
of every table and finishes its files on ``close``. Adding one (SQLite, say) is one class
plus one ``register_format`` call; ``--format`` and ``run(formats=...)`` accept it at once.

Rows stream to ``<table>.<fmt>.partial`` files that are renamed when the run closes,
so an interrupted run never leaves a table that looks complete.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from ..kinds import KINDS, RecordKind

DEFAULT_FORMATS = ("jsonl", "csv")


class OutputError(Exception):
    """The output folder cannot be created or written."""


def _json_default(obj: Any) -> Any:
    if isinstance(obj, (set, tuple)):
        return list(obj)
    return str(obj)


def json_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=_json_default)


class FormatWriter:
    """One output format for every table. Subclasses write rows and finish on ``close``.

    ``partial(table)`` gives the hidden file to write; ``DatasetWriter`` renames every
    partial file to its final name once all formats have closed.
    """

    suffix = ""

    def __init__(self, out_dir: Path, kinds: Mapping[str, RecordKind]):
        self.out_dir = out_dir
        self.kinds = kinds
        self.partials: list[tuple[Path, Path]] = []

    def partial(self, table: str) -> Path:
        final = self.out_dir / f"{table}.{self.suffix}"
        tmp = self.out_dir / f".{table}.{self.suffix}.partial"
        self.partials.append((tmp, final))
        return tmp

    def write(self, table: str, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish every file (they stay partial until ``DatasetWriter`` renames them)."""

    def abort(self) -> None:
        """Release files; partial files stay in place for inspection."""
        self.close_handles()

    def close_handles(self) -> None:
        pass


class JsonlWriter(FormatWriter):
    suffix = "jsonl"

    def __init__(self, out_dir: Path, kinds: Mapping[str, RecordKind]):
        super().__init__(out_dir, kinds)
        self.files: dict[str, TextIO] = {t: self.partial(t).open("w", encoding="utf-8") for t in kinds}

    def write(self, table: str, row: dict[str, Any]) -> None:
        self.files[table].write(json_line(row) + "\n")

    def close(self) -> None:
        self.close_handles()

    def close_handles(self) -> None:
        for fh in self.files.values():
            fh.close()


def csv_cell(kind: RecordKind, col: str, value: Any) -> Any:
    if value is None:
        return ""
    if col in kind.nested or isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return value


class CsvWriter(FormatWriter):
    suffix = "csv"

    def __init__(self, out_dir: Path, kinds: Mapping[str, RecordKind]):
        super().__init__(out_dir, kinds)
        self.files: dict[str, tuple[TextIO, csv.DictWriter]] = {}
        for table, kind in kinds.items():
            fh = self.partial(table).open("w", encoding="utf-8-sig", newline="")
            w = csv.DictWriter(fh, fieldnames=list(kind.columns), extrasaction="ignore")
            w.writeheader()
            self.files[table] = (fh, w)

    def write(self, table: str, row: dict[str, Any]) -> None:
        kind = self.kinds[table]
        self.files[table][1].writerow({c: csv_cell(kind, c, v) for c, v in row.items()})

    def close(self) -> None:
        self.close_handles()

    def close_handles(self) -> None:
        for fh, _ in self.files.values():
            fh.close()


class ParquetWriter(FormatWriter):
    suffix = "parquet"

    def __init__(self, out_dir: Path, kinds: Mapping[str, RecordKind]):
        super().__init__(out_dir, kinds)
        self.rows: dict[str, list[dict]] = {t: [] for t in kinds}

    def write(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(row)

    def close(self) -> None:
        for table, rows in self.rows.items():
            write_parquet(self.partial(table), self.kinds[table].columns, rows)


def write_parquet(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(columns))
    for col in df.columns:
        kinds = {type(v) for v in df[col] if v is not None}
        if col == "evidence":  # free-form dicts: JSON text; recipients stay a list column
            df[col] = [None if v is None else json.dumps(v, ensure_ascii=False, default=_json_default) for v in df[col]]
        elif len(kinds) > 1 and not kinds <= {int, float}:
            df[col] = [None if v is None else str(v) for v in df[col]]  # e.g. value 12 and "59/63"
    df.to_parquet(path, index=False)


# --- the format registry -----------------------------------------------------------------------

_FORMATS: dict[str, type[FormatWriter]] = {}


def register_format(name: str, writer: type[FormatWriter]) -> None:
    """Make ``name`` a valid ``--format`` value written by ``writer``."""
    _FORMATS[name] = writer


register_format("jsonl", JsonlWriter)
register_format("csv", CsvWriter)
register_format("parquet", ParquetWriter)


def formats() -> tuple[str, ...]:
    """Every registered output format, in registration order."""
    return tuple(_FORMATS)


FORMATS = formats()  # the built-in ones (a later register_format is seen by formats())


def parse_formats(spec: str) -> tuple[str, ...]:
    fmts = tuple(f.strip().lower() for f in spec.split(",") if f.strip())
    known = formats()
    bad = [f for f in fmts if f not in known]
    if bad or not fmts:
        raise ValueError(f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(known)}")
    return fmts


class DatasetWriter:
    """Writes every table in the requested formats under ``out_dir``."""

    def __init__(self, out_dir: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
                 tables: tuple[str, ...] | None = None):
        self.out_dir = Path(out_dir)
        self.formats = formats
        self.tables = tuple(KINDS) if tables is None else tables
        self.counts = dict.fromkeys(self.tables, 0)
        self._writers: list[FormatWriter] = []
        self._open()

    def _open(self) -> None:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            probe = self.out_dir / ".extractor-write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as exc:
            raise OutputError(f"cannot write to output folder {self.out_dir}: {exc.strerror or exc}") from exc
        kinds = {t: KINDS[t] for t in self.tables}
        self._writers = [_FORMATS[fmt](self.out_dir, kinds) for fmt in self.formats]

    def write(self, table: str, row: dict[str, Any]) -> None:
        self.counts[table] += 1
        for w in self._writers:
            w.write(table, row)

    def close(self) -> None:
        for w in self._writers:
            w.close()
        for w in self._writers:
            for tmp, final in w.partials:
                os.replace(tmp, final)
            w.partials.clear()

    def abort(self) -> None:
        """Leave partial files in place (named .partial) for inspection."""
        for w in self._writers:
            w.abort()
