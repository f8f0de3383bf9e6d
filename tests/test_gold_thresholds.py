"""End to end: `extractor run` then `extractor eval`, on the real seeds and on the held-out
synthetic set, against the acceptance thresholds."""

import pytest

from extractor.archive.batch import run
from extractor.evaluate import evaluate_dirs

from .conftest import ROOT

# kind -> minimum F1 (header: field accuracy)
SEED_THRESHOLDS = {"citations": 0.97, "citations_with_date": 0.95, "sections_top": 0.95,
                   "statistics": 0.92, "models": 0.92, "header": 0.90}
# written by someone who never saw the rules: looser, it guards against regressions.
# Its công văn numbers arabic headings level 2 with no Roman above them (the extractor
# counts depth, as the real seeds' gold does), hence the lower top-level figure.
HELDOUT_THRESHOLDS = {"citations": 0.97, "citations_with_date": 0.95, "sections_top": 0.90,
                      "statistics": 0.90, "models": 0.90, "header": 0.90}


@pytest.mark.parametrize("corpus, thresholds", [
    (ROOT / "corpora", SEED_THRESHOLDS),
    (ROOT / "corpora" / "heldout", HELDOUT_THRESHOLDS),
], ids=["seeds", "heldout"])
def test_run_then_eval_meets_thresholds(tmp_path, corpus, thresholds):
    run([corpus / "seeds"], tmp_path, workers=1, progress=False)
    scores = evaluate_dirs(corpus / "gold", tmp_path)
    assert scores["missing_documents"] == []
    got = {k: scores[k]["accuracy"] if k == "header" else scores[k]["f1"] for k in thresholds}
    below = {k: v for k, v in got.items() if v < thresholds[k]}
    assert below == {}, got


@pytest.mark.parametrize("corpus", [ROOT / "corpora", ROOT / "corpora" / "heldout",
                                    ROOT / "corpora" / "heldout" / "layouts"],
                         ids=["seeds", "heldout", "layouts"])
def test_citation_relations_and_pinpoints_meet_issue_12(tmp_path, corpus):
    run([corpus / "seeds"], tmp_path, workers=1, progress=False)
    scores = evaluate_dirs(corpus / "gold", tmp_path)
    assert scores["relation"]["matched"] > 100 and scores["relation"]["accuracy"] >= 0.90, scores["relation"]
    assert scores["pinpoints"]["f1"] >= 0.90, scores["pinpoints"]
