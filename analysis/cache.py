"""Per-document result cache: content-addressed, verified on read, written atomically.

Each document's tables are stored in one file named by the document's content hash under a folder
named by the *configuration key*: a hash of everything that shapes the result (package code, data
files such as lexicons, stopwords and dictionaries, and the options). Changing any of them starts a
new folder, so stale results are never read.

File format (one file per document, no pickle, so reading a cache runs no code)::

    MAGIC (8 bytes) | header length (8 bytes, little endian) | header (JSON, UTF-8) | payloads

The header lists each table's name, byte offset, length and sha256; a table payload is an Arrow
IPC stream. A file that is truncated, altered or unreadable is reported as a miss (and removed), so
the document is recomputed, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import struct
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa

from analysis.errors import AnalysisError

log = logging.getLogger(__name__)

MAGIC = b"ANLYCH01"
_CODE_DIR = Path(__file__).resolve().parent
#: Default cache root: ``.cache/analysis`` in the project folder (the folder holding the
#: ``analysis`` package), whatever the current directory (notebooks run from ``notebooks/``).
DEFAULT_DIR = _CODE_DIR.parent / ".cache" / "analysis"


def hash_files(paths: Iterable[str | Path], *, base: str | Path | None = None) -> str:
    """Return one sha256 over the names and bytes of ``paths`` (sorted), for cache keys.

    Args:
        paths: Files to include.
        base: Folder the names are relative to (so keys do not depend on the project location).
    """
    h = hashlib.sha256()
    root = Path(base) if base is not None else None
    for p in sorted(Path(x) for x in paths):
        name = p.relative_to(root).as_posix() if root is not None else p.name
        h.update(name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def hash_text(text: str) -> str:
    """Return the sha256 hex digest of ``text`` (UTF-8).

    Example:
        >>> hash_text("创一流")[:8]
        'dcaa9ce3'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_key() -> str:
    """Return a hash of the package's code and data files (everything under ``analysis/``)."""
    files = [
        p
        for p in _CODE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc"}
    ]
    return hash_files(files, base=_CODE_DIR)


def config_key(options: Mapping[str, object], *, extra_files: Iterable[str | Path] = ()) -> str:
    """Return the configuration key: code, data files, user-supplied files and options.

    Args:
        options: JSON-serializable options that change results (e.g. ``{"hmm": False}``).
        extra_files: User-supplied files that shape results (a custom lexicon, stopwords ...).

    Example:
        >>> len(config_key({"hmm": False}))
        16
    """
    h = hashlib.sha256()
    h.update(code_key().encode())
    h.update(json.dumps(dict(options), sort_keys=True, ensure_ascii=False, default=str).encode())
    extra = list(extra_files)
    if extra:
        h.update(hash_files(extra).encode())
    return h.hexdigest()[:16]


def _ipc(value: pd.DataFrame | pa.Table) -> pa.Buffer:
    """Return one table as an Arrow IPC stream buffer."""
    table = (
        value if isinstance(value, pa.Table) else pa.Table.from_pandas(value, preserve_index=False)
    )
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _payloads(tables: Mapping[str, pd.DataFrame | pa.Table]) -> tuple[bytes, list[pa.Buffer]]:
    """Return the file's leading bytes (magic, header) and the table payloads as Arrow buffers."""
    buffers: list[pa.Buffer] = []
    entries = []
    offset = 0
    for name in sorted(tables):
        data = _ipc(tables[name])
        entries.append(
            {
                "name": name,
                "offset": offset,
                "length": data.size,
                "sha256": hashlib.sha256(memoryview(data)).hexdigest(),
            }
        )
        buffers.append(data)
        offset += data.size
    header = json.dumps({"tables": entries}, sort_keys=True).encode("utf-8")
    return MAGIC + struct.pack("<Q", len(header)) + header, buffers


def _encode(tables: Mapping[str, pd.DataFrame | pa.Table]) -> bytes:
    """Return the cache-file bytes of ``tables`` (DataFrames or Arrow tables)."""
    head, buffers = _payloads(tables)
    return head + b"".join(memoryview(b) for b in buffers)


#: Bytes ``Store.put`` leaves for an entry's header before writing the tables (room for about
#: a hundred tables' names, offsets and checksums).
HEADER_ROOM = 16_384


class CacheCorruptError(Exception):
    """A cache file failed its integrity checks (internal; reported as a miss)."""


def decode_arrow(
    data: bytes, names: Iterable[str] | None = None, *, verify: bool = True
) -> dict[str, pa.Table]:
    """Return the Arrow tables of cache-file bytes, checking every checksum.

    Each table gets its own copy of its bytes, so keeping one table does not keep the whole
    entry in memory.

    Args:
        data: Bytes made by ``encode`` (or a cache file's content).
        names: Only these tables (default: all); the others are neither checked nor read.
        verify: Check the checksums (``False`` only for bytes ``encode`` just made in this run,
            e.g. a worker's result: nothing has touched them since they were checksummed).

    Raises:
        CacheCorruptError: If the bytes are truncated, altered or unreadable.
    """
    entries, body = _parsed(data, names)
    return _tables(entries, body, 0, verify=verify)


def subset(data: bytes, names: Iterable[str]) -> bytes:
    """Return cache-file bytes holding only the tables ``names`` of ``data`` (as ``encode`` would).

    The payloads and their checksums are copied as they are, not serialized or hashed again.

    Example:
        >>> sorted(decode_arrow(subset(encode({"a": df, "b": df}), ["a"])))  # doctest: +SKIP
        ['a']
    """
    wanted, body = _parsed(data, names)
    entries, chunks, offset = [], [], 0
    for entry in wanted:
        start, length = int(entry["offset"]), int(entry["length"])
        chunks.append(body[start : start + length])
        entries.append({**entry, "offset": offset})
        offset += length
    header = json.dumps({"tables": entries}, sort_keys=True).encode("utf-8")
    return b"".join([MAGIC, struct.pack("<Q", len(header)), header, *chunks])


def _parsed(data: bytes, names: Iterable[str] | None) -> tuple[list[dict[str, Any]], memoryview]:
    """The table entries (only ``names`` if given) and the payload bytes of a whole cache file."""
    hlen = _header_length(data[:16])
    if 16 + hlen > len(data):
        raise CacheCorruptError("truncated header")
    return _entries(data[16 : 16 + hlen], names), memoryview(data)[16 + hlen :]


def _header_length(lead: bytes) -> int:
    """The header length recorded in a cache file's first 16 bytes."""
    if len(lead) < 16 or lead[:8] != MAGIC:
        raise CacheCorruptError("bad magic or truncated header")
    (hlen,) = struct.unpack("<Q", lead[8:16])
    return int(hlen)


def _entries(header: bytes, names: Iterable[str] | None) -> list[dict[str, Any]]:
    """The header's table entries (name, offset, length, sha256), only ``names`` if given."""
    try:
        parsed = json.loads(header.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CacheCorruptError(f"unreadable header: {exc}") from None
    wanted = set(names) if names is not None else None
    return [e for e in parsed.get("tables", []) if wanted is None or str(e["name"]) in wanted]


def _tables(
    entries: list[dict[str, Any]],
    body: memoryview,
    base: int,
    *,
    verify: bool,
    keep: set[str] | None = None,
) -> dict[str, pa.Table]:
    """Decode the tables ``entries`` from ``body``, the payload bytes from offset ``base`` on.

    With ``keep``, every entry is checked but only those tables are decoded.
    """
    out: dict[str, pa.Table] = {}
    for entry in entries:
        start, length = int(entry["offset"]) - base, int(entry["length"])
        chunk = body[start : start + length]
        if (
            start < 0
            or len(chunk) != length
            or (verify and hashlib.sha256(chunk).hexdigest() != entry["sha256"])
        ):
            raise CacheCorruptError(f"table {entry['name']!r} fails its checksum")
        if keep is not None and str(entry["name"]) not in keep:
            continue
        # A table that is the whole body is used as it is; else it gets a copy of its own.
        whole = length == len(body)
        try:
            buf = pa.py_buffer(chunk if whole else bytes(chunk))
            table = pa.ipc.open_stream(buf).read_all()
        except pa.ArrowInvalid as exc:
            raise CacheCorruptError(f"table {entry['name']!r}: {exc}") from None
        out[str(entry["name"])] = table
    return out


def _read(
    path: Path, names: Iterable[str] | None, *, check_all: bool = False, verify: bool = True
) -> dict[str, pa.Table]:
    """Read and check the tables ``names`` (default: all) of one cache file.

    Only the bytes from the first to the last wanted table are read: the tables are stored in
    name order, so e.g. every table but ``tokens`` (the last and largest) skips most of a file.
    With ``check_all`` the whole file is read and every table's checksum checked; without
    ``verify`` no checksum is checked.
    """
    if check_all:
        every, body = _parsed(path.read_bytes(), None)
        wanted = None if names is None else set(names)
        return _tables(every, body, 0, verify=True, keep=wanted)
    with path.open("rb") as fh:
        hlen = _header_length(fh.read(16))
        header = fh.read(hlen)
        if len(header) != hlen:
            raise CacheCorruptError("truncated header")
        entries = _entries(header, names)
        if not entries:
            return {}
        try:
            lo = min(int(e["offset"]) for e in entries)
            hi = max(int(e["offset"]) + int(e["length"]) for e in entries)
        except (KeyError, TypeError, ValueError) as exc:
            raise CacheCorruptError(f"unreadable header: {exc}") from None
        if lo < 0 or hi < lo:
            raise CacheCorruptError("unreadable header: bad offsets")
        fh.seek(16 + hlen + lo)
        payload = fh.read(hi - lo)
    return _tables(entries, memoryview(payload), lo, verify=verify)


#: Public name of the encoder (workers return these bytes instead of pickled DataFrames).
encode = _encode


class Store:
    """A cache folder for one configuration key.

    Args:
        root: Cache root (``DEFAULT_DIR`` is ``.cache/analysis`` in the project folder).
        key: Configuration key from ``config_key``.

    Example:
        >>> store = Store(tmp_path, "abc")  # doctest: +SKIP
        >>> store.put("doc-sha", {"tokens": df}); store.get("doc-sha")["tokens"]  # doctest: +SKIP
    """

    def __init__(self, root: str | Path, key: str) -> None:
        self.root = Path(root)
        self.key = key
        self.folder = self.root / key
        self._run: Path | None = None  # this build's file in ``RUNS`` (``using``)

    @contextlib.contextmanager
    def using(self) -> Iterator[Store]:
        """Register a build that reads this store until the block ends.

        While it is registered, no other build (``supersede``) or ``clear`` deletes an entry:
        a build reads entries until its last table is written (a process of its own may read
        them too), so an entry deleted meanwhile would stop it. The registration is a file in
        ``RUNS`` under the cache root, locked (``flock``) while the build runs; the file of a
        build that died is unlocked and counts for nothing. Without ``fcntl`` (not POSIX)
        nothing is registered.

        Example:
            >>> with Store(tmp_path, "abc").using() as store:  # doctest: +SKIP
            ...     store.get_arrow("doc-sha")
        """
        if fcntl is None:  # pragma: no cover - not POSIX
            yield self
            return
        runs = self.root / RUNS
        runs.mkdir(parents=True, exist_ok=True)
        with _gate(self.root, exclusive=False):  # not while entries are being deleted
            fd, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".lock", dir=runs)
            with contextlib.suppress(OSError):  # without locks the file counts for nothing
                fcntl.flock(fd, fcntl.LOCK_EX)
        self._run = Path(name)
        try:
            yield self
        finally:
            self._run = None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            os.close(fd)  # releases the lock

    def path(self, doc_key: str) -> Path:
        """Return the file that holds (or would hold) one document's tables."""
        return self.folder / doc_key[:2] / f"{doc_key}.arrowpack"

    def get(self, doc_key: str) -> dict[str, pd.DataFrame] | None:
        """Return the cached tables of a document, or ``None`` if absent or corrupt."""
        tables = self.get_arrow(doc_key)
        return None if tables is None else {k: t.to_pandas() for k, t in tables.items()}

    def get_arrow(
        self,
        doc_key: str,
        names: Iterable[str] | None = None,
        *,
        check_all: bool = False,
        verify: bool = True,
    ) -> dict[str, pa.Table] | None:
        """Return the cached Arrow tables of a document, or ``None`` if absent or corrupt.

        ``names`` limits the tables read (see ``decode_arrow``); with ``check_all`` the other
        tables' checksums are checked too (an entry whose other tables are damaged is a miss).
        ``verify=False`` skips the checksums (only for an entry this build checked or wrote
        moments ago: entries are never changed in place); a truncated or unreadable table is
        still a miss.
        """
        p = self.path(doc_key)
        try:
            return _read(p, names, check_all=check_all and verify, verify=verify)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry %s unreadable (%s); recomputing", p.name, exc.strerror)
            return None
        except CacheCorruptError as exc:
            log.warning("cache entry %s is corrupt (%s); recomputing", p.name, exc)
            with contextlib.suppress(OSError):
                p.unlink()
            return None

    def put(self, doc_key: str, tables: Mapping[str, pd.DataFrame | pa.Table]) -> None:
        """Store a document's tables atomically (temporary file, then rename).

        Each table is serialized and written before the next one, so a large entry (the
        whole-corpus tables) holds at most one table's bytes in memory. The payloads are
        written behind room left for the header, which is filled in last (JSON padded with
        spaces); a header too long for that room is put in front by copying the payloads once.
        """
        p = self.path(doc_key)
        p.parent.mkdir(parents=True, exist_ok=True)
        entries = []
        offset = 0
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=p.parent)
        try:
            with os.fdopen(fd, "w+b") as fh:
                fh.write(bytes(16 + HEADER_ROOM))
                for name in sorted(tables):
                    data = _ipc(tables[name])
                    view = memoryview(data)
                    entries.append(
                        {
                            "name": name,
                            "offset": offset,
                            "length": data.size,
                            "sha256": hashlib.sha256(view).hexdigest(),
                        }
                    )
                    fh.write(view)
                    offset += data.size
                    del view, data
                header = json.dumps({"tables": entries}, sort_keys=True).encode("utf-8")
                if len(header) <= HEADER_ROOM:
                    fh.seek(0)
                    fh.write(MAGIC + struct.pack("<Q", HEADER_ROOM))
                    fh.write(header.ljust(HEADER_ROOM, b" "))
                else:
                    fh.seek(16 + HEADER_ROOM)
                    self._write([MAGIC + struct.pack("<Q", len(header)) + header], p, fh)
                    os.unlink(tmp)
                    return
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def supersede(self, lineage: str, doc_key: str, members: Iterable[str] = ()) -> list[Path]:
        """Record ``doc_key`` as the newest entry of ``lineage``; delete the entries it replaces.

        A lineage is a succession of entries of which only the newest is worth keeping (for the
        whole-corpus entries: one corpus folder, whose contents change between runs). The entry
        recorded before is deleted unless another lineage still records it. ``members`` are the
        entries the new one is made from (a corpus's documents): those the previous record
        listed and that neither this record nor any other lists are deleted too (the documents
        of files since changed or removed), so a corpus edited again and again keeps one set of
        entries. Records are small JSON files in ``LINEAGES`` under the store's folder. While
        another record is unreadable, or another build is registered (``using``), nothing is
        deleted: the entries to delete are listed in the record (``doomed``), and the next
        ``supersede`` of any lineage deletes those no record lists by then.

        Args:
            lineage: What the entries succeed each other for (e.g. a folder's resolved path).
            doc_key: The entry now current for it.
            members: Keys of the entries ``doc_key`` is made from.

        Returns:
            The entry files deleted.

        Example:
            >>> store.supersede("/data/a", "corpus-2", ["doc-1", "doc-3"])  # doctest: +SKIP
            [PosixPath('.../corpus-1.arrowpack'), PosixPath('.../doc-2.arrowpack')]
        """
        folder = self.folder / LINEAGES
        folder.mkdir(parents=True, exist_ok=True)
        record = folder / f"{hash_text(lineage)}.json"
        current = sorted(set(members))
        previous = _record(record)
        unchanged = previous is not None and (
            (previous["key"], previous["members"], previous["doomed"]) == (doc_key, current, [])
        )

        def write(doomed: Iterable[str] = ()) -> None:
            text = json.dumps(
                {"lineage": lineage, "key": doc_key, "members": current, "doomed": sorted(doomed)}
            )
            self._write([text.encode("utf-8")], record)

        if unchanged and not any(o and o["doomed"] for o in _records(folder, record).values()):
            return []  # the usual re-run: nothing to delete (read without the gate)
        with _gate(self.root, exclusive=True):
            # Read under the gate: a build that ends meanwhile has written its record by now.
            others = _records(folder, record)
            if None in others.values():  # what one records is unknown: keep everything for now
                if not unchanged:
                    write(_doomed(previous, []) - set(current) - {doc_key})
                return []
            known = {p: o for p, o in others.items() if o is not None}
            # What other lineages left to delete (their builds ran beside another one) goes too:
            # a folder that is never built again leaves nothing behind.
            doomed = _doomed(previous, known.values())
            doomed.difference_update(current, [doc_key])
            for o in known.values():
                doomed.difference_update(o["members"], [o["key"]])
            if _running(self.root, own=self._run):
                write(doomed)
                return []
            write()
            # No other build runs (one that starts waits for the gate), so no record changes
            # meanwhile: those whose entries go here are rewritten without them.
            for path, o in known.items():
                if o["doomed"]:
                    entry = {"lineage": o["lineage"], "key": o["key"], "members": o["members"]}
                    self._write([json.dumps({**entry, "doomed": []}).encode("utf-8")], path)
            gone = []
            for key in sorted(doomed):
                path = self.path(key)
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    gone.append(path)
        return gone

    def put_bytes(self, doc_key: str, data: bytes) -> None:
        """Store bytes made by ``encode`` atomically (temporary file, then rename)."""
        self._write([data], self.path(doc_key))

    @staticmethod
    def _write(chunks: list[bytes | memoryview], p: Path, rest: IO[bytes] | None = None) -> None:
        """Write ``chunks`` (then the rest of the file ``rest``) to ``p`` atomically."""
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
                if rest is not None:
                    shutil.copyfileobj(rest, fh, 16 << 20)
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


#: Folder (under a store's folder) of the records ``Store.supersede`` keeps.
LINEAGES = "lineages"
#: Folder (under the cache root) of the builds using the cache (``Store.using``).
RUNS = "runs"
#: File (in the cache root) locked while builds register (shared) or entries are deleted
#: (exclusive), so that no build starts reading while entries go.
GATE = ".gate"

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locking
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def _gate(root: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the cache root's ``GATE`` lock (waits for the holders of the other kind)."""
    if fcntl is None:  # pragma: no cover - not POSIX
        yield
        return
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / GATE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        except OSError as exc:  # a file system without locks: go on as without ``fcntl``
            log.warning("cache folder %s: cannot lock %s (%s)", root, GATE, exc)
        yield
    finally:
        os.close(fd)  # releases the lock


def _running(root: Path, *, own: Path | None = None) -> list[str]:
    """The registrations in ``RUNS`` of builds still running, but ``own`` (names: ``PID-...``).

    A registration not locked any more belongs to a build that died: it is deleted.
    """
    if fcntl is None:  # pragma: no cover - not POSIX
        return []
    running = []
    for path in sorted((root / RUNS).glob("*.lock")):
        if own is not None and path.name == own.name:  # ``own`` may be absolute, ``root`` not
            continue
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            running.append(path.name)
        except OSError:  # a file system without locks: no registration can be told apart
            pass
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        finally:
            os.close(fd)
    return running


def _json(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``, or ``None`` if the file is missing, unreadable or no object."""
    try:
        parsed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _records(folder: Path, own: Path) -> dict[Path, dict[str, Any] | None]:
    """The lineage records in ``folder`` but ``own`` (``_record``; ``None``: unreadable)."""
    return {p: _record(p) for p in sorted(folder.glob("*.json")) if p != own}


def _doomed(previous: dict[str, Any] | None, others: Iterable[dict[str, Any]]) -> set[str]:
    """The entries of ``previous`` (the record replaced) and those ``others`` left to delete."""
    doomed: set[str] = set()
    if previous is not None:
        doomed.update(previous["members"], previous["doomed"], [previous["key"]])
    for o in others:
        doomed.update(o["doomed"])
    return doomed


def _record(record: Path) -> dict[str, Any] | None:
    """A lineage record: entry key (``key``), members, entries left to delete (``doomed``), name.

    The name is ``lineage``. ``None`` if the record is missing or unreadable.
    """
    parsed = _json(record)
    if parsed is None:
        return None
    key, members = parsed.get("key"), parsed.get("members", [])
    doomed = parsed.get("doomed", [])
    if not isinstance(key, str) or not isinstance(members, list) or not isinstance(doomed, list):
        return None
    return {
        "key": key,
        "members": [str(m) for m in members],
        "doomed": [str(d) for d in doomed],
        "lineage": str(parsed.get("lineage", "")),
    }


#: What a configuration folder is named (``config_key``).
_CONFIG_NAME = re.compile(r"[0-9a-f]{16}")


def clear(root: str | Path = DEFAULT_DIR, *, keep: Iterable[str] | None = None) -> int:
    """Delete the cache folder, or the configuration folders not in ``keep``.

    Args:
        root: The cache root.
        keep: Configuration keys whose folders stay (e.g. ``docwork.config_keys()``: every key
            the installed code, data files and jieba can make). The folders of other keys were
            made by other versions of them and can never be read again: they are deleted; the
            other contents of ``root`` are kept. ``None`` deletes the whole cache folder.

    Returns:
        The number of cache files removed.

    Raises:
        AnalysisError: If a build using the cache is still running (``Store.using``); nothing
            is deleted.

    Example:
        >>> clear(".cache/analysis", keep=docwork.config_keys())  # doctest: +SKIP
        2056
    """
    p = Path(root)
    if not p.is_dir():
        return 0
    with _gate(p, exclusive=True):
        running = _running(p)
        if running:
            pids = ", ".join(sorted({name.split("-")[0] for name in running}))
            raise AnalysisError(
                f"cache folder {p} is in use by a build that is still running (process {pids}); "
                "run cache-clear again when it has finished"
            )
        if keep is None:
            return _remove(p)
        kept = set(keep)
        n = 0
        for folder in sorted(p.iterdir()):
            if folder.is_dir() and _CONFIG_NAME.fullmatch(folder.name) and folder.name not in kept:
                n += _remove(folder)
        return n


def _remove(folder: Path) -> int:
    """Delete ``folder`` and everything in it; return the number of cache files removed.

    The lock files (``GATE``, the registrations in ``RUNS``) are not counted.
    """
    n = sum(1 for x in folder.rglob("*") if x.is_file() and x.name != GATE and x.suffix != ".lock")
    shutil.rmtree(folder)
    return n
