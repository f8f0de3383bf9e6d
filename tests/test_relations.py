"""Relations and pinpoints of citations (extract/relations.py, rules/relations.yaml)."""

from extractor.pipeline import extract_text


def _cits(text):
    return sorted(extract_text(text).citations, key=lambda c: c.start)


def test_every_item_of_a_can_cu_list_is_basis_and_a_number_in_a_title_is_mention():
    cits = _cits("Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ; Nghị định số 38/2023/NĐ-CP "
                 "ngày 24/6/2023 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 27/2022/NĐ-CP; "
                 "Thông tư số 02/2022/TT-UBDT ngày 30/6/2022 của Ủy ban Dân tộc;\n")
    assert [c.relation for c in cits] == ["basis", "basis", "mention", "basis"]
    assert cits[0].cue_start == 0 and cits[0].cue_end == len("Căn cứ")


def test_pinpoints_before_a_citation():
    cits = _cits("Thực hiện theo quy định tại điểm a khoản 1 Điều 3 Quyết định số 12/QĐ-UBND ngày 02/01/2021; "
                 "khoản 3, Điều 12 của Nghị định số 30/2020/NĐ-CP; Mục II Kế hoạch số 35/KH-UBND ngày 03/3/2023.")
    assert [(c.point, c.clause, c.article, c.part) for c in cits] == [
        ("a", "1", "3", None), (None, "3", "12", None), (None, None, None, "II")]


def test_no_pinpoint_from_words_that_only_look_like_one():
    cits = _cits("Mục tiêu của Kế hoạch số 35/KH-UBND ngày 03/3/2023 là nâng cao chất lượng.")
    assert (cits[0].part, cits[0].article) == (None, None)


def test_a_report_asking_for_an_amendment_does_not_amend():
    text = ("BÁO CÁO\nKết quả công tác năm 2023\n\nIII. KIẾN NGHỊ\n\nĐề nghị UBND tỉnh sửa đổi, bổ sung "
            "Quyết định số 27/2016/QĐ-UBND ngày 19/8/2016 của UBND tỉnh.\n")
    assert _cits(text)[-1].relation == "mention"


def test_the_citing_body_issuing_a_plan_only_mentions_it():
    cits = _cits("Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh, UBND xã đã ban hành Kế hoạch số "
                 "26/KH-UBND ngày 06/4/2023 về công tác dân vận.")
    assert [c.relation for c in cits] == ["implements", "mention"]


def test_short_references_get_pinpoints():
    r = extract_text("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.\n\n"
                     "Theo khoản 2 Điều 5 Nghị định 30, văn bản phải đúng thể thức.")
    m = [m for m in r.mentions if m.number == "30"][0]
    assert (m.clause, m.article, m.relation) == ("2", "5", "reference")


def test_spacy_spans_and_show_display_relation_and_pinpoint():
    import extractor
    from extractor.kinds import KINDS

    nlp = extractor.load()
    doc = nlp("Thực hiện đúng quy định tại khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.")
    span = doc.spans["citations"][0]
    assert (span._.relation, span._.pinpoint) == ("reference", "khoản 2 Điều 5")
    describe = KINDS["citations"].display.describe(span._.record)
    assert "reference" in describe and "khoản 2 Điều 5" in describe
