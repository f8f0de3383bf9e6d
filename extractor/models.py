"""Typed records produced by the pipeline stages.

Every record that points into a document carries ``start``/``end``: character offsets
into the *normalised* text of that document (what ``--keep-text`` writes). Stages fill
the record fields they know; the pipeline fills ``section_id`` and ``page`` afterwards.

Each record class names its columns in ``COLUMNS``; the tables themselves (order, Arrow
types, display) are declared in ``extractor.kinds``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extract.symbols import Symbol


@dataclass(slots=True)
class Header:
    """What the document says about itself (the block before the body and the closing)."""

    issuer: str | None = None  # the body that issues, as written: "BAN DÂN VẬN", "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
    issuer_parent: str | None = None  # the higher-rank line above it: "TỈNH ỦY QUẢNG TRỊ"
    issuer_body: str | None = None  # kind of body (rules/issuer_bodies.yaml): "UBND", "Ban Dân vận", "Sở"
    issuer_level: str | None = None  # trung ương | tỉnh | huyện | xã
    province: str | None = None  # province of the issuer, by the map in force at the document's date
    province_2025: str | None = None  # the same province after the July 2025 merger (34 provinces)
    header_source: str | None = None  # header | portal | header+portal: where the fields were read
    doc_number: str | None = None  # as written: "/BC-UBND", "07-BC/DV"
    place: str | None = None
    date: str | None = None  # ISO, or partial "2023-05" / "2023"
    doc_type: str | None = None  # "BÁO CÁO"
    title: str | None = None  # trích yếu
    signer: str | None = None
    signer_title: str | None = None  # "CHỦ TỊCH"
    authority: str | None = None  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    recipients: list[str] = field(default_factory=list)
    # Offsets that later stages need (not written as columns):
    number_span: tuple[int, int] | None = None  # the document's own "Số:" line
    body_start: int = 0  # first character after the header block
    body_end: int | None = None  # start of the closing ("Nơi nhận", signature); None = end
    symbol: Symbol | None = None  # the own số hiệu read by the số hiệu model (None if no number)


@dataclass(slots=True)
class Section:
    section_id: str  # path of markers: "III", "III.2", "III.2.1", "III.2.1.a"
    parent_id: str | None
    level: int  # Roman/Phần = 1, arabic = 2, dotted arabic = 3 (2.1.) / 4 (2.1.1.), letter = 4+
    marker: str  # as written, markup stripped: "I.", "1.", "2.1.", "a)"
    heading: str
    label: str | None  # canonical role of a top-level section (rules/section_roles.yaml)
    start: int  # start of the marker
    end: int  # end of the section's content (start of the next section at same or higher level)
    heading_end: int = 0  # end of the heading text
    # heading | part | chapter | section | article | clause | point | appendix
    kind: str = "heading"
    path: str | None = None  # legal units: "Chương II/Điều 5/2/a" (the chain of enclosing units)

    COLUMNS = ("section_id", "parent_id", "level", "marker", "heading", "label", "kind", "path", "start", "end")


@dataclass(slots=True)
class Citation:
    text: str  # surface text from the type word through the date when one follows
    type: str | None  # normalised type word: "Kế hoạch", "Nghị định"
    number: str  # as written: "30", "30a", "04"
    code: str  # symbol after the number as written (typos kept): "KH-UBND", "2015/NĐ-CP", "KL/TW"
    canonical: str  # normalised số hiệu: "30/KH-UBND", "04/2015/NĐ-CP", "114-KL/TW"
    year: int | None  # from the number (VBQPPL), else from the date
    date: str | None  # ISO or partial
    issuer: str | None  # phrase after "của"
    start: int
    end: int
    section_id: str | None = None
    page: int | None = None
    # Not written as columns; used by checks and mentions:
    family: str | None = None  # "state" | "legal" | "party" | "congvan" | "law"
    subject: str | None = None  # phrase after "về"
    raw_symbol: str | None = None  # exact surface of number+symbol ("114 -KL/TW")
    symbol_start: int | None = None
    symbol_end: int | None = None
    date_start: int | None = None
    date_end: int | None = None
    issuer_start: int | None = None
    issuer_end: int | None = None
    symbol: Symbol | None = None  # the số hiệu read by the số hiệu model (extract.symbols)
    # The citation graph (extract.relations, archive.links): written after ``page``.
    relation: str | None = None  # basis | implements | amends | replaces | repeals | attached_to | reference | mention
    cue_start: int | None = None  # the cue word that decided the relation ("Căn cứ")
    cue_end: int | None = None
    part: str | None = None  # pinpoint: "Mục II" -> "II"
    article: str | None = None  # "Điều 5" -> "5"
    clause: str | None = None  # "khoản 2" -> "2"
    point: str | None = None  # "điểm a" -> "a"
    target_doc_id: str | None = None  # the archive's own copy of the cited document
    # The cited issuer resolved (structure.cited_issuers), as the document's own issuer is.
    issuer_body: str | None = None
    issuer_level: str | None = None
    province: str | None = None

    COLUMNS = ("section_id", "text", "type", "number", "code", "canonical", "year", "date",
               "issuer", "start", "end")
    GRAPH_COLUMNS = ("relation", "cue_start", "cue_end", "part", "article", "clause", "point",
                     "target_doc_id")
    ISSUER_COLUMNS = ("issuer_body", "issuer_level", "province")


@dataclass(slots=True)
class DateMention:
    text: str
    date: str | None  # ISO or partial; None when the written date is impossible
    date_end: str | None  # end of a range ("từ ngày 08- 31/8/2023")
    start: int
    end: int
    flag: str | None = None  # "invalid" (31/02), "typo" (20 21), "partial", None
    section_id: str | None = None
    page: int | None = None

    COLUMNS = ("section_id", "text", "date", "date_end", "start", "end", "flag")


@dataclass(slots=True)
class Statistic:
    text: str
    value: Any  # float/int, or "59/63" for a ratio
    unit: str | None
    subject: str | None
    start: int
    end: int
    numerator: float | None = None
    denominator: float | None = None
    value_base: float | None = None  # value in unit_base (4,5 tỷ đồng -> 4500000000)
    unit_base: str | None = None
    section_id: str | None = None
    page: int | None = None

    COLUMNS = ("section_id", "text", "value", "unit", "subject", "numerator", "denominator",
               "value_base", "unit_base", "start", "end")


@dataclass(slots=True)
class ModelRecord:
    """A named model, movement, campaign or slogan (mô hình “Dân vận khéo”)."""

    name: str
    kind: str  # "mô hình", "phong trào", "cuộc vận động", "khẩu hiệu", "phương châm"
    owner: str | None
    field: str | None  # kinh tế, văn hóa - xã hội, quốc phòng - an ninh, ...
    mentions: int
    start: int  # first mention
    end: int
    section_id: str | None = None
    page: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # every mention

    COLUMNS = ("section_id", "name", "kind", "owner", "field", "mentions", "start", "end")


@dataclass(slots=True)
class Mention:
    """A document referred to without a full number (short form or law by name)."""

    text: str
    type: str | None
    number: str | None
    resolved_canonical: str | None
    start: int
    end: int
    status: str = "resolved"  # "resolved" | "ambiguous" | "unresolved" | "named"
    candidates: list[str] = field(default_factory=list)
    section_id: str | None = None
    page: int | None = None
    relation: str | None = None  # as for citations (extract.relations)
    cue_start: int | None = None
    cue_end: int | None = None
    part: str | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None

    COLUMNS = ("section_id", "text", "type", "number", "resolved_canonical", "start", "end")
    GRAPH_COLUMNS = ("relation", "cue_start", "cue_end", "part", "article", "clause", "point")


@dataclass(slots=True)
class Finding:
    kind: str  # date_conflict, number_conflict, issuer_code_conflict, malformed_symbol, ...
    severity: str  # "error" | "warning" | "info"
    canonical: str | None
    message: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    suggestion: str | None = None
    doc_id: str | None = None  # None for archive-level findings
    finding_id: str | None = None

    COLUMNS = ("finding_id", "doc_id", "kind", "severity", "canonical", "message", "evidence",
               "suggestion")


@dataclass(slots=True)
class CitedDocument:
    """One row of ``cited_documents``: a distinct cited document (archive.links)."""

    cited_id: str
    canonical: str
    type: str | None
    issuer: str | None
    year: int | None
    best_date: str | None
    date_source: str | None  # archive | catalog | citations | citations (tie)
    n_citations: int
    n_citing_documents: int
    target_doc_id: str | None
    in_catalog: bool
    first_citing_date: str | None
    last_citing_date: str | None
    relations: dict[str, int] = field(default_factory=dict)

    COLUMNS = ("cited_id", "canonical", "type", "issuer", "year", "best_date", "date_source", "n_citations",
               "n_citing_documents", "target_doc_id", "in_catalog", "first_citing_date", "last_citing_date",
               "relations")


@dataclass(slots=True)
class DocumentInfo:
    """One row of the ``documents`` table."""

    doc_id: str
    path: str | None = None
    format: str | None = None
    status: str = "ok"  # ok | empty | error | needs_ocr | timeout
    error: str | None = None
    sha256: str | None = None
    n_chars: int = 0
    encoding: str | None = None
    n_pages: int | None = None

    COLUMNS = ("doc_id", "path", "format", "status", "error", "sha256", "n_chars", "issuer",
               "issuer_parent", "issuer_body", "issuer_level", "province", "province_2025", "header_source",
               "doc_number", "place", "date", "doc_type", "title", "signer", "signer_title",
               "authority", "recipients", "n_sections", "n_citations", "encoding", "n_pages",
               "canonical")


@dataclass(slots=True)
class DocumentResult:
    """Everything extracted from one document."""

    info: DocumentInfo
    text: str = ""
    header: Header = field(default_factory=Header)
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    models: list[ModelRecord] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)  # offset where each page begins
    extra: dict[str, Any] = field(default_factory=dict)  # records of kinds registered later

    @property
    def doc_id(self) -> str:
        return self.info.doc_id

    def records(self, name: str) -> Any:
        """What a stage provided under ``name``: an attribute above, or ``extra[name]``."""
        if name in _FIELDS:
            return getattr(self, name)
        return self.extra.get(name, [])

    def put(self, name: str, value: Any) -> None:
        if name in _FIELDS:
            setattr(self, name, value)
        else:
            self.extra[name] = value


_FIELDS = frozenset(DocumentResult.__dataclass_fields__) - {"extra"}


def record_to_dict(obj: Any) -> dict[str, Any]:
    """All fields of a record (for the API and tests), not only its columns."""
    return asdict(obj)
