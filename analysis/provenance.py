"""Provenance of a report batch: versions, git state and sha256 of every input file.

Paths are recorded relative to the project root (or, for a folder outside the project, relative
to that folder and prefixed with its name), never as absolute paths, so a report names no home
folder, user or environment variable.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import subprocess
from pathlib import Path
from typing import Any

#: Project root (the folder holding ``analysis/``).
ROOT = Path(__file__).resolve().parent.parent

#: Distributions whose versions every report records.
PACKAGES: tuple[str, ...] = (
    "pandas",
    "numpy",
    "scipy",
    "matplotlib",
    "jieba",
    "wordcloud",
    "opencc",
    "pyarrow",
    "papermill",
    "nbconvert",
    "nbformat",
    "nbclient",
    "ipykernel",
    "itables",
    "zhplot",
)


def relative(path: str | Path, *, root: Path = ROOT) -> str:
    """Return ``path`` as a project-relative POSIX path, or ``name/...`` for a folder outside it.

    Example:
        >>> relative(ROOT / "seeds" / "a.txt")
        'seeds/a.txt'
    """
    p = Path(path).resolve()
    try:
        return p.relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.name


def sha256_file(path: Path) -> str:
    """Return the sha256 hex digest of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_hashes(folder: str | Path, *, root: Path = ROOT) -> dict[str, str]:
    """Return ``{relative path: sha256}`` of every file under ``folder``, sorted by path.

    Hidden files and ``__pycache__`` folders are left out. Paths outside the project are given as
    ``<folder name>/<path inside the folder>``.
    """
    base = Path(folder).resolve()
    prefix = relative(base, root=root)
    out: dict[str, str] = {}
    for p in sorted(base.rglob("*")):
        rel = p.relative_to(base)
        if not p.is_file() or any(
            part.startswith(".") or part == "__pycache__" for part in rel.parts
        ):
            continue
        out[f"{prefix}/{rel.as_posix()}"] = sha256_file(p)
    return out


def font_file() -> Path | None:
    """Return the CJK font plots use (``fonts.cjk_font_path``), or None when there is none."""
    from analysis import fonts
    from analysis.errors import ReportError

    try:
        return fonts.cjk_font_path()
    except ReportError:
        return None


def versions() -> dict[str, str]:
    """Return the Python version and the version of every package in ``PACKAGES``."""
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_state(*, root: Path = ROOT) -> dict[str, Any]:
    """Return ``{"commit": sha or "unknown", "dirty": bool or None}`` for the project."""

    def git(*args: str) -> str | None:
        try:
            res = subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return res.stdout

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": commit.strip() if commit else "unknown",
        "dirty": bool(status.strip()) if status is not None else None,
    }


def collect(corpus: str | Path, *, root: Path = ROOT) -> dict[str, Any]:
    """Collect the batch-wide provenance for a corpus (no timestamps).

    Returns:
        ``{"versions", "git", "corpus", "inputs", "data", "font"}``: package versions, git commit
        and dirty flag, the corpus folder (relative), sha256 of every corpus file, of every file
        under ``analysis/data/``, and of the font file.
    """
    font = font_file()
    data_dir = root / "analysis" / "data"
    return {
        "versions": versions(),
        "git": git_state(root=root),
        "corpus": relative(corpus, root=root),
        "inputs": tree_hashes(corpus, root=root),
        "data": tree_hashes(data_dir, root=root) if data_dir.is_dir() else {},
        "font": {f"font/{font.name}": sha256_file(font)} if font else {},
    }


def code_hash(*, root: Path = ROOT) -> str:
    """Return one sha256 over every file of the ``analysis`` package (code, data, templates)."""
    return digest(tree_hashes(root / "analysis", root=root))


def digest(value: Any) -> str:
    """Return the sha256 of a JSON-serialisable value (keys sorted, so order does not matter)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
