import numpy as np
import pandas as pd

from analysis import schema
from tests.helpers import make_articles


def test_make_articles_builds_schema_and_maps() -> None:
    arts = make_articles(
        [{"raw": "创一流、争第一，签约项目５１个", "subject": "经开区", "date": "2023-07-26"}]
    )
    schema.require_columns(arts, schema.ARTICLES, func="test")
    row = arts.iloc[0]
    assert row["text"] == "创一流、争第一,签约项目51个"
    s, e = row[schema.OFFSET_MAP].span(12, 15)
    assert row["raw"][s:e] == "５１个"


def test_text_column_is_a_str_column_of_the_values_or_their_picks() -> None:
    picked = schema.text_column(["创一流", "", "x"], np.array([2, 0, 1, 0], dtype=np.int8))
    assert list(picked) == ["x", "创一流", "", "创一流"]
    assert picked.dtype == pd.Series(np.array(["a"], dtype=object)).dtype  # pandas' ``str``
    assert list(schema.text_column(["争第一", "。"])) == ["争第一", "。"]
