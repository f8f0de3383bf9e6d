"""extractor: Vietnamese government report archives → structured, checked datasets.

The public API (everything else is internal and may change):

- ``extract_text(text, doc_id=...)`` → ``DocumentResult`` for one decoded text;
- ``extract_file(path)`` → ``DocumentResult`` for one file (never raises for bad input);
- ``run(paths, out_dir, ...)`` → writes the datasets of a whole archive (the CLI's ``run``);
- ``load()`` → a spaCy ``Language`` that puts the same records into ``doc.spans``.
"""

from __future__ import annotations

from .models import DocumentResult
from .pipeline import Options, extract_file, extract_text
from .rules import load_rules
from .version import __version__

__all__ = ["DocumentResult", "Options", "__version__", "extract_file", "extract_text", "load", "load_rules", "run"]


def run(paths, out_dir, **kwargs):
    """Process files/folders ``paths`` into datasets under ``out_dir``; see ``batch.run``."""
    from .archive.batch import run as _run

    return _run(paths, out_dir, **kwargs)


def load(rules_dir=None):
    """A spaCy ``Language`` whose components add the records to ``doc.spans``."""
    from .present.spacy_components import load as _load

    return _load(rules_dir)
