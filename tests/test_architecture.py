"""The package's shape (docs/ARCHITECTURE.md): no import cycle, small modules, no private
name used across modules, sub-packages by stage — and the worked example of adding a
record kind, followed step by step."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "extractor"
MAX_LINES = 700
# Modules their owners are splitting under issue #9 (remove the entry when it is done).
PENDING_SPLIT: set[str] = set()


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(importer: str, level: int, module: str | None) -> str:
    if level == 0:
        return module or ""
    base = importer.split(".")
    if not _is_package(importer):
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


@dataclass(frozen=True)
class Import:
    target: str  # a module of the package
    names: tuple[str, ...]  # names taken from it ("from x import a, b")
    line: int


def imports_of(name: str) -> list[Import]:
    """Every import of an extractor module in ``name``, at module level or inside functions."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    out: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    out.append(Import(alias.name, (), node.lineno))
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(name, node.level, node.module)
            if target not in MODULES:
                continue
            plain = []
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in MODULES:  # "from . import legacy": the submodule itself
                    out.append(Import(sub, (), node.lineno))
                else:
                    plain.append(alias.name)
            if plain:
                out.append(Import(target, tuple(plain), node.lineno))
    return out


GRAPH = {name: {i.target for i in imports_of(name)} - {name} for name in MODULES}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_inside_the_package():
    assert find_cycles(GRAPH) == []


def test_the_import_graph_sees_function_level_imports():
    # extractor/__init__.py imports archive.batch inside run(): the graph must have that edge
    assert "extractor.archive.batch" in GRAPH["extractor"]


def test_no_module_over_the_size_limit():
    big = {str(p.relative_to(ROOT)): n for p in MODULES.values()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(big) <= PENDING_SPLIT, big


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_used_from_another_module():
    used = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported_modules: set[str] = set()
        for imp in imports_of(name):
            used += [f"{name}:{imp.line} imports {imp.target}.{n}" for n in imp.names if _private(n)]
        for node in ast.walk(tree):  # "from . import check" then "check._x"
            if isinstance(node, ast.ImportFrom) and node.level:
                target = _resolve(name, node.level, node.module)
                imported_modules |= {a.asname or a.name for a in node.names if f"{target}.{a.name}" in MODULES}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in imported_modules and _private(node.attr)):
                used.append(f"{name}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert used == []


def test_sub_packages_by_stage():
    subs = {p.parent.name for p in PKG.glob("*/__init__.py")}
    assert len(subs) >= 4
    assert {"ingest", "text", "structure", "extract", "check", "io", "present"} <= subs


# --- the worked example of docs/ARCHITECTURE.md: a new record kind ------------------------------

def _worked_example_code() -> str:
    """The Python block of the worked example, as the document shows it."""
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    part = doc.split("## Worked example", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", part, re.S)
    assert blocks, "the worked example has a python block"
    return blocks[0]


@pytest.fixture
def toy_kind():
    """Run the worked example's code (it registers a kind and a stage); undo it afterwards."""
    from extractor import kinds, stages

    namespace: dict = {}
    exec(compile(_worked_example_code(), "ARCHITECTURE.md", "exec"), namespace)  # noqa: S102
    yield namespace
    stages.unregister_stage("emails")
    kinds.unregister("emails")


TEXT = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\n\nBÁO CÁO\n\nI. KẾT QUẢ\n\n"
        "Mọi góp ý gửi về hộp thư vanphong@anphu.gov.vn trước ngày 15/5/2023.\n")


def test_worked_example_adds_a_table_to_every_writer(toy_kind, tmp_path):
    import pyarrow.parquet as pq

    from extractor.archive.batch import run
    from extractor.io.writers import formats

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bc.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    run([tmp_path / "in"], out, formats=formats(), workers=1, progress=False)
    rows = [json.loads(line) for line in (out / "emails.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["doc_id"], r["text"], r["section_id"]) for r in rows] == [("bc.txt", "vanphong@anphu.gov.vn", "I")]
    assert TEXT.index("vanphong") > 0
    csv_head = (out / "emails.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert csv_head == "doc_id,section_id,text,start,end,page"
    assert pq.read_table(out / "emails.parquet").column("text").to_pylist() == ["vanphong@anphu.gov.vn"]
    # the stage ran before the other stages that read its records, and the table order is kept
    assert (out / "documents.jsonl").exists() and (out / "findings.jsonl").exists()


def test_worked_example_is_seen_by_spacy_show_and_report(toy_kind, tmp_path):
    import extractor
    from extractor.present.show import candidate_spans
    from extractor.present.spacy_components import load

    result = extractor.extract_text(TEXT, doc_id="bc.txt")
    assert [e.text for e in result.records("emails")] == ["vanphong@anphu.gov.vn"]
    assert any(s["label"] == "EMAIL" for s in candidate_spans(result))
    doc = load()(TEXT)
    assert [sp.text for sp in doc.spans["emails"]] == ["vanphong@anphu.gov.vn"]


def test_the_registry_is_back_to_normal_without_the_example():
    from extractor.kinds import KINDS
    from extractor.stages import STAGES

    assert "emails" not in KINDS and "emails" not in STAGES
