"""Write dataset tables as JSONL, CSV (UTF-8 with BOM, for Excel) and Parquet.

Output formats are a registry (``FORMATS``): a format is a class that receives every row
of every table and finishes its files on ``close``. Adding one (SQLite, say) is one class
plus one ``register_format`` call; ``--format`` and ``run(formats=...)`` accept it at once.

Rows stream to hidden ``.<table>.<fmt>.partial`` files that are renamed when the run
closes, so an interrupted run never leaves a table that looks complete; ``abort`` removes
them. Parquet is written with the explicit Arrow schema of each table (``kinds.py``) as a
dataset folder ``<table>.parquet/`` whose part files another run's can join.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
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

    @classmethod
    def outputs(cls, out_dir: Path, tables) -> list[Path]:
        """Every final file or folder this format writes (removed when a later run into the
        same folder does not ask for the format), with their hidden temporary names."""
        out = []
        for t in tables:
            out += [out_dir / f"{t}.{cls.suffix}", out_dir / f".{t}.{cls.suffix}.partial",
                    out_dir / f".{t}.{cls.suffix}.old"]
        return out

    @classmethod
    def render(cls, kind: RecordKind, rows: list[dict[str, Any]]) -> str | None:
        """A line-based format: the text these rows take in the table (made once, in the
        worker, and stored; the table is then rebuilt by concatenation). Others: None."""
        return None

    def write_text(self, table: str, text: str) -> None:
        """Append what ``render`` made for some rows of ``table``."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish every file (they stay partial until ``DatasetWriter`` renames them)."""

    def abort(self) -> None:
        """Release files and remove the partial ones."""
        self.close_handles()
        for tmp, _ in self.partials:
            remove_path(tmp)
        self.partials.clear()

    def close_handles(self) -> None:
        pass


class JsonlWriter(FormatWriter):
    suffix = "jsonl"

    def __init__(self, out_dir: Path, kinds: Mapping[str, RecordKind]):
        super().__init__(out_dir, kinds)
        self.files: dict[str, TextIO] = {t: self.partial(t).open("w", encoding="utf-8") for t in kinds}

    def write(self, table: str, row: dict[str, Any]) -> None:
        self.files[table].write(json_line(row) + "\n")

    @classmethod
    def render(cls, kind: RecordKind, rows: list[dict[str, Any]]) -> str:
        return "".join(json_line(r) + "\n" for r in rows)

    def write_text(self, table: str, text: str) -> None:
        self.files[table].write(text)

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

    @classmethod
    def render(cls, kind: RecordKind, rows: list[dict[str, Any]]) -> str:
        buf = io.StringIO()
        w = csv.writer(buf)  # the dialect DictWriter uses: the same bytes
        for r in rows:
            w.writerow([csv_cell(kind, c, r.get(c)) for c in kind.columns])
        return buf.getvalue()

    def write_text(self, table: str, text: str) -> None:
        self.files[table][0].write(text)

    def close(self) -> None:
        self.close_handles()

    def close_handles(self) -> None:
        for fh, _ in self.files.values():
            fh.close()


PARQUET_PART_ROWS = 100_000  # rows per row group: bounded memory whatever the table's size


def arrow_type(name: str):
    import pyarrow as pa

    if name.startswith("list<") and name.endswith(">"):
        return pa.list_(arrow_type(name[5:-1]))
    return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}[name]


def arrow_schema(kind: RecordKind):
    """The table's explicit schema: every column nullable, types from the registry."""
    import pyarrow as pa

    return pa.schema([pa.field(c, arrow_type(kind.types[c]), nullable=True) for c in kind.columns])


def _cell(value: Any, type_name: str) -> Any:
    """A row value in the column's Arrow type (JSON text for free-form values in strings)."""
    if value is None:
        return None
    if type_name == "string":
        if isinstance(value, str):
            return value
        if isinstance(value, (list, dict, tuple)):
            return json.dumps(value, ensure_ascii=False, default=_json_default)
        return str(value)
    if type_name == "int64":
        return int(value)
    if type_name == "float64":
        return float(value)
    if type_name.startswith("list<"):
        return [None if v is None else str(v) for v in value]
    return value


def _column(values: list[Any], type_name: str, arrow):
    """One column as an Arrow array: directly when the values already fit, else cell by cell."""
    import pyarrow as pa

    fits = _FITS.get(type_name)
    if fits is not None and all(v is None or type(v) in fits for v in values):
        return pa.array(values, type=arrow)
    return pa.array([_cell(v, type_name) for v in values], type=arrow)


_FITS = {"string": (str,), "int64": (int,), "float64": (int, float)}


class ParquetWriter(FormatWriter):
    """One dataset folder per table (``<table>.parquet/part-00000.parquet``)."""

    suffix = "parquet"

    def __init__(self, out_dir: Path, kinds: Mapping[str, RecordKind]):
        super().__init__(out_dir, kinds)
        self.rows: dict[str, list[dict]] = {t: [] for t in kinds}
        self.files: dict[str, Any] = {}

    def write(self, table: str, row: dict[str, Any]) -> None:
        rows = self.rows[table]
        rows.append(row)
        if len(rows) >= PARQUET_PART_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        kind = self.kinds[table]
        schema = arrow_schema(kind)
        if table not in self.files:
            folder = self.partial(table)
            folder.mkdir()
            self.files[table] = pq.ParquetWriter(folder / "part-00000.parquet", schema)
        arrays = [_column([r.get(c) for r in self.rows[table]], kind.types[c], schema.field(c).type)
                  for c in kind.columns]
        self.files[table].write_table(pa.Table.from_arrays(arrays, schema=schema))
        self.rows[table] = []

    def close(self) -> None:
        for table in self.kinds:
            if self.rows[table] or table not in self.files:
                self._flush(table)
        self.close_handles()

    def close_handles(self) -> None:
        for w in self.files.values():
            w.close()
        self.files.clear()


def remove_path(p: Path) -> None:
    """Remove a file or a folder; nothing if it is not there."""
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def replace_path(tmp: Path, final: Path) -> None:
    """Put ``tmp`` at ``final``; a folder replaces a folder (or an older single file)."""
    if tmp.is_dir() or final.is_dir():
        old = final.with_name(f".{final.name}.old")
        remove_path(old)
        if final.exists():
            os.replace(final, old)
        os.replace(tmp, final)
        remove_path(old)
    else:
        os.replace(tmp, final)


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


def render_all(rows: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, str]]:
    """``{format: {table: text}}`` of one document's rows for every line-based format."""
    by_table: dict[str, list[dict[str, Any]]] = {}
    for table, row in rows:
        by_table.setdefault(table, []).append(row)
    out: dict[str, dict[str, str]] = {}
    for name, writer in _FORMATS.items():
        texts = {t: writer.render(KINDS[t], rs) for t, rs in by_table.items()}
        if all(v is not None for v in texts.values()) and texts:
            out[name] = texts
    return out


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

    def write_document(self, rows, rendered: Mapping[str, Mapping[str, str]], counts: Mapping[str, int],
                       hold: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """One document's rows: formats with ``rendered`` text take it as it is; the others
        get the rows (``rows()`` is called only if one needs them). Rows of the ``hold``
        tables are not written but returned, for the caller to complete and ``write``."""
        for table, n in counts.items():
            if table not in hold:
                self.counts[table] += n
        parsed = None
        if any(counts.get(t) for t in hold) or any(fmt not in rendered for fmt in self.formats):
            parsed = list(rows())
        for fmt, w in zip(self.formats, self._writers, strict=True):
            texts = rendered.get(fmt)
            if texts is not None:
                for table, text in texts.items():
                    if table not in hold:
                        w.write_text(table, text)
            else:
                for table, row in parsed or ():
                    if table not in hold:
                        w.write(table, row)
        return [row for table, row in parsed or () if table in hold]

    def close(self) -> None:
        for w in self._writers:
            w.close()
        for w in self._writers:
            for tmp, final in w.partials:
                replace_path(tmp, final)
            w.partials.clear()

    def abort(self) -> None:
        """Stop writing: every partial file is removed, finished tables are left as they were."""
        for w in self._writers:
            w.abort()


def final_outputs(fmt: str, out_dir: Path) -> list[Path]:
    """The files or folders a complete run writes for ``fmt``."""
    return [p for p in _FORMATS[fmt].outputs(out_dir, KINDS) if not p.name.startswith(".")]


def remove_stale(out_dir: Path, keep_formats: tuple[str, ...]) -> list[Path]:
    """Remove tables of other formats (an earlier run's parquet beside this run's jsonl) and
    leftovers of an interrupted run. Only names this package writes are touched."""
    removed = []
    for fmt, writer in _FORMATS.items():
        for p in writer.outputs(out_dir, KINDS):
            if fmt in keep_formats and not p.name.startswith("."):
                continue
            if p.exists() or p.is_symlink():
                remove_path(p)
                removed.append(p)
    return removed
