import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
GOLD = ROOT / "corpora" / "gold"

# underthesea writes to ~/.underthesea: never touch the real HOME from tests.
os.environ["HOME"] = tempfile.mkdtemp(prefix="extractor-test-home-")


@pytest.fixture(scope="session")
def rules():
    from extractor.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def seed_texts():
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()}
