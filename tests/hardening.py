"""What the hardening tests tried, collected while they run and printed at the end of the session.

``tests/conftest.py`` prints the collected rows in pytest's terminal summary (visible in every
``make test`` run that includes the hardening modules).
"""

from __future__ import annotations

from collections import Counter

#: (group, case, outcome) rows: bad-input cases, corpora accounted, CLI runs, batch faults,
#: HTML-safety cases.
CASES: list[tuple[str, str, str]] = []
#: Examples generated per property (hypothesis calls of the test body).
EXAMPLES: Counter[str] = Counter()


def record(group: str, case: str, outcome: str) -> None:
    """Note one case that was tried and what it gave."""
    CASES.append((group, case, outcome))


def example(prop: str) -> None:
    """Count one generated example of property ``prop``."""
    EXAMPLES[prop] += 1
