import hashlib
from pathlib import Path

import pandas as pd

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seed_files_match_manifest_sha256() -> None:
    manifest = pd.read_csv(SEEDS / "manifest.csv", dtype=str, keep_default_na=False)
    assert list(manifest.columns) == [
        "file",
        "newspaper",
        "edition",
        "page",
        "page_name",
        "date",
        "date_method",
        "sha256",
    ]
    files = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert manifest["file"].tolist() == files
    for row in manifest.itertuples():
        assert hashlib.sha256((SEEDS / row.file).read_bytes()).hexdigest() == row.sha256
        assert row.date and row.date_method
