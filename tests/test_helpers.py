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
