"""Shared-HTML safety: output names cannot leave the output folder or collide, parameters
reach notebooks as literals only, and shared outputs carry no absolute path, user or environment.

Escaping of corpus text in every notebook's HTML is checked in ``tests/test_notebooks.py``
(payload corpus) and in a real browser in ``tests/test_browser.py``; the index and error pages in
``tests/test_report.py``; the faults batch runs a parameter holding code (``tests/test_faults.py``).
"""

from __future__ import annotations

import ast
import getpass
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import matrix, params, render
from analysis.errors import ReportError
from tests import hardening
from tests.report_helpers import PAYLOADS, ROOT


def _jobs(*subjects: str) -> list[matrix.Job]:
    spec = matrix.parse(
        "reports: [{notebook: n, each: subject, min_articles: 1, name: '{notebook}-{subject}',"
        " params: {subject: '{subject}'}}]"
    )
    articles = pd.DataFrame({"subject": list(subjects), "date": ["2023-01-01"] * len(subjects)})
    return matrix.expand(spec.entries[0], articles=articles, notebook="n", corpus="c")


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("../../etc/passwd", "n-etc-passwd"),
        ("/root/.ssh/id_rsa", "n-root-ssh-id_rsa"),
        ("C:\\Windows\\system32", "n-C-Windows-system32"),
        ("竹溪县\u200f\u202e", "n-竹溪县"),  # RTL mark, right-to-left override
        ("a\x00b\nc\td", "n-a-b-c-d"),
        ("<script>alert(1)</script>", "n-script-alert-1-script"),
        ('"><svg onload=alert(1)>', "n-svg-onload-alert-1"),
        ("ｔｉｎｙ１", "n-tiny1"),  # full-width: NFKC
        ("." * 5, "n"),
        ("区" * 300, "n-" + "区" * 78),
    ],
)
def test_names_from_subjects_stay_in_the_folder(tmp_path: Path, subject: str, name: str) -> None:
    (job,) = _jobs(subject)
    assert job.name == name and job.params["subject"] == subject  # the value itself is kept
    for suffix in (".html", ".ipynb", ".json"):
        target = (tmp_path / f"{job.name}{suffix}").resolve()
        assert target.parent == tmp_path.resolve()
    shown = job.name if len(job.name) <= 30 else f"{job.name[:12]}… ({len(job.name)} characters)"
    hardening.record("html safety", f"output name from subject {subject[:24]!r}", shown)


@pytest.mark.parametrize(
    ("subjects", "message"),
    [
        (("Foo", "foo"), r"named 'n-Foo' and 'n-foo', one file where case is ignored"),
        (("ｔｉｎｙ", "tiny"), r"two reports are named 'n-tiny'"),  # NFKC forms
        (("a/b", "a:b"), r"two reports are named 'n-a-b'"),
        (("甲" * 100 + "1", "甲" * 100 + "2"), r"two reports are named 'n-甲+'"),  # cut at 80
    ],
)
def test_colliding_names_are_refused(subjects: tuple[str, str], message: str) -> None:
    with pytest.raises(ReportError, match=message):
        matrix.check_unique(_jobs(*subjects))
    hardening.record("html safety", f"names colliding: {subjects[0][:12]!r}", "refused")


NASTY = [
    "'; import os; os.system('touch pwned') #",
    '"""\nraise SystemExit\n"""',
    "\\'\nx = 1",
    "\u2028\u2029\x00\r\n",
    "{__import__('os').getcwd()}",
    *PAYLOADS,
]


@pytest.mark.parametrize("value", NASTY)
def test_parameters_are_literals_only(value: str) -> None:
    source = params.injected_source({"subject": value, "year": 2023, "words": [value, "能力"]})
    tree = ast.parse(source)
    for node in tree.body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1
        assert all(isinstance(n, ast.Constant | ast.List | ast.Load) for n in ast.walk(node.value))
    namespace: dict[str, object] = {}
    exec(compile(tree, "<injected>", "exec"), {"__builtins__": {}}, namespace)
    assert namespace == {"subject": value, "year": 2023, "words": [value, "能力"]}
    hardening.record("html safety", f"string parameter {value[:20]!r}", "one literal assignment")


def _private_strings() -> list[str]:
    """Absolute paths, the user name and environment values that must not reach shared files."""
    found = {
        str(Path.home()) + "/",
        str(ROOT) + "/",
        os.path.realpath(ROOT) + "/",
        sys.prefix + "/",
        os.path.realpath(sys.prefix) + "/",
        os.path.realpath(ROOT / ".venv") + "/",
        "/work/",
        "/root/",
    }
    user = getpass.getuser()
    found |= {f"/{user}/", f"\\{user}\\"}
    for key in ("VIRTUAL_ENV", "PYTHONPATH", "HOSTNAME"):
        value = os.environ.get(key, "")
        if len(value) > 3:
            found.add(value)
    return sorted(found)


def _shared_files(out: Path) -> list[Path]:
    return sorted(
        p
        for p in out.rglob("*")
        if p.is_file() and p.suffix in {".html", ".ipynb", ".json"} and ".work" not in p.parts
    )


@pytest.mark.slow
@pytest.mark.parametrize("batch", ["report_batch", "notebooks_batch"])
def test_shared_outputs_carry_no_private_paths(batch: str, request: pytest.FixtureRequest) -> None:
    out, _ = request.getfixturevalue(batch)
    files = _shared_files(out)
    assert len(files) >= 10
    private = _private_strings()
    for path in files:
        text = path.read_text(encoding="utf-8")
        leaks = [s for s in private if s in text]
        assert leaks == [], (path.name, leaks)
    hardening.record(
        "html safety",
        f"home, project, venv paths, user, environment in {batch}",
        f"none in {len(files)} files",
    )


def test_parameter_and_provenance_tables_escape_values() -> None:
    declared = {"subject": params.Parameter("subject", "str", "", "<b>help</b>")}
    page = render.parameters_html({"subject": PAYLOADS[0]}, declared)
    assert PAYLOADS[0] not in page and "<b>help" not in page and "&lt;script&gt;" in page
    prov = {"corpus": PAYLOADS[1], "versions": {PAYLOADS[2]: "1"}, "inputs": {PAYLOADS[0]: "0"}}
    page = render.provenance_html(prov, {"subject": PAYLOADS[0]})
    assert all(p not in page for p in PAYLOADS)
