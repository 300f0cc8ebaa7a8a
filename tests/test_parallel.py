import pytest

from analysis import parallel
from analysis.errors import ParameterError


def square(x: int) -> int:
    return x * x


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("bad input 三")
    return x


def tasks(n: int) -> list[parallel.Task]:
    return [parallel.Task(item=i, n_bytes=10, label=f"doc{i}.txt") for i in range(n)]


def test_run_in_process_and_pool_give_same_results() -> None:
    serial = dict(
        (t.item, r) for t, r in parallel.run(square, tasks(6), executor=None, progress=False)
    )
    with parallel.process_pool(2) as ex:
        pooled = dict(
            (t.item, r) for t, r in parallel.run(square, tasks(6), executor=ex, progress=False)
        )
    assert serial == pooled == {i: i * i for i in range(6)}


def test_error_names_the_task() -> None:
    with pytest.raises(ValueError, match=r"doc3.txt: bad input 三"):
        list(parallel.run(fail_on_three, tasks(5), executor=None, progress=False))
    with parallel.process_pool(2) as ex, pytest.raises(ValueError, match=r"doc3.txt: bad input 三"):
        list(parallel.run(fail_on_three, tasks(5), executor=ex, progress=False))


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True])
def test_check_jobs_rejects(jobs: object) -> None:
    with pytest.raises(
        ParameterError, match=r"`jobs` value = .* is invalid; value must be a whole number"
    ):
        parallel.check_jobs(jobs)  # type: ignore[arg-type]


def test_quiet_progress_prints_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    list(parallel.run(square, tasks(10), executor=None, progress=True))
    err = capsys.readouterr().err
    assert "10/10 documents" in err
    assert "MB/s" in err


def test_chunked() -> None:
    assert list(parallel.chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]
