"""spaCy path (extractor.load) == batch path (extract_text)."""

import pytest
import spacy

import extractor
from extractor.models import record_to_dict
from extractor.present.spacy_components import SPAN_GROUPS, load
from extractor.stages import STAGES
from extractor.text.normalize import normalize

from .conftest import SEEDS

KINDS = ("sections", "citations", "dates", "statistics", "models", "mentions", "findings")

PAGED = ("ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\n\nBÁO CÁO\n\n**I. KẾT QUẢ**\n\n"
         "Thực hiện Chỉ thị số 33/CT-TTg ngày 21/11/2021 của Thủ tướng Chính phủ, phong trào thi đua "
         "“Dân vận khéo” được\n\n\f2\n\ntriển khai tại 12 thôn; quán triệt Chỉ thị 33 và Luật Tố cáo năm 2018.\n")


@pytest.fixture(scope="module")
def nlp():
    return extractor.load()


def test_load_gives_blank_vietnamese_with_the_component(nlp):
    assert isinstance(nlp, spacy.language.Language)
    assert nlp.lang == "vi"
    assert nlp.pipe_names == [f"extractor_{name}" for name in STAGES]


def _texts(seed_texts):
    return [*seed_texts.values(), PAGED]


def test_doc_text_is_the_normalised_text(nlp, rules, seed_texts):
    for raw in _texts(seed_texts):
        assert nlp(raw).text == normalize(raw, rules).text


def test_spacy_path_gives_the_same_records_as_extract_text(nlp, seed_texts):
    assert len(seed_texts) == len(list(SEEDS.iterdir()))
    for raw in _texts(seed_texts):
        doc = nlp(raw)
        batch = extractor.extract_text(raw)
        for kind in KINDS:
            assert [record_to_dict(r) for r in getattr(doc._.extractor, kind)] == \
                   [record_to_dict(r) for r in getattr(batch, kind)], kind
        assert doc._.extractor.header == batch.header
        assert doc._.extractor.page_starts == batch.page_starts


def test_span_groups_hold_every_record_with_exact_boundaries(nlp, seed_texts):
    for raw in _texts(seed_texts):
        doc = nlp(raw)
        result = doc._.extractor
        assert set(SPAN_GROUPS) <= set(doc.spans)
        for group in ("citations", "dates", "statistics", "mentions"):
            records = getattr(result, group)
            assert [sp._.record for sp in doc.spans[group]] == records, group
            for sp in doc.spans[group]:
                rec = sp._.record
                assert (sp.start_char, sp.end_char) == (rec.start, rec.end), (group, sp.text)
        model_spans = [(sp.start_char, sp.end_char) for sp in doc.spans["models"]]
        assert model_spans == [s for m in result.models for s in m.spans]
        for sp in doc.spans["models"]:
            assert sp.label_ == sp._.record.kind
        assert [sp._.record for sp in doc.spans["sections"]] == result.sections


def test_paged_text_gets_pages_and_known_records(nlp):
    doc = nlp(PAGED)
    assert [sp.text for sp in doc.spans["models"]] == ["Dân vận khéo"]
    mentions = {sp.text: sp._.record for sp in doc.spans["mentions"]}
    assert mentions["Luật Tố cáo năm 2018"].status == "named"
    assert mentions["Luật Tố cáo năm 2018"].page == 2
    assert doc.spans["models"][0]._.record.page == 1


def test_stages_config_limits_the_records(seed_texts):
    nlp = load(stages=["models"])
    doc = nlp(seed_texts["son-long-2024"])
    assert len(doc.spans["models"]) > 0
    assert len(doc.spans["citations"]) == 0 and len(doc.spans["statistics"]) == 0
    with pytest.raises(ValueError):
        load(stages=["nonsense"])


def test_component_in_another_pipeline_needs_normalised_text(rules):
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("extractor")
    raw = "**phong trào thi đua “Dân vận khéo”**\n\ntại xã"
    with pytest.raises(ValueError, match="normalised"):
        nlp(raw)
    doc = nlp(normalize(raw, rules).text)
    assert [sp._.record.name for sp in doc.spans["models"]] == ["Dân vận khéo"]


def test_pipeline_saves_and_loads(tmp_path, seed_texts):
    nlp = load()
    nlp.to_disk(tmp_path / "nlp")
    again = spacy.load(tmp_path / "nlp")  # factories are registered by importing extractor
    raw = seed_texts["quang-trung-2023"]
    doc_a, doc_b = again(raw), nlp(raw)
    assert len(doc_b.spans["citations"]) > 0
    assert [sp.text for sp in doc_a.spans["citations"]] == [sp.text for sp in doc_b.spans["citations"]]
