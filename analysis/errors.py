"""One small exception hierarchy and helpers that give every message the same shape.

Messages name the argument or file, the bad value, and what to do next.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class AnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class CorpusError(AnalysisError):
    """A corpus folder or one of its files cannot be read as asked."""


class DecodeError(CorpusError):
    """A file's bytes cannot be decoded; the message names the file and byte offset."""


class SchemaError(AnalysisError, ValueError):
    """A table lacks required columns or holds values of the wrong kind."""


class ParameterError(AnalysisError, ValueError):
    """An argument or notebook parameter has an invalid value."""


class LexiconError(AnalysisError):
    """A data file (lexicon, stopwords, gazetteer, units, indicators) is malformed."""


class ReportError(AnalysisError):
    """A report could not be produced."""


def invalid_value(name: str, value: object, valid: Iterable[object] | str) -> str:
    """Return the standard message for an option set to a value outside its valid set.

    Args:
        name: The argument or parameter name.
        value: The value that was given.
        valid: The valid values, or a sentence describing them.

    Returns:
        A message such as "`measure` value = 'g' is invalid; value must be one of ['chi2', 'g2']."

    Example:
        >>> invalid_value("measure", "g", ["g2", "chi2"])
        "`measure` value = 'g' is invalid; value must be one of ['chi2', 'g2']."
    """
    if isinstance(valid, str):
        return f"`{name}` value = {value!r} is invalid; value must be {valid}."
    return f"`{name}` value = {value!r} is invalid; value must be one of {sorted(map(str, valid))}."


def in_file(
    path: str | Path, problem: str, *, line: int | None = None, field: str | None = None
) -> str:
    """Return the standard message for a problem located in a file.

    Args:
        path: The file (shown as given, so callers pass project-relative paths).
        problem: What is wrong and what to do.
        line: 1-based line number, when known.
        field: Column or field name, when known.

    Returns:
        A message like "units.csv, line 4, field 'unit': empty value; fill it or delete the row."

    Example:
        >>> in_file("units.csv", "empty value", line=4, field="unit")
        "units.csv, line 4, field 'unit': empty value"
    """
    where = str(path)
    if line is not None:
        where += f", line {line}"
    if field is not None:
        where += f", field {field!r}"
    return f"{where}: {problem}"
