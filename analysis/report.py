"""Batch report runner: ``python -m analysis reports --corpus DIR [--only NAME] [--jobs N]``.

Reports, their index and the batch's tables are written from here (the output folder of tables
by ``table_files``, the cache by ``cache``, each file atomically by ``outputs``). One batch:

1. reads the matrix ``reports.yaml`` (``analysis.matrix``);
2. builds the corpus tables ONCE per corpus (``pipeline.build`` + ``table_files.write``) into
   ``<out>/tables/`` (other corpora of the matrix: ``<out>/tables-<corpus>/``); skipped when the
   corpus files and the package are unchanged since the last build;
3. expands the matrix (one report per year / subject ...) and validates every parameter set
   against the notebook's ``parameters`` cell before any kernel starts (``analysis.params``);
4. skips reports whose notebook, parameters, inputs, package code and data are unchanged
   (unless ``--force``);
5. runs the rest with papermill in at most ``--jobs`` worker processes, one notebook per task,
   kernel ``python3``, cwd = the project folder, ``PYTHONHASHSEED=0``;
6. writes ``<out>/<name>.ipynb`` (executed), ``<out>/<name>.html`` (single file, offline; an error
   report when the notebook failed), ``<out>/<name>.json`` (sidecar: status, summary,
   parameters, provenance, start and end time) and ``<out>/index.html``.

Parameters the runner sets when a notebook declares them: ``corpus`` (the corpus folder),
``tables_dir`` (the shared tables) and ``out_dir`` (``<out>/<name>/``, a folder for the report's
own extra CSV tables). Paths are passed relative to the project folder, where the kernel runs
(so notebook defaults such as ``corpus: str = "seeds"`` mean the same in a batch).

One batch at a time per output folder: the runner holds an exclusive lock on ``<out>/.lock``
while it runs (released by the system when the process ends, so it is never stale); a second
batch on the same folder stops at once with a message naming the first one's process. Each
finished report's sidecar is written as soon as it finishes. On an interrupt (Ctrl-C, SIGINT)
the runner stops every worker and kernel it started, removes unfinished temporary files, writes
the index of what finished and exits with status 130; a re-run does the rest.

The exit status is 0 when every report is ok or up to date, 1 when any report failed, 130 when
the batch was interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import json
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from analysis import display, matrix, outputs, params, provenance, render
from analysis.errors import CorpusError, ParameterError, ReportError, invalid_value

log = logging.getLogger(__name__)

ROOT = provenance.ROOT
MATRIX_FILE = ROOT / "reports.yaml"
KERNEL = "python3"
START_TIMEOUT = 120
#: Parameters the runner fills in when the notebook declares them.
RUNNER_PARAMETERS = ("corpus", "tables_dir", "out_dir")
#: Messages of harmless kernel start/stop noise, dropped from the logs.
NOISE = (
    "running over TCP without encryption",
    "KeyboardInterrupt caught in kernel",
    "Passed unknown parameter",
    "Input notebook does not contain a cell with tag 'parameters'",
)
#: Texts of exceptions that mean the kernel did not start; such a run is retried once.
KERNEL_START_ERRORS = ("Address already in use", "ZMQError", "Kernel didn't respond", "Kernel died")
#: Exit status of an interrupted batch (the shell's 128 + SIGINT).
INTERRUPTED = 130
#: Seconds a worker or kernel gets to end after SIGTERM before it is killed.
STOP_GRACE = 3.0

TablesBuilder = Callable[[Path], Mapping[str, pd.DataFrame]]


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to run and render one report (picklable)."""

    name: str
    notebook: str  # absolute path of the notebook
    cwd: str  # absolute folder the kernel runs in
    out: str  # absolute output folder
    values: dict[str, Any]
    timeout: int
    parameters_html: str
    provenance_html: str
    scrub: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    """What a worker reports back."""

    name: str
    status: str  # "ok" or "failed"
    error: str = ""
    summary: dict[str, Any] | None = None
    started: str = ""
    finished: str = ""
    seconds: float = 0.0
    attempts: int = 1


class _NoiseFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        return not any(n in msg for n in NOISE)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _worker_init(root: str, log_path: str) -> None:
    """Prepare a worker process: environment for kernels and quiet logs.

    Workers ignore SIGINT: on Ctrl-C the batch process stops them (and their kernels) itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    parts = [root, *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(parts))
    # Kernels inherit this process's stderr: send their start/stop chatter to a log file.
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    logging.basicConfig(level=logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_NoiseFilter())
    for name in ("papermill", "traitlets", "nbclient", "jupyter_client"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _is_start_error(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}"
    return any(s in text for s in KERNEL_START_ERRORS)


def _execute(task: Task, executed: Path) -> tuple[Any, str, int]:
    """Run the notebook with papermill; return (executed notebook or None, error, attempts)."""
    import nbformat
    import papermill as pm

    nb = nbformat.read(task.notebook, as_version=4)
    cell = params.parameters_cell(nb, notebook=Path(task.notebook).name)
    at = nb.cells.index(cell) + 1
    injected = nbformat.v4.new_code_cell(params.injected_source(task.values))
    injected["id"] = "injected-parameters"
    injected.metadata["tags"] = [params.INJECTED_TAG]
    nb.cells.insert(at, injected)
    nb.metadata.setdefault("kernelspec", {})["name"] = KERNEL
    error = ""
    shown = False  # papermill marks the failing cell itself only for an exception in a cell
    for attempt in (1, 2):
        with contextlib.suppress(FileNotFoundError):
            executed.unlink()
        try:
            pm.execute_notebook(
                nb,
                str(executed),
                kernel_name=KERNEL,
                cwd=task.cwd,
                execution_timeout=task.timeout,
                start_timeout=START_TIMEOUT,
                progress_bar=False,
                log_output=False,
                report_mode=False,
            )
            return nbformat.read(executed, as_version=4), "", attempt
        except pm.PapermillExecutionError as exc:
            error = f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
            shown = True
            break
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            if attempt == 1 and _is_start_error(exc):
                continue
            break
    if executed.exists():
        done = nbformat.read(executed, as_version=4)
        # A dead kernel or a timeout leaves a partly executed notebook: say what happened.
        return (done if shown else copy_with_error(done, error)), error, attempt
    failed = copy_with_error(nb, error)
    return failed, error, attempt


def copy_with_error(nb: Any, error: str) -> Any:
    """Return ``nb`` with a first cell stating that it could not be executed."""
    import nbformat

    note = nbformat.v4.new_markdown_cell(
        "**This report could not be run / 报告运行失败:**\n\n<pre>" + html.escape(error) + "</pre>"
    )
    nb.cells.insert(0, note)
    return nb


def error_page(name: str, error: str) -> str:
    """Return a minimal, escaped HTML page for a report that could not even be rendered."""
    e = html.escape
    return (
        f'<!DOCTYPE html>\n<html lang="zh">\n<head><meta charset="utf-8"><title>{e(name)}</title>'
        f"</head>\n<body>\n<h1>{e(name)}: failed / 报告失败</h1>\n<pre>{e(error)}</pre>\n"
        "</body>\n</html>\n"
    )


def run_task(task: Task) -> Result:
    """Worker: execute one notebook, clean it, render HTML, write ``.ipynb`` and ``.html``."""
    import nbformat

    t0 = time.perf_counter()
    started = _now()
    out = Path(task.out)
    work = out / ".work"
    work.mkdir(parents=True, exist_ok=True)
    try:
        nb, error, attempts = _execute(task, work / f"{task.name}.ipynb")
        nb = render.clean_executed(nb, scrub=task.scrub)
        summary = display.read_summary(nb)
        page = render.to_html(
            render.prepare(
                nb,
                title=task.name,
                parameters=task.parameters_html,
                provenance=task.provenance_html,
            ),
            title=task.name,
        )
        outputs.write_text(out / f"{task.name}.ipynb", nbformat.writes(nb) + "\n")
        outputs.write_text(out / f"{task.name}.html", page)
    except Exception as exc:  # a broken report must not stop the batch
        error, summary, attempts = f"{type(exc).__name__}: {exc}", None, 1
        log.debug("%s", traceback.format_exc())
        try:
            outputs.write_text(out / f"{task.name}.html", error_page(task.name, error))
        except OSError as again:  # e.g. the disk is full: the sidecar still says what happened
            error += f"; the error page could not be written either ({again.strerror or again})"
    finally:
        with contextlib.suppress(FileNotFoundError):
            (work / f"{task.name}.ipynb").unlink()
    return Result(
        name=task.name,
        status="failed" if error else "ok",
        error=error,
        summary=summary,
        started=started,
        finished=_now(),
        seconds=round(time.perf_counter() - t0, 2),
        attempts=attempts,
    )


# --------------------------------------------------------------------------- batch planning


def notebook_path(name: str, *, root: Path = ROOT) -> Path:
    """Return the notebook file of a matrix entry (``name`` → ``notebooks/<name>.ipynb``)."""
    p = Path(name)
    if len(p.parts) == 1 and p.suffix != ".ipynb":
        p = Path("notebooks") / f"{name}.ipynb"
    return p if p.is_absolute() else root / p


def tables_folder(out: Path, corpus: Path, main_corpus: Path) -> Path:
    """Return where a corpus's tables go: ``<out>/tables`` or ``<out>/tables-<corpus>``."""
    if corpus == main_corpus:
        return out / "tables"
    return out / f"tables-{matrix.slug(corpus.name)}"


def prepare_tables(
    corpus: Path,
    tables_dir: Path,
    *,
    prov: Mapping[str, Any],
    code: str,
    force: bool,
    build: TablesBuilder | None,
) -> str:
    """Build and write a corpus's tables unless they are up to date; return the tables key."""
    options = prov.get("tables_options", {})
    key = provenance.digest(
        {"inputs": prov["inputs"], "data": prov["data"], "code": code, "options": options}
    )
    stamp = tables_dir / ".key"
    if (
        not force
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8").strip() == key
        and any(tables_dir.glob("*.csv"))
    ):
        return key
    if build is None:
        from analysis import pipeline, table_files

        build = functools.partial(pipeline.build, script=options.get("script", "as_is"))
        write: Callable[..., Any] = table_files.write
    else:
        write = _write_tables
    log.info("building tables for %s", provenance.relative(corpus))
    tables = build(corpus)
    try:
        if tables_dir.exists():
            for old in tables_dir.glob("*.csv"):
                old.unlink()
        write(tables, tables_dir)
        outputs.write_text(stamp, key + "\n")
    except OSError as exc:
        # No stamp: the next batch builds the tables again.
        with contextlib.suppress(OSError):
            stamp.unlink()
        raise ReportError(
            f"cannot write the tables to {provenance.relative(tables_dir)!r}: "
            f"{exc.strerror or exc}; free space or fix the output folder's permissions, "
            "then run again."
        ) from exc
    return key


def _write_tables(tables: Mapping[str, pd.DataFrame], out_dir: Path) -> None:
    for name in sorted(tables):
        outputs.write_csv(out_dir / f"{name}.csv", tables[name])


def _read_articles(tables_dir: Path) -> pd.DataFrame:
    path = tables_dir / "articles.csv"
    if not path.is_file():
        return pd.DataFrame({"date": pd.Series(dtype=str), "subject": pd.Series(dtype=str)})
    return pd.read_csv(path, encoding=outputs.CSV_ENCODING, keep_default_na=False, dtype=str)


@dataclass
class Planned:
    """A job with its validated values, key and task."""

    job: matrix.Job
    notebook: Path
    values: dict[str, Any]
    key: str
    task: Task
    prov: dict[str, Any]
    corpus: Path
    tables_dir: Path


def _rel(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def plan(
    spec: matrix.Matrix,
    *,
    corpus: Path,
    out: Path,
    force: bool = False,
    root: Path = ROOT,
    build: TablesBuilder | None = None,
    script: Literal["as_is", "simplified"] = "as_is",
) -> list[Planned]:
    """Build shared tables, expand the matrix and validate every report (no kernel yet).

    ``script`` is passed to ``pipeline.build`` and recorded in each corpus's provenance
    (``tables_options``).
    """
    import nbformat

    code = provenance.code_hash(root=root)
    corpora: dict[Path, tuple[Path, dict[str, Any], str]] = {}
    for entry in [None, *spec.entries]:
        c = corpus if entry is None or entry.corpus is None else (root / entry.corpus).resolve()
        if c in corpora:
            continue
        if not c.is_dir():
            raise CorpusError(
                f"corpus folder {provenance.relative(c, root=root)!r} does not exist; "
                "give an existing folder of .txt files."
            )
        prov = provenance.collect(c, root=root)
        prov["tables_options"] = {"script": script}
        tdir = tables_folder(out, c, corpus)
        key = prepare_tables(c, tdir, prov=prov, code=code, force=force, build=build)
        corpora[c] = (tdir, prov, key)

    planned = []
    jobs: list[tuple[matrix.Job, Path]] = []
    cache: dict[Path, pd.DataFrame] = {}
    for entry in spec.entries:
        c = corpus if entry.corpus is None else (root / entry.corpus).resolve()
        tdir = corpora[c][0]
        if c not in cache:
            cache[c] = _read_articles(tdir)
        nb_file = notebook_path(entry.notebook, root=root)
        for job in matrix.expand(entry, articles=cache[c], notebook=nb_file.stem, corpus=c.name):
            jobs.append((job, c))
    matrix.check_unique([j for j, _ in jobs])

    # Longest, most specific paths first: the project, the environment, then the home folder.
    scrub = {str(root): ".", os.path.realpath(root): "."}
    for prefix in (sys.prefix, sys.base_prefix):
        scrub[os.path.realpath(prefix)] = "<python>"
        scrub[prefix] = "<python>"
    scrub[str(Path.home())] = "~"
    for job, c in jobs:
        tdir, prov, tables_key = corpora[c]
        nb_file = notebook_path(job.notebook, root=root)
        shown = provenance.relative(nb_file, root=root)
        if not nb_file.is_file():
            raise ReportError(f"reports.yaml: notebook {shown!r} does not exist.")
        nb = nbformat.read(nb_file, as_version=4)
        declared = params.declared(nb, notebook=shown)
        cwd = root
        runner = {
            "corpus": _rel(c, cwd),
            "tables_dir": _rel(tdir, cwd),
            "out_dir": _rel(out / job.name, cwd),
        }
        values = {k: v for k, v in runner.items() if k in declared}
        values.update(job.params)
        values = params.validate(values, declared, notebook=shown, base=cwd)
        key = provenance.digest(
            {
                "notebook": provenance.sha256_file(nb_file),
                "values": values,
                "tables": tables_key,
                "font": prov["font"],
                "code": code,
                "versions": prov["versions"],
                "timeout": spec.timeout,
            }
        )
        task = Task(
            name=job.name,
            notebook=str(nb_file),
            cwd=str(cwd),
            out=str(out),
            values=values,
            timeout=spec.timeout,
            parameters_html=render.parameters_html(values, declared),
            provenance_html=render.provenance_html(prov, values),
            scrub=scrub,
        )
        planned.append(Planned(job, nb_file, values, key, task, prov, c, tdir))
    return planned


def up_to_date(p: Planned, out: Path) -> bool:
    """Return True when the report exists, succeeded and was built from the same key."""
    sidecar = out / f"{p.job.name}.json"
    if not sidecar.is_file() or not (out / f"{p.job.name}.html").is_file():
        return False
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(data.get("status") == "ok" and data.get("key") == p.key)


def sidecar(p: Planned, result: Result, *, out: Path, root: Path = ROOT) -> dict[str, Any]:
    """Return the JSON sidecar of a finished report."""
    extra = out / p.job.name
    return {
        "name": p.job.name,
        "notebook": provenance.relative(p.notebook, root=root),
        "status": result.status,
        "error": result.error,
        "summary": result.summary,
        "parameters": p.values,
        "key": p.key,
        "files": {
            "html": f"{p.job.name}.html",
            "notebook": f"{p.job.name}.ipynb",
            "tables": _rel(p.tables_dir, out) + "/",
            "extra_tables": f"{p.job.name}/" if extra.is_dir() else "",
        },
        "provenance": {
            **p.prov,
            "python_executable": provenance.relative(sys.executable, root=root),
        },
        "started": result.started,
        "finished": result.finished,
        "seconds": result.seconds,
        "attempts": result.attempts,
    }


# --------------------------------------------------------------------------- index


def index_html(rows: Sequence[Mapping[str, Any]], *, corpus: str, tables: Sequence[str]) -> str:
    """Return ``index.html``: every report with parameters, summary, status and links (escaped).

    Args:
        rows: One mapping per report (a sidecar, or ``{"name", "status": "not built"}``).
        corpus: The corpus shown in the heading (relative path or name).
        tables: CSV paths relative to the output folder.
    """
    e = html.escape
    body = []
    for r in rows:
        name = str(r["name"])
        status = str(r.get("status", "not built"))
        pars = r.get("parameters") or {}
        shown = "<br>".join(
            f"<code>{e(k)}</code> = {e(json.dumps(v, ensure_ascii=False))}"
            for k, v in pars.items()
            if k not in RUNNER_PARAMETERS
        )
        summ = (
            (r.get("summary") or {}).get("text", "") if isinstance(r.get("summary"), dict) else ""
        )
        if status == "failed":
            summ = _first_line(str(r.get("error", "")))
        files = r.get("files") or {}
        links = []
        if files.get("html"):
            links.append(f'<a href="{e(files["html"])}">HTML</a>')
        if files.get("notebook"):
            links.append(f'<a href="{e(files["notebook"])}">ipynb</a>')
        if files.get("tables"):
            links.append(f'<a href="{e(files["tables"])}">tables</a>')
        if files.get("extra_tables"):
            links.append(f'<a href="{e(files["extra_tables"])}">report tables</a>')
        title = f'<a href="{e(files["html"])}">{e(name)}</a>' if files.get("html") else e(name)
        body.append(
            f'<tr class="status-{e(status.replace(" ", "-"))}"><td>{title}</td>'
            f"<td>{e(str(r.get('notebook', '')))}</td><td>{shown}</td><td>{e(summ)}</td>"
            f"<td>{e(status)}</td><td>{' · '.join(links)}</td></tr>"
        )
    table_links = "\n".join(f'<li><a href="{e(t)}">{e(t)}</a></li>' for t in tables)
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Reports / 报告索引</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC",
  "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
th, td {{ border: 1px solid #ddd; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
tr.status-failed td {{ background: #fdecea; }}
tr.status-not-built td {{ color: #777; }}
tr.status-interrupted td {{ background: #fff4e5; }}
code {{ font-size: 0.85rem; }}
</style>
</head>
<body>
<h1>Reports / 报告索引</h1>
<p>Corpus / 语料: <code>{e(corpus)}</code>. Each report is a single HTML file that opens offline;
its provenance (versions, git commit, file checksums) is at the end of the report and in the
JSON file of the same name.</p>
<table id="reports">
<thead><tr><th>report / 报告</th><th>notebook</th><th>parameters / 参数</th>
<th>summary / 摘要</th><th>status / 状态</th><th>files / 文件</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
<h2>Tables / 数据表 (CSV, UTF-8)</h2>
<ul>
{table_links}
</ul>
</body>
</html>
"""


# --------------------------------------------------------------------------- batch


def _progress(total: int) -> Callable[[Result], None]:
    """Return a callback reporting finished reports: a bar on a terminal, else one line each."""
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    if interactive and total:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="report", file=sys.stderr)

        def tick(r: Result) -> None:
            bar.update(1)
            bar.set_postfix_str(f"{r.status} {r.name}")
            if bar.n == total:
                bar.close()

        return tick
    count = [0]

    def line(r: Result) -> None:
        count[0] += 1
        print(f"[{count[0]}/{total}] {r.status:6} {r.name} ({r.seconds:.1f} s)", file=sys.stderr)

    return line


@contextlib.contextmanager
def batch_lock(out: Path, *, root: Path = ROOT) -> Iterator[None]:
    """Hold the exclusive lock of an output folder (``<out>/.lock``) while a batch runs.

    Raises:
        ReportError: Another batch holds the lock; the message names its process.
    """

    def busy(holder: str) -> ReportError:
        return ReportError(
            f"output folder {provenance.relative(out, root=root)!r} is in use by another report "
            f"batch ({holder}); wait for it to finish, or give another --out folder."
        )

    with outputs.folder_lock(out, busy, holder=f"pid {os.getpid()}, started {_now()}"):
        yield


def remove_temporary(out: Path) -> list[Path]:
    """Delete unfinished temporary files of atomic writes (``.<name>.*.tmp``) in ``out``.

    Only called while the batch lock is held, so no other writer owns them.
    """
    gone = []
    for folder in (out, *[p for p in out.iterdir() if p.is_dir()]):
        for tmp in folder.glob(".*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
                gone.append(tmp)
    return gone


def _write(path: Path, text: str, *, root: Path) -> None:
    """Write an output file atomically; a failing disk becomes a ``ReportError``."""
    try:
        outputs.write_text(path, text)
    except OSError as exc:
        raise ReportError(
            f"cannot write {provenance.relative(path, root=root)!r}: {exc.strerror or exc}; "
            "free space or fix the output folder's permissions, then run again "
            "(finished reports are kept)."
        ) from exc


def run(
    spec: matrix.Matrix,
    *,
    corpus: str | Path,
    out: str | Path,
    only: Sequence[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    root: Path = ROOT,
    build: TablesBuilder | None = None,
    script: Literal["as_is", "simplified"] = "as_is",
) -> int:
    """Run a report batch; return the exit status (0 ok, 1 when any report failed, 130 interrupted).

    Args:
        spec: The parsed matrix.
        corpus: The corpus folder for entries without their own ``corpus``.
        out: The output folder (created if missing).
        only: Run only these report names (others keep their files).
        jobs: Worker processes (default: the number of cores).
        force: Re-run reports that are up to date.
        root: The project folder (paths in the matrix are relative to it).
        build: Table builder (default ``pipeline.build``); tests pass a small one.
        script: ``simplified`` builds the shared tables with Traditional Chinese converted in
            the analysis copy (``pipeline.build``'s ``script``); recorded in every report's
            provenance and key.

    Raises:
        ReportError, ParameterError, CorpusError: Before any kernel starts, for a bad matrix,
            parameter or corpus, or when another batch is using ``out``; ``ReportError`` also
            when an output file cannot be written (disk full, permissions).
    """
    if jobs is not None and jobs < 1:
        raise ParameterError(invalid_value("--jobs", jobs, "a positive number of processes"))
    corpus_path = Path(corpus).resolve()
    out_path = Path(out).resolve()
    if not corpus_path.is_dir():
        raise CorpusError(
            f"corpus folder {str(corpus)!r} does not exist; give an existing folder of .txt files."
        )
    out_path.mkdir(parents=True, exist_ok=True)
    with batch_lock(out_path, root=root):
        remove_temporary(out_path)
        return _batch(
            spec,
            corpus=corpus_path,
            out=out_path,
            only=only,
            jobs=jobs,
            force=force,
            root=root,
            build=build,
            script=script,
        )


def _batch(
    spec: matrix.Matrix,
    *,
    corpus: Path,
    out: Path,
    only: Sequence[str] | None,
    jobs: int | None,
    force: bool,
    root: Path,
    build: TablesBuilder | None,
    script: Literal["as_is", "simplified"] = "as_is",
) -> int:
    planned = plan(spec, corpus=corpus, out=out, force=force, root=root, build=build, script=script)
    names = [p.job.name for p in planned]
    if only:
        unknown = sorted(set(only) - set(names))
        if unknown:
            raise ReportError(f"--only: no report named {unknown}; the matrix has {names}.")
    selected = [p for p in planned if not only or p.job.name in only]
    todo = [p for p in selected if force or not up_to_date(p, out)]
    skipped = [p.job.name for p in selected if p not in todo]
    by_name = {p.job.name: p for p in planned}
    write_errors: list[ReportError] = []

    def finished(r: Result) -> None:
        # The sidecar is written as soon as a report ends, so an interrupt keeps it.
        data = sidecar(by_name[r.name], r, out=out, root=root)
        try:
            _write(
                out / f"{r.name}.json",
                json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                root=root,
            )
        except ReportError as exc:
            write_errors.append(exc)

    results, interrupted = _run_all(
        [p.task for p in todo], jobs=jobs or os.cpu_count() or 1, out=out, on_result=finished
    )
    if interrupted:
        remove_temporary(out)
    done = {r.name for r in results}
    rows: list[dict[str, Any]] = []
    for p in planned:
        path = out / f"{p.job.name}.json"
        data = {}
        if path.is_file():
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(path.read_text(encoding="utf-8"))
        if data and (p.job.name in done or p not in todo):
            keys = ("name", "notebook", "status", "error", "summary", "parameters", "files")
            rows.append({k: data.get(k) for k in keys})
        else:
            rows.append(
                {
                    "name": p.job.name,
                    "notebook": provenance.relative(p.notebook, root=root),
                    "status": "interrupted" if interrupted and p in todo else "not built",
                    "parameters": p.values,
                }
            )
    tables = sorted(_rel(t, out) for t in out.glob("tables*/*.csv"))
    _write(
        out / "index.html",
        index_html(rows, corpus=provenance.relative(corpus, root=root), tables=tables),
        root=root,
    )
    if write_errors:
        raise write_errors[0]

    failed = [r for r in results if r.status != "ok"]
    ok = [r for r in results if r.status == "ok"]
    stopped = len(todo) - len(results) if interrupted else 0
    print(
        f"reports: {len(ok)} ok, {len(failed)} failed, {len(skipped)} up to date"
        + (f", {stopped} interrupted" if interrupted else "")
        + f" (index: {provenance.relative(out / 'index.html', root=root)})",
        file=sys.stderr,
    )
    for r in failed:
        print(f"  FAILED {r.name}: {_first_line(r.error)}", file=sys.stderr)
    if failed:
        log_file = provenance.relative(out / ".work" / "kernels.log", root=root)
        print(f"  (kernel messages: {log_file})", file=sys.stderr)
    if interrupted:
        print("  interrupted: run the same command again to finish the batch", file=sys.stderr)
        return INTERRUPTED
    if not failed:
        shutil.rmtree(out / ".work", ignore_errors=True)
    return 1 if failed else 0


def stop_processes(pids: Sequence[int], *, grace: float = STOP_GRACE) -> list[int]:
    """Terminate processes and all their descendants (workers and their kernels); return PIDs.

    SIGTERM first, SIGKILL for those still running after ``grace`` seconds. Kernels run in
    their own sessions, so a terminal's Ctrl-C does not reach them; they are found as
    descendants (``psutil``, a dependency of ``ipykernel``).
    """
    import psutil

    procs = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            top = psutil.Process(pid)
            procs += [top, *top.children(recursive=True)]
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(alive, timeout=grace)
    return [p.pid for p in procs]


def _run_all(
    tasks: Sequence[Task],
    *,
    jobs: int,
    out: Path,
    on_result: Callable[[Result], None] | None = None,
) -> tuple[list[Result], bool]:
    """Run tasks in a process pool of at most ``jobs`` workers.

    Returns:
        The results of the finished tasks (in task order) and whether the batch was
        interrupted (``KeyboardInterrupt``: every worker and kernel is stopped first).
    """
    if not tasks:
        return [], False
    work = out / ".work"
    work.mkdir(parents=True, exist_ok=True)
    tick = _progress(len(tasks))
    ctx = multiprocessing.get_context("spawn")
    results: dict[str, Result] = {}
    interrupted = False
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(tasks))),
        mp_context=ctx,
        initializer=_worker_init,
        initargs=(str(ROOT), str(work / "kernels.log")),
    )
    try:
        futures: dict[Future[Result], Task] = {pool.submit(run_task, t): t for t in tasks}
        for fut in as_completed(futures):
            t = futures[fut]
            try:
                r = fut.result()
            except Exception as exc:  # the worker process itself died
                r = Result(name=t.name, status="failed", error=f"{type(exc).__name__}: {exc}")
            results[r.name] = r
            if on_result is not None:
                on_result(r)
            tick(r)
    except KeyboardInterrupt:
        interrupted = True
        print("\ninterrupted: stopping workers and kernels ...", file=sys.stderr)
        # The pool's worker processes (not multiprocessing's resource tracker).
        workers = list(getattr(pool, "_processes", None) or {})
        stop_processes(workers)
    finally:
        pool.shutdown(wait=not interrupted, cancel_futures=True)
    if interrupted:
        for stale in work.glob("*.ipynb"):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    return [results[t.name] for t in tasks if t.name in results], interrupted


def main(args: argparse.Namespace) -> int:
    """Entry point for ``python -m analysis reports`` (see ``analysis.cli``)."""
    path = Path(getattr(args, "matrix", None) or MATRIX_FILE)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if not text:
        raise ReportError(
            f"matrix file {provenance.relative(path)!r} not found or empty; it lists the reports "
            "(default: reports.yaml at the project root)."
        )
    return run(
        matrix.parse(text),
        corpus=args.corpus,
        out=args.out,
        only=args.only,
        jobs=args.jobs,
        force=args.force,
        script=getattr(args, "script", "as_is"),
    )
