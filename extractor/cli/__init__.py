"""Command line: ``extractor run | eval | check | report | show``."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from ..version import __version__

EPILOG_RUN = """\
examples:
  extractor run corpora/seeds -o out                 # JSONL + CSV tables in out/
  extractor run archive/ -o out --format jsonl,csv,parquet --keep-text
  extractor run a.pdf b.docx old/ -o out --workers 2 --ocr
  extractor run archive/ -o out --engine dask --scheduler tcp://10.0.0.5:8786

incremental: a re-run into the same OUT reads only new and changed files, removes the
rows and texts of deleted ones and rewrites every table; a new extractor version, other
rules or other --stages/--pdf-engine/--ocr/--keep-text mean a full run (one line says so);
--force reads everything again. A run stopped by Ctrl-C or killed resumes where it was.

tables written (one file per table and format):
  documents  one row per file: status (ok | empty | error | needs_ocr | timeout |
             skipped | not_document), error, header fields (issuer, doc_number, place, date, doc_type, title,
             signer, signer_title, authority, recipients), counts
  sections   section tree: section_id, parent_id, level, marker, heading, label
  citations  numbered references to other documents, canonical số hiệu, date, issuer
  dates      every date mention (ISO or partial YYYY-MM / YYYY), ranges
  statistics figures with value, unit, what is counted
  models     named models / movements (mô hình “Dân vận khéo”), owner, mentions
  mentions   short references (Chỉ thị 33) resolved to full citations
  findings   consistency problems (citations cited two ways, figures that don't add up)
Offsets (start, end) index the normalised text (written with --keep-text).

exit status: 0 every file was read (or skipped as unsupported / not a document); 1 at
least one file failed (its documents row says why; all other files are still written);
2 bad arguments, missing input or unwritable output; 130 interrupted (Ctrl-C): what was
done is kept, run the same command again to resume.
"""


def _add_pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", help="folder of rule files overriding the defaults file by file")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="parallel processes, or Dask workers of a local cluster (default: number of cores)")
    p.add_argument("--pdf-engine", choices=("pypdfium2", "pdfplumber"), default="pypdfium2",
                   help="PDF text extraction engine (default: pypdfium2, fast)")
    p.add_argument("--ocr", action="store_true",
                   help="OCR pages without a text layer with Tesseract (needs tesseract-ocr-vie)")
    p.add_argument("--time-limit", type=float, default=300.0, metavar="SEC",
                   help="per-document time limit in seconds (default: 300; 0 = none)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Turn archives of Vietnamese government reports (.txt .md .pdf .docx .doc) "
                    "into structured, checked datasets.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'extractor COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="extract every document under PATH... into dataset tables",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG_RUN,
                       description="Extract header, sections, citations, dates, statistics, models "
                                   "and findings from every supported file under PATH...")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder (created if missing)")
    from ..io.writers import formats

    p.add_argument("--format", default="jsonl,csv", metavar="FMTS",
                   help=f"comma-separated: {', '.join(formats())} (default: jsonl,csv)")
    p.add_argument("--keep-text", action="store_true",
                   help="also write the normalised text to OUT/texts/<doc_id>.txt (offsets index it)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, log lines or summary")
    p.add_argument("--force", action="store_true",
                   help="read every file again, even those unchanged since the last run into OUT")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where documents are processed: local processes (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="with --engine dask: the scheduler to use (default: a local cluster)")
    p.add_argument("--log-json", metavar="FILE",
                   help="append one JSON event per document (start, done, status, seconds) to FILE")
    p.add_argument("--log-every", type=float, default=10.0, metavar="SEC",
                   help="off a terminal: seconds between progress lines on stderr (default: 10)")
    _add_pipeline_options(p)

    p = sub.add_parser("eval", help="score an output folder against gold annotations",
                       description="Precision / recall / F1 of OUT_DIR's tables against GOLD_DIR "
                                   "(format: corpora/GOLD_FORMAT.md).")
    p.add_argument("gold", metavar="GOLD_DIR", help="folder of gold JSON files (corpora/gold, corpora/heldout/gold)")
    p.add_argument("out", metavar="OUT_DIR", help="a folder written by 'extractor run' (JSONL tables)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--details", action="store_true", help="list missed and spurious items")

    p = sub.add_parser("check", help="run the pipeline and print consistency findings",
                       description="Print citation and figure problems grouped by document. "
                                   "Exit 1 when any finding has severity 'error' (usable as a CI gate).")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("--catalog", metavar="CSV", action="append", default=[],
                   help="extra catalog of known documents (same columns as rules/catalog.csv)")
    p.add_argument("--min-severity", choices=("info", "warning", "error"), default="info",
                   help="print findings of this severity and worse (default: info, everything)")
    _add_pipeline_options(p)

    p = sub.add_parser("report", help="write a self-contained HTML report of an output folder")
    p.add_argument("out", metavar="OUT_DIR", help="a folder written by 'extractor run' (with --keep-text for text pages)")
    p.add_argument("-o", "--output", default=None, metavar="HTML",
                   help="the summary page (default: OUT_DIR/report.html); document pages go to HTML-stem/docs/")

    p = sub.add_parser("show", help="render one document with its records highlighted (displaCy)")
    p.add_argument("file", metavar="FILE", help="one document (.txt .md .pdf .docx .doc)")
    p.add_argument("--html", metavar="OUT.html", help="write HTML instead of printing a text summary")
    p.add_argument("--rules", metavar="DIR", help="folder of rule files overriding the defaults file by file")

    p = sub.add_parser("query", help="run SQL on OUT/extractor.sqlite (written by --format sqlite)")
    p.add_argument("out", metavar="OUT", help="an output folder written with --format sqlite (or the .sqlite file)")
    p.add_argument("sql", metavar="SQL", help='one statement, e.g. "SELECT * FROM cited_documents LIMIT 5"')
    p.add_argument("--csv", action="store_true", help="print CSV instead of an aligned table")
    return parser


def _options(args):
    from ..pipeline import Options

    return Options(pdf_engine=args.pdf_engine, ocr=args.ocr)


def _err(msg: str) -> int:
    print(f"extractor: error: {msg}", file=sys.stderr)
    return 2


def _check_values(args) -> str | None:
    """One line saying what is wrong with an option value, or None."""
    if getattr(args, "workers", None) is not None and args.workers < 1:
        return f"--workers must be 1 or more (got {args.workers})"
    if getattr(args, "time_limit", None) is not None and args.time_limit < 0:
        return f"--time-limit must be 0 (no limit) or more seconds (got {args.time_limit:g})"
    if getattr(args, "log_every", None) is not None and args.log_every <= 0:
        return f"--log-every must be more than 0 seconds (got {args.log_every:g})"
    if getattr(args, "scheduler", None) and args.engine != "dask":
        return "--scheduler needs --engine dask"
    return None


def cmd_run(args) -> int:
    from ..archive.batch import InputError, run
    from ..archive.engines import EngineError
    from ..io.writers import OutputError, parse_formats
    from ..rules import RulesError

    if problem := _check_values(args):
        return _err(problem)
    announce = None if args.quiet else (lambda line: print(f"extractor: {line}", file=sys.stderr))
    try:
        formats = parse_formats(args.format)
        summary = run(args.paths, args.out, formats=formats, rules_dir=args.rules,
                      workers=args.workers, keep_text=args.keep_text, options=_options(args),
                      time_limit=args.time_limit or None,
                      progress=None if not args.quiet else False, force=args.force,
                      engine=args.engine, scheduler=args.scheduler, log_json=args.log_json,
                      log_every=args.log_every, announce=announce)
    except (InputError, OutputError, RulesError, EngineError, ValueError) as exc:
        return _err(str(exc))
    except KeyboardInterrupt:
        print(f"extractor: interrupted: the documents done so far are kept in {args.out}; "
              "run the same command again to resume", file=sys.stderr)
        # The store is closed, the partial files removed and the workers ended: leave without
        # waiting on pool threads the interrupt may have caught mid-message.
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(130)
    if not args.quiet:
        _print_summary(summary)
    return 1 if summary.n_failed else 0


def _print_summary(summary) -> None:
    status = ", ".join(f"{n} {s}" for s, n in sorted(summary.by_status.items())) or "none"
    rate = summary.n_chars / 1000 / summary.seconds if summary.seconds else 0
    print(f"{summary.n_documents} documents ({status}): {summary.new} new, {summary.changed} changed, "
          f"{summary.unchanged} unchanged, {summary.removed} removed; "
          f"{summary.seconds:.1f} s, {rate:,.0f} kchar/s", file=sys.stderr)
    rows = ", ".join(f"{t} {n}" for t, n in summary.rows.items())
    print(f"rows: {rows}", file=sys.stderr)
    print(f"written to {summary.out_dir}", file=sys.stderr)
    if summary.n_failed:
        print(f"{summary.n_failed} file(s) failed: see status/error in {summary.out_dir}/documents.csv",
              file=sys.stderr)


def cmd_eval(args) -> int:
    from ..evaluate import EvalError, evaluate_dirs, format_scores

    try:
        scores = evaluate_dirs(Path(args.gold), Path(args.out))
    except EvalError as exc:
        return _err(str(exc))
    print(format_scores(scores, as_json=args.json, details=args.details))
    return 0


def cmd_check(args) -> int:
    from .check import run_check

    if problem := _check_values(args):
        return _err(problem)
    return run_check(args)


def cmd_report(args) -> int:
    from ..present.report import write_report

    return write_report(args)


def cmd_show(args) -> int:
    from ..present.show import show

    return show(args)


def cmd_query(args) -> int:
    import csv
    import sqlite3

    from ..io.sqlite import query

    try:
        cols, rows = query(args.out, args.sql)
    except FileNotFoundError as exc:
        return _err(str(exc))
    except sqlite3.Error as exc:
        return _err(f"SQL error: {exc}")
    if args.csv:
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows(rows)
        return 0
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in r] for r in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=sys.stderr)
    return 0


COMMANDS = {"run": cmd_run, "eval": cmd_eval, "check": cmd_check, "report": cmd_report, "show": cmd_show,
            "query": cmd_query}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill PID`: stop as cleanly as Ctrl-C
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    raise SystemExit(main())
