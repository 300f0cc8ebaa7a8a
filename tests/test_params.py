from pathlib import Path

import pytest

from analysis import params
from analysis.errors import ParameterError

SOURCE = """corpus: str = "../seeds"  # folder of .txt files
year: int = 0  # 0 = every year
share: float = 0.5  # a share
strict: bool = False  # stop early
subjects: list[str] = ["竹溪县"]  # units
terms: list = ["能力作风建设", 3]  # terms
"""


def test_parse_reads_type_default_and_help() -> None:
    spec = params.parse(SOURCE, notebook="nb")
    assert list(spec) == ["corpus", "year", "share", "strict", "subjects", "terms"]
    assert spec["year"] == params.Parameter("year", "int", 0, "0 = every year")
    assert spec["subjects"].default == ["竹溪县"]
    assert spec["corpus"].help == "folder of .txt files"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("x = 1", r"nb: parameters cell, line 1: expected `name: type = default  # help`"),
        ("x: dict = {}", r"nb: parameters cell, line 1: parameter 'x' has type 'dict'; use one of"),
        ("x: int = 'a'", r"nb: parameters cell, line 1: default of 'x' must be int, got str 'a'"),
        ("x: int = 1\nx: int = 2", r"line 2: parameter 'x' is declared twice"),
        ("x: str = y", r"line 1: default of 'x' must be a literal, not 'y'"),
        ("x: int = (", r"nb: parameters cell is not valid Python"),
        ("x: bool = 1", r"default of 'x' must be bool, got int 1"),
    ],
)
def test_parse_errors_name_notebook_and_line(source: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        params.parse(source, notebook="nb")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"bogus": 1}, r"nb: unknown parameter 'bogus'; the notebook declares \['corpus',"),
        ({"year": "2023"}, r"nb: parameter 'year' must be int, got str '2023'"),
        ({"year": True}, r"nb: parameter 'year' must be int, got bool True"),
        ({"share": float("nan")}, r"nb: parameter 'share' must be a finite number"),
        ({"strict": "yes"}, r"nb: parameter 'strict' must be bool, got str 'yes'"),
        ({"subjects": "竹溪县"}, r"nb: parameter 'subjects' must be a list, got str"),
        ({"subjects": ["a", 1]}, r"nb: parameter 'subjects' must hold only str values, got 1"),
        (
            {"terms": ["a", None]},
            r"'terms' must hold only str, int, float or bool values, got None",
        ),
        (
            {"corpus": "no/such/folder"},
            r"nb: parameter 'corpus': folder 'no/such/folder' does not exist",
        ),
    ],
)
def test_validate_errors_name_notebook_and_parameter(values: dict, message: str) -> None:
    spec = params.parse(SOURCE, notebook="nb")
    with pytest.raises(ParameterError, match=message):
        params.validate(values, spec, notebook="nb")


def test_validate_paths_relative_to_base_and_files(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    spec = params.parse(
        'corpus: str = ""  # c\nstop_file: str = ""  # f\nout_dir: str = ""  # o', notebook="nb"
    )
    ok = params.validate(
        {"corpus": "c", "stop_file": "f.txt", "out_dir": "new"}, spec, notebook="nb", base=tmp_path
    )
    assert ok == {"corpus": "c", "stop_file": "f.txt", "out_dir": "new"}
    with pytest.raises(ParameterError, match=r"parameter 'stop_file': file 'g.txt' does not exist"):
        params.validate({"stop_file": "g.txt"}, spec, notebook="nb", base=tmp_path)


def test_validate_converts_int_to_float() -> None:
    spec = params.parse(SOURCE, notebook="nb")
    assert params.validate({"share": 1}, spec, notebook="nb") == {"share": 1.0}


@pytest.mark.parametrize(
    "value",
    ['竹溪县"\nimport os; os.system("x")  #', "'''", "\\u5149", 'a"""b', "\r\n\x00", ["a'", '"b']],
)
def test_injected_values_are_literals_only(value: object) -> None:
    source = params.injected_source({"x": value})
    namespace: dict[str, object] = {}
    exec(compile(source, "<injected>", "exec"), {}, namespace)
    assert namespace == {"x": value}
    assert source.count("\n") == 1  # a header comment and one assignment line


def test_injected_source_keeps_chinese_readable() -> None:
    assert "subject = '竹溪县'" in params.injected_source({"subject": "竹溪县"})


def test_parameters_cell_must_be_unique() -> None:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ParameterError, match=r"nb: found 0 code cells tagged 'parameters'"):
        params.parameters_cell(nb, notebook="nb")
