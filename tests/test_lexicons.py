from pathlib import Path

import pytest

from analysis import lexicons
from analysis.errors import LexiconError


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_table_skips_comments_and_records_lines(tmp_path: Path) -> None:
    p = write(tmp_path, "# source: hand-made\nname,level\n竹溪县,county\n\n茅箭区,district\n")
    df = lexicons.read_table(p, required=["name", "level"])
    assert df["name"].tolist() == ["竹溪县", "茅箭区"]
    assert df["line"].tolist() == [3, 5]


@pytest.mark.parametrize(
    "text, kwargs, message",
    [
        (
            "name\n竹溪县\n",
            {"required": ["name", "level"]},
            r"t.csv, line 1: missing column\(s\) \['level'\]",
        ),
        (
            "name,level\n竹溪县\n",
            {"required": ["name"]},
            r"t.csv, line 2: 1 fields where the header has 2",
        ),
        (
            "name,level\n竹溪县,\n",
            {"required": ["name"], "non_empty": ["level"]},
            r"line 2, field 'level': empty value",
        ),
        (
            "name\n甲\n乙\n甲\n",
            {"required": ["name"], "unique": ["name"]},
            r"line 4, field 'name': duplicate value '甲' \(first on line 2\)",
        ),
        ("", {"required": ["name"]}, r"no header line"),
    ],
)
def test_read_table_errors_name_file_line_field(
    tmp_path: Path, text: str, kwargs: dict, message: str
) -> None:
    p = write(tmp_path, text)
    with pytest.raises(LexiconError, match=message):
        lexicons.read_table(p, **kwargs)


def test_read_table_bad_encoding_names_byte_offset(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes("name\n竹溪县\n".encode("gbk"))
    with pytest.raises(LexiconError, match=r"t.csv: not valid UTF-8 at byte offset 5"):
        lexicons.read_table(p, required=["name"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"nope.csv: file not found"):
        lexicons.read_table(tmp_path / "nope.csv", required=["name"])
