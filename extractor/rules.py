"""Load the domain knowledge kept as data in ``rules/`` (YAML and CSV).

The default rules ship as the package ``extractor_rules`` (the top-level ``rules/``
folder, mapped by ``pyproject.toml``). ``--rules DIR`` overlays a user's folder: a file
there replaces the default file of the same name; other defaults stay.

Stages never parse YAML themselves: they ask ``rules.data(name)`` for the parsed file
and ``rules.compiled(key, builder)`` for whatever they compile from it (regexes, lookup
tables), so one compile serves every document of a run.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .rule_schema import SchemaError, check_file

RULE_SUFFIXES = (".yaml", ".yml", ".csv")


class RulesError(ValueError):
    """A rule file is missing or malformed."""


def default_rules_dir() -> Path:
    try:
        import extractor_rules

        return Path(extractor_rules.__file__).resolve().parent
    except ImportError:  # running from a source tree without install
        return Path(__file__).resolve().parent.parent / "rules"


class Rules:
    def __init__(self, dirs: list[Path]):
        self.dirs = dirs
        self._files: dict[str, Path] = {}
        for d in dirs:  # later folders override earlier ones
            for p in sorted(d.iterdir()):
                if p.suffix in RULE_SUFFIXES and p.is_file():
                    self._files[p.stem] = p
        self._data: dict[str, Any] = {}
        self._compiled: dict[str, Any] = {}
        self._lock = threading.RLock()  # a builder may ask for another compiled key

    def names(self) -> list[str]:
        return sorted(self._files)

    def path(self, name: str) -> Path:
        if name not in self._files:
            raise RulesError(f"rule file '{name}' not found in {', '.join(map(str, self.dirs))}")
        return self._files[name]

    def data(self, name: str) -> Any:
        """Parsed content of ``<name>.yaml`` (any YAML value) or ``<name>.csv`` (list of dicts)."""
        if name not in self._data:
            self._data[name] = _parse(self.path(name))
        return self._data[name]

    def compiled(self, key: str, builder: Callable[[Rules], Any]) -> Any:
        """``builder(self)``, computed once per Rules object and cached under ``key``."""
        if key not in self._compiled:
            with self._lock:
                if key not in self._compiled:
                    self._compiled[key] = builder(self)
        return self._compiled[key]


def _parse(path: Path) -> Any:
    text = path.read_text(encoding="utf-8-sig")
    try:
        check_file(path.stem, path, text)
        if path.suffix == ".csv":
            return list(csv.DictReader(io.StringIO(text)))
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loader
    except SchemaError as exc:
        raise RulesError(f"{path}:{exc}") from exc
    except (yaml.YAMLError, csv.Error) as exc:
        raise RulesError(f"{path}: {exc}") from exc


_DEFAULT: Rules | None = None
_CACHE: dict[tuple[str, ...], Rules] = {}


def load_rules(overlay: str | Path | None = None) -> Rules:
    """The default rules, with ``overlay`` (a folder) taking precedence file by file."""
    dirs = [default_rules_dir()]
    if overlay is not None:
        p = Path(overlay)
        if not p.is_dir():
            raise RulesError(f"rules folder not found: {p}")
        dirs.append(p.resolve())
    key = tuple(str(d) for d in dirs)
    if key not in _CACHE:
        _CACHE[key] = Rules(dirs)
    return _CACHE[key]
