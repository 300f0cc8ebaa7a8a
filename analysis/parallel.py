"""Running per-document work on every core (or a cluster), with a progress bar.

Any ``concurrent.futures.Executor`` works: by default a process pool sized to the cores whose
workers load the dictionaries once in their initializer; a ``dask.distributed`` cluster works
through ``Client.get_executor()`` (workers then load the resources on their first task).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, TypeVar

from tqdm import tqdm

from analysis.errors import ParameterError, invalid_value

T = TypeVar("T")


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def check_jobs(jobs: int | None) -> int:
    """Return ``jobs`` (default: the cores), or raise ``ParameterError`` if it is not positive."""
    if jobs is None:
        return default_jobs()
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ParameterError(invalid_value("jobs", jobs, "a whole number of at least 1"))
    return jobs


def process_pool(
    jobs: int, *, initializer: Callable[..., object] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """Return a process pool of ``jobs`` workers started with ``spawn`` (safe inside Jupyter).

    ``spawn`` starts clean interpreters: nothing is inherited from a threaded kernel, and every
    worker runs ``initializer(*initargs)`` once before its first task.
    """
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=initializer,
        initargs=initargs,
    )


def quiet() -> bool:
    """Return True when progress should be one line per step, not an animated bar (CI, no TTY)."""
    return bool(os.environ.get("CI")) or not sys.stderr.isatty()


@dataclass
class Task:
    """One unit of work: an item, its size, a label, and how many documents it holds.

    ``n_bytes`` gives MB/s, ``label`` names the task in error messages, ``n_docs`` is what the
    progress count adds when the task is done.
    """

    item: Any
    n_bytes: int
    label: str
    n_docs: int = 1


def run(
    func: Callable[[Any], T],
    tasks: Sequence[Task],
    *,
    executor: Executor | None,
    desc: str = "documents",
    progress: bool = True,
) -> Iterator[tuple[Task, T]]:
    """Apply ``func`` to every task's item and yield ``(task, result)`` as results arrive.

    Args:
        func: A picklable top-level function.
        tasks: The work; results are yielded in completion order (sort afterwards for determinism).
        executor: Where to run; ``None`` runs in this process.
        desc: Progress-bar label.
        progress: Show progress (documents, MB/s, ETA); one line per 10% when quiet.

    Yields:
        ``(task, result)`` pairs. An exception in ``func`` propagates, naming the task's label.
    """
    total_bytes = sum(t.n_bytes for t in tasks)
    bar = _Progress(sum(t.n_docs for t in tasks), total_bytes, desc=desc, enabled=progress)
    try:
        if executor is None:
            for t in tasks:
                try:
                    result = func(t.item)
                except Exception as exc:
                    raise _labelled(exc, t.label) from exc
                bar.update(t.n_bytes, t.n_docs)
                yield t, result
            return
        futures: dict[Future[T], Task] = {executor.submit(func, t.item): t for t in tasks}
        for fut in as_completed(list(futures)):
            # Forget the future once its result is taken: results are only held by the caller
            # (a large run would otherwise keep every result twice until the end).
            t = futures.pop(fut)
            try:
                result = fut.result()
            except Exception as exc:
                for other in futures:
                    other.cancel()
                raise _labelled(exc, t.label) from exc
            del fut
            bar.update(t.n_bytes, t.n_docs)
            yield t, result
            del result
    finally:
        bar.close()


def _labelled(exc: Exception, label: str) -> Exception:
    """Return an exception of the same type whose message starts with the task label."""
    try:
        return type(exc)(f"{label}: {exc}")
    except Exception:
        return exc


class _Progress:
    """tqdm bar with documents, MB/s and ETA; a plain line every 10% when not on a terminal."""

    def __init__(self, n: int, total_bytes: int, *, desc: str, enabled: bool) -> None:
        self.n = n
        self.total_bytes = total_bytes
        self.done = 0
        self.bytes = 0
        self.t0 = time.perf_counter()
        self.enabled = enabled and n > 0
        self.quiet = quiet()
        self.next_report = 0.1
        self.bar: tqdm[Any] | None = None
        if self.enabled and not self.quiet:
            self.bar = tqdm(total=n, desc=desc, unit="doc", file=sys.stderr, dynamic_ncols=True)

    def update(self, n_bytes: int, n_docs: int = 1) -> None:
        self.done += n_docs
        self.bytes += n_bytes
        if not self.enabled:
            return
        elapsed = max(time.perf_counter() - self.t0, 1e-9)
        rate = self.bytes / 1e6 / elapsed
        if self.bar is not None:
            self.bar.set_postfix_str(f"{rate:.2f} MB/s", refresh=False)
            self.bar.update(n_docs)
        elif self.done / self.n >= self.next_report or self.done == self.n:
            eta = (self.total_bytes - self.bytes) / 1e6 / rate if rate > 0 else 0.0
            print(
                f"{self.done}/{self.n} documents, {self.bytes / 1e6:.1f} MB, "
                f"{rate:.2f} MB/s, ETA {eta:.0f} s",
                file=sys.stderr,
                flush=True,
            )
            while self.next_report <= self.done / self.n:
                self.next_report += 0.1

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of at most ``size`` items."""
    batch: list[T] = []
    for x in items:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
