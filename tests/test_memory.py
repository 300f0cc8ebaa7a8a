from __future__ import annotations

import sys

import pytest

from analysis import memory


def test_release_and_steady_mmap_report_what_they_did() -> None:
    assert memory.release() in (True, False)
    assert memory.steady_mmap() in (True, False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_glibc_accepts_the_mmap_threshold() -> None:
    if memory._libc() is None:
        pytest.skip("no glibc")
    assert memory.steady_mmap() is True
