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


def test_load_gazetteer_ships_the_shiyan_units() -> None:
    g = lexicons.load_gazetteer()
    by_name = g.set_index("name")
    assert by_name.loc["十堰经济技术开发区", "level"] == "county"
    assert "经开区" in by_name.loc["十堰经济技术开发区", "aliases"].split("|")
    assert by_name.loc["张湾区汉江路街道", "parent"] == "张湾区"
    assert set(g["level"]) <= set(lexicons.GAZETTEER_LEVELS)


def test_load_places_ships_hubei_units_apart_from_the_gazetteer() -> None:
    p = lexicons.load_places()
    by_name = p.set_index("name")
    assert by_name.loc["猇亭区", "parent"] == "宜昌市"
    assert by_name.loc["恩施州", "level"] == "city"
    assert set(p["level"]) == {"city", "county"}

    # No name or alias of the gazetteer: its units keep their own rows.
    def forms(df):
        return set(df["name"]) | {a for s in df["aliases"] for a in s.split("|") if a}

    assert not forms(p) & forms(lexicons.load_gazetteer())


GAZ_HEADER = "name,aliases,level,parent,source\n十堰市,十堰,city,,admin\n"


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            "竹溪县,竹溪,county,十堰市,x\n竹山县,竹溪,county,十堰市,x\n",
            r"line 4, field 'aliases': name or alias '竹溪' is already used on line 3",
        ),
        (
            "竹溪县,,county,十堰市,x\n竹溪县,,county,十堰市,x\n",
            r"line 4, field 'name': duplicate value '竹溪县'",
        ),
        ("竹溪县,,province,十堰市,x\n", r"line 3, field 'level': level 'province' is not one of"),
        ("竹溪县,,county,湖北省,x\n", r"line 3, field 'parent': parent '湖北省' is not a name"),
        (
            "十堰,,county,十堰市,x\n",
            r"line 3, field 'aliases': name or alias '十堰' is already used on line 2",
        ),
    ],
)
def test_load_gazetteer_rejects_ambiguous_or_broken_rows(
    tmp_path: Path, rows: str, message: str
) -> None:
    p = write(tmp_path, GAZ_HEADER + rows, name="g.csv")
    with pytest.raises(LexiconError, match=message):
        lexicons.load_gazetteer(p)
