"""Write dataset tables as JSONL, CSV (UTF-8 with BOM, for Excel) and Parquet.

Rows stream to ``<table>.<fmt>.partial`` files that are renamed when the run closes,
so an interrupted run never leaves a table that looks complete.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, TextIO

from .records import NESTED_COLUMNS, TABLES

FORMATS = ("jsonl", "csv", "parquet")
DEFAULT_FORMATS = ("jsonl", "csv")


class OutputError(Exception):
    """The output folder cannot be created or written."""


def parse_formats(spec: str) -> tuple[str, ...]:
    fmts = tuple(f.strip().lower() for f in spec.split(",") if f.strip())
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ValueError(f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return fmts


def _json_default(obj: Any) -> Any:
    if isinstance(obj, (set, tuple)):
        return list(obj)
    return str(obj)


def _csv_cell(col: str, value: Any) -> Any:
    if value is None:
        return ""
    if col in NESTED_COLUMNS or isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return value


class DatasetWriter:
    """Writes every table in the requested formats under ``out_dir``."""

    def __init__(self, out_dir: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
                 tables: tuple[str, ...] = tuple(TABLES)):
        self.out_dir = Path(out_dir)
        self.formats = formats
        self.tables = tables
        self.counts = dict.fromkeys(tables, 0)
        self._jsonl: dict[str, TextIO] = {}
        self._csv: dict[str, tuple[TextIO, csv.DictWriter]] = {}
        self._parquet_rows: dict[str, list[dict]] = {t: [] for t in tables}
        self._partials: list[tuple[Path, Path]] = []
        self._open()

    def _partial(self, table: str, fmt: str) -> Path:
        final = self.out_dir / f"{table}.{fmt}"
        tmp = self.out_dir / f".{table}.{fmt}.partial"
        self._partials.append((tmp, final))
        return tmp

    def _open(self) -> None:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            probe = self.out_dir / ".extractor-write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as exc:
            raise OutputError(f"cannot write to output folder {self.out_dir}: {exc.strerror or exc}") from exc
        for table in self.tables:
            cols = TABLES[table]
            if "jsonl" in self.formats:
                self._jsonl[table] = self._partial(table, "jsonl").open("w", encoding="utf-8")
            if "csv" in self.formats:
                fh = self._partial(table, "csv").open("w", encoding="utf-8-sig", newline="")
                w = csv.DictWriter(fh, fieldnames=list(cols), extrasaction="ignore")
                w.writeheader()
                self._csv[table] = (fh, w)

    def write(self, table: str, row: dict[str, Any]) -> None:
        self.counts[table] += 1
        if table in self._jsonl:
            self._jsonl[table].write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
        if table in self._csv:
            self._csv[table][1].writerow({c: _csv_cell(c, v) for c, v in row.items()})
        if "parquet" in self.formats:
            self._parquet_rows[table].append(row)

    def close(self) -> None:
        for fh in self._jsonl.values():
            fh.close()
        for fh, _ in self._csv.values():
            fh.close()
        if "parquet" in self.formats:
            for table, rows in self._parquet_rows.items():
                write_parquet(self._partial(table, "parquet"), TABLES[table], rows)
        for tmp, final in self._partials:
            os.replace(tmp, final)
        self._partials.clear()

    def abort(self) -> None:
        """Leave partial files in place (named .partial) for inspection."""
        for fh in self._jsonl.values():
            fh.close()
        for fh, _ in self._csv.values():
            fh.close()


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
