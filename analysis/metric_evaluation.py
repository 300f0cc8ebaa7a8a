"""Evaluation of extracted quantitative claims against a hand annotation.

``align`` pairs the claims of a metrics table (``metrics.extract``) with hand-annotated ones
(``tests/data/metrics_gold*.csv``, with ``GOLD_COLUMNS`` and optionally ``ATTRIBUTION_COLUMNS``);
``evaluate`` scores the pairs: precision, recall, F1 and the agreement of qualifiers, directions,
subjects and periods over matched claims.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analysis import schema

#: Columns a gold annotation must have (``tests/data/metrics_gold.csv``).
GOLD_COLUMNS: tuple[str, ...] = (
    "file",
    "start",
    "end",
    "surface",
    "normalized_value",
    "unit",
    "kind",
    "approx",
    "change",
)

#: Optional gold columns scored by ``evaluate``: the claim's subject and normalized period
#: (``subject_agreement``, ``period_agreement``). A gold table without one of them gets ``NaN``
#: for that agreement.
ATTRIBUTION_COLUMNS: tuple[str, ...] = ("subject", "period_norm")

#: Columns of ``align``'s result.
ALIGN_COLUMNS: tuple[str, ...] = (
    "file",
    "status",
    "gold_start",
    "gold_surface",
    "pred_start",
    "pred_surface",
    "gold_value",
    "pred_value",
    "gold_unit",
    "pred_unit",
    "gold_kind",
    "pred_kind",
    "gold_approx",
    "pred_approx",
    "gold_change",
    "pred_change",
    "gold_subject",
    "pred_subject",
    "gold_period_norm",
    "pred_period_norm",
)


def _same_value(a: object, b: object) -> bool:
    """True when two normalized values agree (both missing, or equal to 1e-9 relative)."""
    fa = float(a) if a not in ("", None) else float("nan")  # type: ignore[arg-type]
    fb = float(b) if b not in ("", None) else float("nan")  # type: ignore[arg-type]
    if math.isnan(fa) or math.isnan(fb):
        return math.isnan(fa) and math.isnan(fb)
    return math.isclose(fa, fb, rel_tol=1e-9, abs_tol=1e-12)


def _text(v: object) -> str:
    """A table cell as text: missing → ``""``."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def align(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair extracted claims with hand-annotated ones.

    A predicted claim matches a gold claim of the same file when their raw spans overlap and
    kind, canonical unit and normalized value agree; each claim is used at most once (gold rows
    in offset order take the first matching prediction).

    Args:
        predicted: A metrics table (``metrics.extract`` or ``metrics.restore_types`` of
            ``metrics.csv``).
        gold: A gold table with ``GOLD_COLUMNS`` (values may be text; blank = missing).

    Returns:
        One row per pair or unpaired claim with ``ALIGN_COLUMNS``: status ``tp`` (matched),
        ``fn`` (gold only) or ``fp`` (predicted only), then gold and predicted start, surface,
        value, unit, kind, approx, change, subject and normalized period side by side (a gold
        column missing from ``gold``, such as ``subject`` in an older annotation, gives ``""``).
        Sorted by file and offset.

    Example:
        >>> arts = make_articles([{"raw": "签约项目51个。"}])  # doctest: +SKIP
        >>> align(metrics.extract(arts, ...), gold)  # doctest: +SKIP
    """
    schema.require_columns(predicted, schema.METRICS, func="metric_evaluation.align")
    schema.require_columns(gold, GOLD_COLUMNS, func="metric_evaluation.align")
    preds: dict[str, list[dict[str, Any]]] = {}
    for rec in predicted.to_dict("records"):
        preds.setdefault(str(rec["file"]), []).append({str(k): v for k, v in rec.items()})
    used: set[tuple[str, int]] = set()
    rows: list[dict[str, Any]] = []
    gold_recs = sorted(
        ({str(k): v for k, v in r.items()} for r in gold.to_dict("records")),
        key=lambda r: (str(r["file"]), int(r["start"]), int(r["end"])),
    )
    for g in gold_recs:
        file, gs, ge = str(g["file"]), int(g["start"]), int(g["end"])
        hit = None
        for i, p in enumerate(preds.get(file, [])):
            if (file, i) in used or int(p["start"]) >= ge or int(p["end"]) <= gs:
                continue
            if (
                _text(p["kind"]) == _text(g["kind"])
                and _text(p["unit"]) == _text(g["unit"])
                and _same_value(p["normalized_value"], g["normalized_value"])
            ):
                hit = i
                break
        row: dict[str, Any] = {
            "file": file,
            "status": "fn" if hit is None else "tp",
            "gold_start": gs,
            "gold_surface": _text(g["surface"]),
            "gold_value": _text(g["normalized_value"]),
            "gold_unit": _text(g["unit"]),
            "gold_kind": _text(g["kind"]),
            "gold_approx": _text(g["approx"]),
            "gold_change": _text(g["change"]),
            "gold_subject": _text(g.get("subject")),
            "gold_period_norm": _text(g.get("period_norm")),
        }
        if hit is not None:
            used.add((file, hit))
            p = preds[file][hit]
            row.update(_pred_cells(p))
        rows.append(row)
    for file, plist in preds.items():
        for i, p in enumerate(plist):
            if (file, i) not in used:
                rows.append({"file": file, "status": "fp", **_pred_cells(p)})
    if not rows:
        return schema.empty(ALIGN_COLUMNS)
    out = pd.DataFrame(rows).reindex(columns=list(ALIGN_COLUMNS))
    for col in ALIGN_COLUMNS:
        if col not in ("gold_start", "pred_start"):
            out[col] = out[col].fillna("")
    out["_pos"] = out["gold_start"].fillna(out["pred_start"])
    out = out.sort_values(["file", "_pos", "status"], kind="mergesort")
    return out.drop(columns="_pos").reset_index(drop=True)


def _pred_cells(p: dict[str, Any]) -> dict[str, Any]:
    """The predicted side of an ``align`` row."""
    value = p["normalized_value"]
    return {
        "pred_start": int(p["start"]),
        "pred_surface": _text(p["surface"]),
        "pred_value": "" if _text(value) in ("", "nan") else f"{float(value):g}",
        "pred_unit": _text(p["unit"]),
        "pred_kind": _text(p["kind"]),
        "pred_approx": _text(p["approx"]),
        "pred_change": _text(p["change"]),
        "pred_subject": _text(p["subject"]),
        "pred_period_norm": _text(p["period_norm"]),
    }


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Precision, recall and attribute agreement of extracted claims against a gold annotation.

    Args:
        predicted: A metrics table.
        gold: A gold table with ``GOLD_COLUMNS`` and, optionally, ``ATTRIBUTION_COLUMNS``.

    Returns:
        ``n_gold``, ``n_predicted``, ``tp``, ``precision``, ``recall``, ``f1`` and, over matched
        pairs, the share with the same value: ``approx_agreement``, ``change_agreement``,
        ``subject_agreement`` and ``period_agreement`` (``period_norm``). Values are compared
        as text, so an empty gold value agrees only with an empty prediction (a claim whose
        subject or period the text does not tell should get none). An agreement is ``1.0``
        without matched pairs, and ``NaN`` when ``gold`` lacks its column.

    Example:
        >>> evaluate(metrics.extract(arts, ...), gold)["recall"]  # doctest: +SKIP
        0.97
    """
    pairs = align(predicted, gold)
    tp = pairs[pairs["status"] == "tp"]
    n_tp = len(tp)
    n_gold = int((pairs["status"] != "fp").sum())
    n_pred = int((pairs["status"] != "fn").sum())
    precision = n_tp / n_pred if n_pred else 1.0
    recall = n_tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def agreement(field: str, gold_column: str | None = None) -> float:
        if gold_column is not None and gold_column not in gold.columns:
            return float("nan")
        return float((tp[f"gold_{field}"] == tp[f"pred_{field}"]).mean()) if n_tp else 1.0

    return {
        "n_gold": float(n_gold),
        "n_predicted": float(n_pred),
        "tp": float(n_tp),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "approx_agreement": agreement("approx"),
        "change_agreement": agreement("change"),
        "subject_agreement": agreement("subject", "subject"),
        "period_agreement": agreement("period_norm", "period_norm"),
    }
