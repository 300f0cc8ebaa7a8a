"""Tables survive ``pipeline.write`` then ``pipeline.read`` unchanged, odd values included."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import pipeline
from tests import hardening

ODD = [
    "001",
    "+86",
    "1e3",
    "NA",
    "null",
    "",
    " lead",
    "a\r\nb",
    "c\rd",
    'q"uote',
    "x,y",
    "=1+1",
    "𠀀㐀",
]


def test_odd_strings_and_numbers_roundtrip(tmp_path: Path) -> None:
    tables = {
        "odd": pd.DataFrame({"value": ODD, "n": range(len(ODD))}),
        "ids": pd.DataFrame({"doc_id": ["001", "002"], "page": ["01", "10"], "n": [1, 2]}),
        "nums": pd.DataFrame({"i": [-1, 5], "f": [1.5, 0.1 + 0.2], "b": [True, False]}),
    }
    pipeline.write(tables, tmp_path)
    back = pipeline.read(tmp_path)
    assert back["odd"]["value"].tolist() == ODD
    assert back["ids"]["doc_id"].tolist() == ["001", "002"]  # ids with leading zeros stay strings
    assert back["ids"]["page"].tolist() == ["01", "10"]
    assert back["ids"]["n"].tolist() == [1, 2]
    assert back["nums"].to_dict("list") == tables["nums"].to_dict("list")
    hardening.record("table round trip", "odd strings, leading zeros", "read back unchanged")
