"""Faults in the report batch: each keeps finished reports, says what happened, leaves no
half-written file, and a re-run completes the work.

- a kernel killed mid-report, a cell over its timeout, a string parameter holding code
  (one batch of ``tests/notebooks/fault.ipynb``, then a re-run after the fault is "fixed");
- the disk becoming unwritable (``os.fsync`` of the atomic writer raises ``ENOSPC`` or
  ``EACCES``: ``chmod`` does not stop root, so the failure is simulated where it would occur);
- a second batch on the same output folder (refused by the lock);
- SIGINT during a batch run by the command line (exit 130, kernels stopped, index written).

A notebook that raises is the ``broken`` report of the shared batch (``tests/test_report.py``).
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import psutil  # type: ignore[import-untyped]
import pytest
import yaml

from analysis import matrix, outputs, report
from analysis.errors import ReportError
from tests import hardening
from tests.report_helpers import FIXTURE_CORPUS, MATRIX, ROOT, fake_build

FAULT_NB = "tests/notebooks/fault.ipynb"
#: A string parameter that would create ``pwned`` files if it ever became code.
PAYLOAD = (
    "'\"); open(r'{tmp}/pwned1', 'w')  # \n"
    "__import__('os').system('touch {tmp}/pwned2')\n"
    '"""; open(r"{tmp}/pwned3", "w"); """ <script>alert(1)</script>'
)


def _matrix(*entries: dict[str, Any], timeout: int = 60) -> str:
    return yaml.safe_dump(
        {"settings": {"timeout": timeout}, "reports": list(entries)}, allow_unicode=True
    )


def _side(out: Path, name: str) -> dict[str, Any]:
    return dict(json.loads((out / f"{name}.json").read_text(encoding="utf-8")))


def _temporary(out: Path) -> list[Path]:
    return sorted(out.rglob(".*.tmp"))


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.slow
def test_killed_kernel_timeout_and_code_in_a_parameter(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    payload = PAYLOAD.format(tmp=tmp_path)
    text = _matrix(
        {"notebook": FAULT_NB, "name": "ok", "params": {"note": payload}},
        {"notebook": FAULT_NB, "name": "died", "params": {"fault": "die"}},
        {"notebook": FAULT_NB, "name": "slow", "params": {"fault": "hang"}},
        timeout=30,  # the import cell needs several seconds on a busy machine
    )
    status = report.run(
        matrix.parse(text), corpus=FIXTURE_CORPUS, out=out, jobs=2, build=fake_build
    )
    assert status == 1
    ok, died, slow = (_side(out, n) for n in ("ok", "died", "slow"))

    # The parameter arrived as the same string and nothing in it ran.
    assert ok["status"] == "ok" and ok["summary"]["values"]["note"] == payload
    assert not list(tmp_path.glob("pwned*"))
    page = (out / "ok.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    hardening.record("faults", "string parameter with quotes, newlines, code", "literal; no effect")

    # A killed kernel: retried once, then an error report naming the dead kernel.
    assert died["status"] == "failed" and died["attempts"] == 2
    assert "DeadKernelError" in died["error"] or "Kernel died" in died["error"]
    assert "报告运行失败" in (out / "died.html").read_text(encoding="utf-8")
    assert "DeadKernelError: Kernel died" in (out / "died.html").read_text(encoding="utf-8")
    hardening.record("faults", "kernel killed mid-report (SIGKILL)", "retried once; error report")

    # A cell over the timeout: the kernel is stopped, the report says so.
    assert slow["status"] == "failed" and "timed out" in slow["error"]
    assert "A cell timed out" in (out / "slow.html").read_text(encoding="utf-8")
    assert _gone(int((out / "slow" / "kernel.pid").read_text(encoding="utf-8")))
    hardening.record("faults", "cell over its timeout", "kernel stopped; error report")

    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="status-failed"') == 2 and index.count('class="status-ok"') == 1
    assert _temporary(out) == []

    # Fix the faults; the re-run does only the failed reports.
    before = {n: (out / n).read_bytes() for n in ("ok.html", "ok.ipynb", "ok.json")}
    for name in ("died", "slow"):
        (out / name / "fixed").write_text("", encoding="utf-8")
    status = report.run(
        matrix.parse(text), corpus=FIXTURE_CORPUS, out=out, jobs=2, build=fake_build
    )
    assert status == 0
    assert [_side(out, n)["status"] for n in ("ok", "died", "slow")] == ["ok"] * 3
    assert {n: (out / n).read_bytes() for n in before} == before
    assert _temporary(out) == [] and not (out / ".work").exists()


def _fake_run_all(
    tasks: list[report.Task], *, jobs: int, out: Path, on_result: Any = None
) -> tuple[list[report.Result], bool]:
    """Stand-in for the worker pool: every report 'succeeds' without a kernel."""
    results = []
    for t in tasks:
        outputs.write_text(Path(t.out) / f"{t.name}.html", f"<p>{t.name}</p>\n")
        r = report.Result(name=t.name, status="ok", summary={"text": t.name, "values": {}})
        if on_result is not None:
            on_result(r)
        results.append(r)
    return results, False


def _failing_fsync(suffix: str, code: int) -> Any:
    real = os.fsync

    def fsync(fd: int) -> None:
        name = Path(os.readlink(f"/proc/self/fd/{fd}")).name  # .<target>.<random>.tmp
        if name.endswith(".tmp") and f"{suffix}." in name:
            raise OSError(code, os.strerror(code))
        real(fd)

    return fsync


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES], ids=["ENOSPC", "EACCES"])
def test_unwritable_disk_while_writing_sidecars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    out = tmp_path / "reports"
    monkeypatch.setattr(report, "_run_all", _fake_run_all)
    spec = matrix.parse(MATRIX)
    assert report.run(spec, corpus=FIXTURE_CORPUS, out=out, build=fake_build, force=True) == 0
    index = (out / "index.html").read_bytes()
    sidecar = (out / "tiny-2023.json").read_bytes()

    monkeypatch.setattr(outputs.os, "fsync", _failing_fsync(".json", code))
    message = rf"cannot write '.*tiny.json': {os.strerror(code)}; free"
    with pytest.raises(ReportError, match=message):
        report.run(spec, corpus=FIXTURE_CORPUS, out=out, build=fake_build, force=True)
    assert (out / "tiny-2023.json").read_bytes() == sidecar  # the finished file is intact
    assert (out / "index.html").read_bytes() == index
    assert _temporary(out) == []

    monkeypatch.undo()
    monkeypatch.setattr(report, "_run_all", _fake_run_all)
    assert report.run(spec, corpus=FIXTURE_CORPUS, out=out, build=fake_build, force=True) == 0
    hardening.record(
        "faults", f"output disk unwritable ({errno.errorcode[code]}) for sidecars", "exit 2"
    )


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_unwritable_disk_in_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / "r.html").write_text("old report\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 标题")])
    monkeypatch.setattr(report, "_execute", lambda task, executed: (nb, "", 1))
    monkeypatch.setattr(outputs.os, "fsync", _failing_fsync(".html", errno.ENOSPC))
    task = report.Task(
        name="r",
        notebook=str(ROOT / "tests" / "notebooks" / "empty.ipynb"),
        cwd=str(ROOT),
        out=str(out),
        values={},
        timeout=10,
        parameters_html="",
        provenance_html="",
    )
    result = report.run_task(task)
    assert result.status == "failed"
    assert result.error.startswith("OSError: [Errno 28] No space left on device")
    assert "error page could not be written either (No space left on device)" in result.error
    assert (out / "r.html").read_text(encoding="utf-8") == "old report\n"
    assert _temporary(out) == []
    hardening.record("faults", "output disk full while a report is rendered", "failed; old kept")


def test_second_batch_on_the_same_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    monkeypatch.setattr(report, "_run_all", _fake_run_all)
    spec = matrix.parse(MATRIX)
    with report.batch_lock(out):
        with pytest.raises(ReportError, match=r"is in use by another report batch \(pid \d+, st"):
            report.run(spec, corpus=FIXTURE_CORPUS, out=out, build=fake_build)
        assert not (out / "index.html").exists()
    assert report.run(spec, corpus=FIXTURE_CORPUS, out=out, build=fake_build) == 0
    hardening.record("faults", "second batch on the same output folder", "refused; exit 2")


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    for p in (tmp_path / ".a.html.x1.tmp", tmp_path / "t" / ".b.csv.x2.tmp"):
        p.write_text("half", encoding="utf-8")
    (tmp_path / "keep.tmp").write_text("", encoding="utf-8")
    assert len(report.remove_temporary(tmp_path)) == 2
    assert [p.name for p in tmp_path.rglob("*.tmp")] == ["keep.tmp"]


def _cli(out: Path, matrix_file: Path, **kw: Any) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "analysis", "reports", "--matrix", str(matrix_file)]
    cmd += ["--corpus", "tests/fixtures/report_corpus", "--out", str(out), "--jobs", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, **kw
    )


def _default_sigint() -> None:
    """In a child before it starts Python: SIGINT as the system's default, not inherited."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(*paths: Path, proc: subprocess.Popen[str], seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not all(p.exists() for p in paths):
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            pytest.fail(f"the batch ended early ({proc.returncode}): {err[-800:]}")
        if time.monotonic() > end:
            proc.kill()
            pytest.fail(f"timed out waiting for {[p.name for p in paths]}")
        time.sleep(0.2)


@pytest.mark.slow
def test_sigint_stops_the_batch_and_a_rerun_finishes(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    mfile = tmp_path / "matrix.yaml"
    mfile.write_text(
        _matrix(
            {"notebook": FAULT_NB, "name": "quick"},
            {"notebook": FAULT_NB, "name": "hang", "params": {"fault": "hang"}},
            # The hanging cell must still run when the interrupt comes, however slow the
            # machine is meanwhile: its timeout is far beyond the test's own waits.
            timeout=900,
        ),
        encoding="utf-8",
    )
    # The batch gets Python's own Ctrl-C handling even when this test runs with SIGINT ignored
    # (a job started in the background by a non-interactive shell inherits SIG_IGN, and Python
    # then installs no KeyboardInterrupt handler).
    proc = _cli(out, mfile, start_new_session=True, preexec_fn=_default_sigint)
    _wait_for(out / "quick.json", out / "hang" / "kernel.pid", proc=proc)
    kernel = int((out / "hang" / "kernel.pid").read_text(encoding="utf-8"))
    children = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
    assert kernel in children

    second = _cli(out, mfile)
    _, err = second.communicate(timeout=120)
    assert second.returncode == 2
    assert "is in use by another report batch (pid" in err and "Traceback" not in err

    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-800:]
    assert "1 ok, 0 failed, 0 up to date, 1 interrupted" in err and "Traceback" not in err
    # Workers and kernels are stopped by the runner; multiprocessing's resource tracker ends
    # on its own once the batch process has gone.
    end = time.monotonic() + 10
    while not all(_gone(pid) for pid in children) and time.monotonic() < end:
        time.sleep(0.2)
    assert [pid for pid in children if not _gone(pid)] == []
    assert _side(out, "quick")["status"] == "ok" and not (out / "hang.json").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="status-interrupted"' in index and 'class="status-ok"' in index
    assert _temporary(out) == [] and not list((out / ".work").glob("*.ipynb"))
    hardening.record("faults", "SIGINT during a batch", "kernels stopped; index; exit 130")
    hardening.record("faults", "second batch started during a batch", "refused; exit 2")

    quick = (out / "quick.json").read_bytes()
    (out / "hang" / "fixed").write_text("", encoding="utf-8")
    rerun = _cli(out, mfile)
    _, err = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, err[-800:]
    assert "1 ok, 0 failed, 1 up to date" in err
    assert _side(out, "hang")["status"] == "ok" and (out / "quick.json").read_bytes() == quick


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_unwritable_disk_while_building_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "reports"
    monkeypatch.setattr(report, "_run_all", _fake_run_all)
    real_fsync = os.fsync
    monkeypatch.setattr(outputs.os, "fsync", _failing_fsync(".csv", errno.ENOSPC))
    spec = matrix.parse(MATRIX)
    with pytest.raises(ReportError, match=r"cannot write the tables to .*No space left on device"):
        report.run(spec, corpus=FIXTURE_CORPUS, out=out, build=fake_build)
    assert not (out / "tables" / ".key").exists() and _temporary(out) == []
    monkeypatch.setattr(outputs.os, "fsync", real_fsync)
    assert report.run(spec, corpus=FIXTURE_CORPUS, out=out, build=fake_build) == 0
    assert (out / "tables" / ".key").is_file()
    hardening.record("faults", "output disk full while tables are built", "exit 2; rebuilt")


def test_sigterm_is_handled_like_ctrl_c() -> None:
    import signal

    from analysis import cli

    previous = signal.getsignal(signal.SIGTERM)
    try:
        cli.terminate_as_interrupt()
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)
