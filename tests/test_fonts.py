from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib.ft2font import FT2Font

from analysis import fonts
from analysis.errors import ReportError

CAMPAIGN = "能力作风建设创一流争第一干唯一三抓三提五亮五共郧阳区郧西县行政审批局营商环境"


def glyph_bitmap(font: FT2Font, char: str) -> np.ndarray:
    font.set_size(48, 72)
    font.set_text(char)
    font.draw_glyphs_to_bitmap()
    return np.asarray(font.get_image()).copy()


def test_font_is_zhplot_noto_sans_sc_without_importing_zhplot() -> None:
    import sys

    path = fonts.cjk_font_path()
    assert path.name == "NotoSansSC-Regular.ttf" and path.is_file()
    assert (path.parent / "OFL.txt").is_file()
    assert "zhplot" not in sys.modules


def test_font_has_every_campaign_glyph() -> None:
    assert fonts.missing_glyphs(CAMPAIGN + "，。、“”％") == []
    assert fonts.missing_glyphs("\U000f0000") == ["\U000f0000"]


def test_rendered_glyphs_are_not_tofu() -> None:
    font = FT2Font(str(fonts.cjk_font_path()))
    with pytest.warns(UserWarning, match="missing from font"):
        tofu = glyph_bitmap(font, "\U000f0000")  # no glyph: the .notdef box
    for char in "创一流争第干唯":
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            bitmap = glyph_bitmap(font, char)
        assert bitmap.any()
        assert bitmap.shape != tofu.shape or not np.array_equal(bitmap, tofu)


def test_register_returns_the_family_name() -> None:
    assert fonts.register() == "Noto Sans SC"


def test_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(fonts.ENV_VAR, str(fonts.cjk_font_path()))
    assert fonts.cjk_font_path() == fonts.cjk_font_path()
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "none.ttf"))
    with pytest.raises(ReportError, match=r"ANALYSIS_CJK_FONT = .*none\.ttf' is not a file"):
        fonts.cjk_font_path()


def test_missing_zhplot_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(fonts.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ReportError, match=r"`zhplot`.*is not installed"):
        fonts.cjk_font_path()
