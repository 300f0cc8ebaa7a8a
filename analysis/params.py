"""Notebook parameters: read the ``parameters`` cell, validate values, inject them as literals.

A notebook declares its parameters in ONE code cell tagged ``parameters``, one per line::

    corpus: str = "../seeds"  # folder of .txt files
    year: int = 0  # 0 = every year

``parse`` reads those lines with ``ast`` (no code runs), ``validate`` checks a mapping of values
against them before any kernel starts, and ``injected_source`` writes the checked values back as
Python literals (``repr``), so a quote or newline in a value can never become code.

Path parameters are recognised by name: ``corpus`` and names ending in ``_dir`` must be existing
folders, names ending in ``_file`` existing files (an empty string means "not given"). Names in
``OUTPUT_PARAMETERS`` are folders the runner creates, so they are not checked for existence.
"""

from __future__ import annotations

import ast
import io
import math
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.errors import ParameterError

#: Annotations a parameter may use, and the Python check for each.
TYPES: tuple[str, ...] = ("str", "int", "float", "bool", "list", "list[str]", "list[int]")

#: Folder parameters that the runner creates for a report (not required to exist beforehand).
OUTPUT_PARAMETERS: frozenset[str] = frozenset({"out_dir"})

#: The tag of the cell holding the defaults, and of the cell the runner injects after it.
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: ``name: type = default  # help``."""

    name: str
    type: str
    default: Any
    help: str


def parameters_cell(nb: Any, *, notebook: str) -> Any:
    """Return the notebook's single code cell tagged ``parameters``.

    Raises:
        ParameterError: If there is none or more than one.
    """
    cells = [
        c
        for c in nb.cells
        if c.cell_type == "code" and PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])
    ]
    if len(cells) != 1:
        raise ParameterError(
            f"{notebook}: found {len(cells)} code cells tagged 'parameters'; "
            "tag exactly one cell holding `name: type = default  # help` lines."
        )
    return cells[0]


def _comments(source: str) -> dict[int, str]:
    """Map 1-based line numbers to the text of the comment on that line."""
    out: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string.lstrip("#").strip()
    return out


def parse(source: str, *, notebook: str) -> dict[str, Parameter]:
    """Parse the source of a ``parameters`` cell.

    Args:
        source: The cell's code.
        notebook: Notebook name for messages.

    Returns:
        Parameters by name, in the order declared.

    Raises:
        ParameterError: A line that is not ``name: type = literal``, an unknown type, a default
            that does not match its type, or a repeated name; the message names notebook and line.

    Example:
        >>> parse('subject: str = "竹溪县"  # 单位', notebook="nb")["subject"].default
        '竹溪县'
    """
    try:
        tree = ast.parse(source)
        comments = _comments(source)
    except (SyntaxError, tokenize.TokenError) as exc:
        raise ParameterError(f"{notebook}: parameters cell is not valid Python ({exc}).") from None
    out: dict[str, Parameter] = {}
    for node in tree.body:
        where = f"{notebook}: parameters cell, line {node.lineno}"
        if not (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):
            raise ParameterError(
                f"{where}: expected `name: type = default  # help`; "
                "move other code to the next cell."
            )
        name = node.target.id
        kind = ast.unparse(node.annotation)
        if kind not in TYPES:
            raise ParameterError(
                f"{where}: parameter {name!r} has type {kind!r}; use one of {list(TYPES)}."
            )
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterError(
                f"{where}: default of {name!r} must be a literal, not {ast.unparse(node.value)!r}."
            ) from None
        if name in out:
            raise ParameterError(f"{where}: parameter {name!r} is declared twice.")
        problem = _type_problem(default, kind)
        if problem:
            raise ParameterError(f"{where}: default of {name!r} {problem}.")
        out[name] = Parameter(name, kind, default, comments.get(node.lineno, ""))
    return out


def declared(nb: Any, *, notebook: str) -> dict[str, Parameter]:
    """Return the parameters declared in a notebook node (see ``parse``)."""
    return parse(parameters_cell(nb, notebook=notebook).source, notebook=notebook)


def _type_problem(value: Any, kind: str) -> str:
    """Return why ``value`` does not fit ``kind`` ('' when it fits)."""
    if kind.startswith("list"):
        if not isinstance(value, list):
            return f"must be a list, got {type(value).__name__} {value!r}"
        items = [kind[5:-1]] if kind != "list" else ["str", "int", "float", "bool"]
        bad = [v for v in value if all(_type_problem(v, item) for item in items)]
        shown = items[0] if len(items) == 1 else "str, int, float or bool"
        return f"must hold only {shown} values, got {bad[0]!r}" if bad else ""
    if kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and not math.isfinite(value):
            return f"must be a finite number, got {value!r}"
    else:
        ok = isinstance(value, str)
    return "" if ok else f"must be {kind}, got {type(value).__name__} {value!r}"


def validate(
    values: Mapping[str, Any],
    declared: Mapping[str, Parameter],
    *,
    notebook: str,
    base: Path | None = None,
) -> dict[str, Any]:
    """Check values against the declared parameters before any kernel starts.

    Args:
        values: Parameter values to pass (a subset of the declared names).
        declared: From ``parse``/``declared``.
        notebook: Notebook name for messages.
        base: Folder that relative paths are resolved against (default: the current folder).

    Returns:
        The values, with ints given for ``float`` parameters converted to float.

    Raises:
        ParameterError: Unknown name, wrong type, or missing file or folder; the message names the
            notebook and the parameter.

    Example:
        >>> spec = parse("year: int = 0  # 年份", notebook="nb")
        >>> validate({"year": 2023}, spec, notebook="nb")
        {'year': 2023}
    """
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in declared:
            raise ParameterError(
                f"{notebook}: unknown parameter {name!r}; the notebook declares {sorted(declared)}."
            )
        kind = declared[name].type
        problem = _type_problem(value, kind)
        if problem:
            raise ParameterError(f"{notebook}: parameter {name!r} {problem}.")
        if kind == "float":
            value = float(value)
        if kind == "str" and value and name not in OUTPUT_PARAMETERS:
            path = Path(value) if base is None or Path(value).is_absolute() else base / value
            if (name == "corpus" or name.endswith("_dir")) and not path.is_dir():
                raise ParameterError(
                    f"{notebook}: parameter {name!r}: folder {value!r} does not exist; "
                    "give an existing folder."
                )
            if name.endswith("_file") and not path.is_file():
                raise ParameterError(
                    f"{notebook}: parameter {name!r}: file {value!r} does not exist; "
                    "give an existing file."
                )
        out[name] = value
    return out


def literal(value: Any) -> str:
    """Return Python source for a validated value; it evaluates back to the same value.

    Example:
        >>> literal("竹溪县")
        "'竹溪县'"
    """
    text = repr(value)
    if ast.literal_eval(text) != value:  # pragma: no cover - repr of these types round-trips
        raise ParameterError(f"value {value!r} cannot be written as a Python literal.")
    return text


def injected_source(values: Mapping[str, Any]) -> str:
    """Return the code of the injected-parameters cell: one ``name = literal`` line per value."""
    lines = ["# Parameters set by the report runner"]
    lines += [f"{name} = {literal(value)}" for name, value in values.items()]
    return "\n".join(lines)
