import json
from pathlib import Path

from analysis import provenance
from tests.report_helpers import FIXTURE_CORPUS, ROOT


def test_relative_paths_never_absolute(tmp_path: Path) -> None:
    assert provenance.relative(ROOT / "seeds" / "a.txt") == "seeds/a.txt"
    assert provenance.relative(tmp_path / "x" / "y.txt") == "y.txt"


def test_tree_hashes_are_relative_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    hashes = provenance.tree_hashes(tmp_path)
    name = tmp_path.name
    assert list(hashes) == [f"{name}/a.txt", f"{name}/sub/b.txt"]
    assert hashes[f"{name}/a.txt"] == provenance.sha256_file(tmp_path / "a.txt")


def test_collect_names_no_absolute_path_user_or_home() -> None:
    prov = provenance.collect(FIXTURE_CORPUS)
    text = json.dumps(prov, ensure_ascii=False)
    assert str(ROOT) not in text and str(Path.home()) not in text
    assert prov["corpus"] == "tests/fixtures/report_corpus"
    assert "tests/fixtures/report_corpus/a.txt" in prov["inputs"]
    assert set(prov["versions"]) >= {"python", "pandas", "papermill", "jieba"}
    assert set(prov["git"]) == {"commit", "dirty"}
    assert all(len(h) == 64 for h in prov["font"].values())


def test_digest_ignores_key_order() -> None:
    assert provenance.digest({"a": 1, "b": [1, "甲"]}) == provenance.digest(
        {"b": [1, "甲"], "a": 1}
    )
    assert provenance.digest({"a": 1}) != provenance.digest({"a": 2})
