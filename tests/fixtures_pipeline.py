"""A small corpus folder: two seed pages and two hand-made reports.

Used by ``tests/test_pipeline.py`` and ``tests/test_table_files.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


HAND_MADE = {
    "local/a.txt": "本报讯 今年以来，郧阳区深入开展能力作风建设“三抓三提”行动，新增项目12个，"
    "完成投资5.2亿元，同比增长12.5%。\n",
    "local/b.txt": "本报讯 十堰市坚持“创一流、争第一”，全市签约项目51个，比上年增加8个。\n"
    "各地以“两榜四法”为抓手，即“红榜、黑榜和四种方法”，推动工作落实。\n",
}


def make_corpus(root: Path) -> Path:
    """Two seed pages and two hand-made files (in a subfolder)."""
    root.mkdir(parents=True)
    for name in ("003_82751bbdd8d034e0.txt", "004_5b1c43fea08fbc4a.txt"):
        shutil.copy(SEEDS / name, root / name)
    for name, text in HAND_MADE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root
