"""The CJK font used by every plot and word cloud: Noto Sans SC (SIL Open Font Licence 1.1).

The font file ships inside the ``zhplot`` package, a declared dependency. We only locate the file:
importing ``zhplot`` would change matplotlib's global settings and ``FONT_PATH``. Set the
environment variable ``ANALYSIS_CJK_FONT`` to use another single-face font file (e.g. a
WenQuanYi Micro Hei ``.ttc``, face 0). Nothing here runs at import time.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from matplotlib import font_manager, rc_context
from matplotlib.ft2font import FT2Font

from analysis.errors import ReportError

#: Environment variable that overrides the font file.
ENV_VAR = "ANALYSIS_CJK_FONT"
#: The font file inside the zhplot package.
FONT_FILE = "fonts/NotoSansSC-Regular.ttf"


def cjk_font_path() -> Path:
    """Return the path of the CJK font file.

    Returns:
        ``$ANALYSIS_CJK_FONT`` if set, else zhplot's ``NotoSansSC-Regular.ttf``.

    Raises:
        ReportError: The override does not exist, or zhplot (or its font file) is not installed;
            the message says what to install or set.

    Example:
        >>> cjk_font_path().name
        'NotoSansSC-Regular.ttf'
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        path = Path(override)
        if not path.is_file():
            raise ReportError(
                f"${ENV_VAR} = {override!r} is not a file; point it to a font with Chinese "
                "glyphs (e.g. NotoSansSC-Regular.ttf) or unset it."
            )
        return path
    spec = importlib.util.find_spec("zhplot")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for loc in locations:
        path = Path(loc) / FONT_FILE
        if path.is_file():
            return path
    raise ReportError(
        "No CJK font found: the package `zhplot` (which ships the OFL font "
        f"NotoSansSC-Regular.ttf) is not installed. Run `make venv`, or set ${ENV_VAR} to a "
        "font file with Chinese glyphs."
    )


def register() -> str:
    """Register the CJK font with matplotlib and return its family name.

    ``fontManager.addfont`` reads the file directly, so a stale font cache does not matter; calling
    it again is harmless. Plot functions call this and pass the family explicitly.

    Returns:
        The family name (``"Noto Sans SC"`` for the shipped font).

    Example:
        >>> register()
        'Noto Sans SC'
    """
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


def missing_glyphs(text: str, path: str | Path | None = None) -> list[str]:
    """Return the characters of ``text`` that the font has no glyph for (whitespace ignored).

    Example:
        >>> missing_glyphs("创一流、争第一")
        []
    """
    font = FT2Font(str(path or cjk_font_path()))
    return sorted({c for c in text if not c.isspace() and font.get_char_index(ord(c)) == 0})


@contextmanager
def style(**rc: Any) -> Iterator[None]:
    """Draw inside this context so every text object uses the CJK font; no global change.

    Args:
        **rc: Extra matplotlib rc settings for the duration (e.g. ``figure.dpi``).

    Example:
        >>> with style():
        ...     pass
    """
    family = register()
    settings: dict[str, Any] = {"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}
    settings.update(rc)
    with rc_context(cast(Any, settings)):
        yield
