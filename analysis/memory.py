"""Give freed memory back to the operating system between the stages of a large build.

CPython and NumPy allocate through the C library's ``malloc``; after a stage frees hundreds of
megabytes, glibc keeps much of it in its heap, so the process's resident size (what a machine's
memory limit counts) stays at the stage's peak. ``release`` asks glibc to return the free pages
(``malloc_trim``); ``steady_mmap`` fixes glibc's threshold for serving large blocks with ``mmap``
(which are returned when freed) instead of letting it rise after every large free. Both do
nothing on other C libraries or systems.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from typing import Any

#: ``mallopt`` parameter number of ``M_MMAP_THRESHOLD`` in glibc's ``malloc.h``.
M_MMAP_THRESHOLD = -3
#: Blocks from this size up are served by ``mmap`` once ``steady_mmap`` ran (glibc's default
#: starting value, no longer raised dynamically).
MMAP_THRESHOLD = 128 * 1024


@functools.cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    return lib if hasattr(lib, "malloc_trim") and hasattr(lib, "mallopt") else None


def release() -> bool:
    """Return free heap memory to the operating system; ``True`` if glibc did so.

    Example:
        >>> release() in (True, False)
        True
    """
    lib = _libc()
    return bool(lib.malloc_trim(0)) if lib is not None else False


def steady_mmap() -> bool:
    """Serve large blocks with ``mmap`` from ``MMAP_THRESHOLD`` up, for the whole process.

    Called by the command-line entry point (a process-wide setting, never at import).

    Example:
        >>> steady_mmap() in (True, False)
        True
    """
    lib = _libc()
    return bool(lib.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) if lib is not None else False
