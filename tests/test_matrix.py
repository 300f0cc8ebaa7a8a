import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import matrix
from analysis.errors import ReportError

ARTICLES = pd.DataFrame(
    {
        "date": ["2023-07-25", "2023-08-01", "2025-03-13", "", "不详"],
        "subject": ["竹溪县", "竹溪县", "竹山县", "", "竹溪县"],
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("corpus_overview", "corpus_overview"),
        ("corpus_overview-竹溪县", "corpus_overview-竹溪县"),
        ("../../etc/passwd", "etc-passwd"),
        ("/abs/path", "abs-path"),
        ("a\\b", "a-b"),
        ("..", "report"),
        ("", "report"),
        ("index", "index-report"),
        ("Tables", "Tables-report"),
        ("ｆｕｌｌ２０２３", "full2023"),
        ("a\u202eb\u200bc", "a-b-c"),
        ("市应急管理局 (2023)", "市应急管理局-2023"),
        ("x" * 200, "x" * 80),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert matrix.slug(text) == expected


@given(st.text())
def test_slug_never_leaves_the_folder(text: str) -> None:
    s = matrix.slug(text)
    assert s and "/" not in s and "\\" not in s and "." not in s
    assert not s.startswith("-") and len(s) <= matrix.MAX_NAME + len("-report")


def test_values_year_and_subject() -> None:
    assert matrix.values(ARTICLES, "year") == [2023, 2025]
    assert matrix.values(ARTICLES, "subject", min_articles=2) == ["竹溪县"]
    assert matrix.values(ARTICLES, "subject", min_articles=1) == ["竹山县", "竹溪县"]
    assert matrix.values(ARTICLES, "") == [None]


def test_expand_templates_and_typed_placeholders() -> None:
    spec = matrix.parse(
        """
reports:
  - notebook: corpus_overview
    name: "{notebook}"
  - notebook: corpus_overview
    each: year
    name: "{notebook}-{year}"
    params: {year: "{year}", label: "年份 {year}"}
  - notebook: corpus_overview
    each: subject
    min_articles: 2
    name: "{notebook}-{corpus}-{subject}"
    params: {subject: "{subject}"}
"""
    )
    jobs = [
        j
        for e in spec.entries
        for j in matrix.expand(e, articles=ARTICLES, notebook="corpus_overview", corpus="seeds")
    ]
    assert [j.name for j in jobs] == [
        "corpus_overview",
        "corpus_overview-2023",
        "corpus_overview-2025",
        "corpus_overview-seeds-竹溪县",
    ]
    assert jobs[1].params == {"year": 2023, "label": "年份 2023"}
    assert jobs[3].params == {"subject": "竹溪县"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reports: 1", r"expected a mapping with a `reports:` list"),
        ("reports: [{notebook: a}]", r"entry 1: `notebook` and `name` are required"),
        ("reports: [{notebook: a, name: b, each: month}]", r"entry 1: `each` value = 'month'"),
        ("reports: [{notebook: a, name: '{year}'}]", r"entry 1: name template '\{year\}' uses"),
        (
            "reports: [{notebook: a, name: b, colour: red}]",
            r"entry 1: unknown key\(s\) \['colour'\]",
        ),
        ("settings: {jobs: 2}\nreports: []", r"settings: unknown key\(s\) \['jobs'\]"),
        ("reports: [", r"reports.yaml: not valid YAML"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        matrix.parse(text)


def test_duplicate_names_are_refused() -> None:
    jobs = [matrix.Job("a", "x", {}), matrix.Job("a", "y", {})]
    with pytest.raises(ReportError, match=r"two reports are named 'a' \(x and y\)"):
        matrix.check_unique(jobs)


def test_project_matrix_parses() -> None:
    from tests.report_helpers import ROOT

    spec = matrix.parse((ROOT / "reports.yaml").read_text(encoding="utf-8"))
    assert spec.entries and all(e.notebook for e in spec.entries)
