import errno
import json
import struct
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cache
from analysis.errors import AnalysisError


def tables() -> dict[str, pd.DataFrame]:
    return {
        "tokens": pd.DataFrame({"token": ["创一流", "争第一"], "start": [0, 4], "end": [3, 7]}),
        "hits": pd.DataFrame({"canonical": ["创一流、争第一、干唯一"], "quoted": [True]}),
    }


def test_roundtrip(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "k1")
    assert store.get("ab12") is None
    store.put("ab12", tables())
    got = store.get("ab12")
    assert got is not None
    pd.testing.assert_frame_equal(got["tokens"], tables()["tokens"])
    pd.testing.assert_frame_equal(got["hits"], tables()["hits"])


def body(data: bytes) -> bytes:
    """The table payloads of an entry (what follows its header)."""
    (hlen,) = struct.unpack("<Q", data[8:16])
    return data[16 + hlen :]


@pytest.mark.parametrize("room", [cache.HEADER_ROOM, 10])
def test_put_writes_the_tables_encode_makes(
    tmp_path: Path, room: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A header longer than the room left for it (10 bytes) is put in front of the tables.
    monkeypatch.setattr(cache, "HEADER_ROOM", room)
    store = cache.Store(tmp_path, "k1")
    store.put("ab12", tables())
    data = store.path("ab12").read_bytes()
    assert body(data) == body(cache.encode(tables()))
    assert sorted(cache.decode_arrow(data)) == ["hits", "tokens"]
    # No temporary file is left behind.
    assert sorted(p.name for p in store.folder.rglob("*")) == ["ab", "ab12.arrowpack"]


@pytest.mark.parametrize("damage", ["truncate", "flip", "magic", "empty"])
def test_corrupt_entry_is_a_miss_and_removed(tmp_path: Path, damage: str) -> None:
    store = cache.Store(tmp_path, "k1")
    store.put("ab12", tables())
    p = store.path("ab12")
    data = bytearray(p.read_bytes())
    if damage == "truncate":
        data = data[: len(data) - 10]
    elif damage == "flip":
        data[-5] ^= 0xFF
    elif damage == "magic":
        data[:8] = b"XXXXXXXX"
    else:
        data = bytearray()
    p.write_bytes(bytes(data))
    assert store.get("ab12") is None
    assert not p.exists()


def test_decode_without_verify_skips_only_the_checksums() -> None:
    data = bytearray(cache.encode(tables()))
    assert (
        cache.decode_arrow(bytes(data), verify=False).keys()
        == cache.decode_arrow(bytes(data)).keys()
    )
    (hlen,) = struct.unpack("<Q", data[8:16])
    header = json.loads(data[16 : 16 + hlen])
    header["tables"][0]["sha256"] = "0" * 64  # a wrong checksum, the table itself intact
    raw = json.dumps(header).encode()
    bad = cache.MAGIC + struct.pack("<Q", len(raw)) + raw + bytes(data[16 + hlen :])
    with pytest.raises(cache.CacheCorruptError, match="fails its checksum"):
        cache.decode_arrow(bad)
    assert sorted(cache.decode_arrow(bad, verify=False)) == ["hits", "tokens"]
    with pytest.raises(cache.CacheCorruptError, match="bad magic"):
        cache.decode_arrow(b"XXXXXXXX" + bytes(data[8:]), verify=False)


def test_config_key_changes_with_options_and_files(tmp_path: Path) -> None:
    f = tmp_path / "lex.csv"
    f.write_text("canonical\n创一流\n", encoding="utf-8")
    k1 = cache.config_key({"hmm": False}, extra_files=[f])
    assert k1 == cache.config_key({"hmm": False}, extra_files=[f])
    assert k1 != cache.config_key({"hmm": True}, extra_files=[f])
    f.write_text("canonical\n争第一\n", encoding="utf-8")
    assert k1 != cache.config_key({"hmm": False}, extra_files=[f])


def test_clear(tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "c", "k1")
    store.put("ab12", tables())
    store.put("cd34", tables())
    assert cache.clear(tmp_path / "c") == 2  # two entries
    assert not (tmp_path / "c").exists()
    assert cache.clear(tmp_path / "c") == 0


def test_clear_keeps_only_the_configuration_folders_asked_for(tmp_path: Path) -> None:
    root = tmp_path / "c"
    current, older, other = (cache.Store(root, k) for k in ("0" * 16, "1" * 16, "2" * 16))
    for store in (current, older, other):
        store.put("ab12", tables())
    (root / "notes").mkdir()  # not a configuration folder: kept
    (root / "notes" / "a.txt").write_text("x", encoding="utf-8")
    assert cache.clear(root, keep=["0" * 16]) == 2  # older's and other's entries
    assert sorted(p.name for p in root.iterdir() if p.name != cache.GATE) == ["0" * 16, "notes"]
    assert current.get_arrow("ab12") is not None
    assert cache.clear(root, keep=["0" * 16]) == 0
    assert cache.clear(tmp_path / "absent", keep=[]) == 0


def test_reading_some_tables_reads_and_checks_only_their_bytes(tmp_path: Path) -> None:
    # Tables are stored in name order ("hits" before "tokens"): damage to "tokens" does not
    # concern a read of "hits" alone, but is found when "tokens" is asked for.
    store = cache.Store(tmp_path, "k1")
    store.put("ab12", tables())
    p = store.path("ab12")
    data = bytearray(p.read_bytes())
    data[-5] ^= 0xFF
    p.write_bytes(bytes(data))
    got = store.get_arrow("ab12", names=["hits"])
    assert got is not None and sorted(got) == ["hits"]
    pd.testing.assert_frame_equal(got["hits"].to_pandas(), tables()["hits"])
    assert store.get_arrow("ab12", names=["tokens"]) is None
    assert not p.exists()


def test_reading_no_listed_table_returns_nothing(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "k1")
    store.put("ab12", tables())
    assert store.get_arrow("ab12", names=["metrics"]) == {}
    only = store.get_arrow("ab12", names=["tokens", "metrics"])
    assert only is not None and sorted(only) == ["tokens"]
    assert only["tokens"].to_pandas()["token"].tolist() == ["创一流", "争第一"]


def test_subset_keeps_the_tables_asked_for_with_their_checksums() -> None:
    data = cache.encode(tables())
    only = cache.subset(data, ["hits"])
    assert only == cache.encode({"hits": tables()["hits"]})
    assert sorted(cache.decode_arrow(only)) == ["hits"]
    assert sorted(cache.decode_arrow(cache.subset(data, ["tokens", "hits"]))) == ["hits", "tokens"]
    assert cache.decode_arrow(cache.subset(data, [])) == {}


def test_checking_all_tables_finds_damage_in_a_table_not_read(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "k1")
    store.put("ab12", tables())
    got = store.get_arrow("ab12", names=["hits"], check_all=True)
    assert got is not None and sorted(got) == ["hits"]
    p = store.path("ab12")
    data = bytearray(p.read_bytes())
    data[-5] ^= 0xFF  # inside "tokens", the last table
    p.write_bytes(bytes(data))
    assert store.get_arrow("ab12", names=["hits"], check_all=True) is None
    assert not p.exists()


def test_reading_without_checksums_still_refuses_a_truncated_entry(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "k1")
    store.put("ab12", tables())
    p = store.path("ab12")
    data = p.read_bytes()
    header_end = 16 + int.from_bytes(data[8:16], "little")
    header = json.loads(data[16:header_end])
    for entry in header["tables"]:
        entry["sha256"] = "0" * 64  # a checksum no payload has
    text = json.dumps(header).encode("utf-8").ljust(header_end - 16, b" ")
    p.write_bytes(data[:16] + text + data[header_end:])
    # Unchecked (an entry the build checked or wrote moments ago), the tables are read as stored.
    got = store.get_arrow("ab12", names=["tokens"], check_all=True, verify=False)
    assert got is not None and got["tokens"].column("token").to_pylist() == ["创一流", "争第一"]
    assert store.get_arrow("ab12", names=["tokens"]) is None  # checked: corrupt, and removed
    store.put("ab12", tables())
    p.write_bytes(p.read_bytes()[:-5])  # truncated
    assert store.get_arrow("ab12", names=["tokens"], verify=False) is None


def lineage_record(root: Path, lineage: str) -> dict[str, object]:
    path = root / "cfg" / cache.LINEAGES / f"{cache.hash_text(lineage)}.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_supersede_deletes_the_entry_a_lineage_recorded_before(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "cfg")
    for key in ("corpus-1", "corpus-2", "corpus-3"):
        store.put(key, tables())
    assert store.supersede("/data/a", "corpus-1") == []  # nothing recorded before
    assert store.supersede("/data/a", "corpus-1") == []  # the same entry again
    assert store.supersede("/data/a", "corpus-2") == [store.path("corpus-1")]
    assert not store.path("corpus-1").exists()
    # An entry another lineage still records is kept.
    assert store.supersede("/data/b", "corpus-2") == []
    assert store.supersede("/data/a", "corpus-3") == []
    assert store.path("corpus-2").exists()
    assert store.supersede("/data/b", "corpus-3") == [store.path("corpus-2")]
    assert store.get_arrow("corpus-3") is not None


def test_supersede_deletes_the_members_no_record_lists_any_more(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "cfg")
    for key in ("c1", "c2", "c3", "d1", "d2", "d3", "d4"):
        store.put(key, tables())
    assert store.supersede("/data/a", "c1", ["d1", "d2", "d2"]) == []
    assert store.supersede("/data/b", "c2", ["d2", "d3"]) == []
    # a's d1 changed into d4: d1 goes with c1; d2 stays (a and b list it).
    assert store.supersede("/data/a", "c3", ["d4", "d2"]) == [store.path("c1"), store.path("d1")]
    assert store.supersede("/data/a", "c3", ["d2", "d4"]) == []  # the same record again
    # b drops d2 and d3: d3 goes; d2 stays, as a lists it.
    assert store.supersede("/data/b", "c3", []) == [store.path("c2"), store.path("d3")]
    left = sorted(p.stem for p in tmp_path.rglob("*.arrowpack"))
    assert left == ["c3", "d2", "d4"]


def test_supersede_deletes_no_member_while_a_record_is_unreadable(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "cfg")
    for key in ("c1", "c2", "d1", "d2"):
        store.put(key, tables())
    store.supersede("/data/a", "c1", ["d1"])
    store.supersede("/data/b", "c1", ["d1"])
    record = tmp_path / "cfg" / cache.LINEAGES / f"{cache.hash_text('/data/b')}.json"
    record.write_text("{not json", encoding="utf-8")
    # c1 and d1 are kept: b might still record them.
    assert store.supersede("/data/a", "c2", ["d2"]) == []
    assert sorted(p.stem for p in tmp_path.rglob("*.arrowpack")) == ["c1", "c2", "d1", "d2"]


def test_supersede_tolerates_a_missing_entry_and_a_damaged_record(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "cfg")
    store.put("corpus-2", tables())
    store.supersede("/data/a", "corpus-1")  # recorded, though never stored
    assert store.supersede("/data/a", "corpus-2") == []
    for record in (tmp_path / "cfg" / cache.LINEAGES).glob("*.json"):
        record.write_text("{not json", encoding="utf-8")
    assert store.supersede("/data/a", "corpus-3") == []  # the old record is unreadable
    assert store.path("corpus-2").exists()


def test_supersede_keeps_the_entries_to_delete_while_another_build_runs(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "cfg")
    for key in ("c1", "c2", "d1", "d2"):
        store.put(key, tables())
    with store.using():
        store.supersede("/data/a", "c1", ["d1"])
        other = cache.Store(tmp_path, "cfg")
        with other.using():  # another build reads the cache: nothing goes
            assert store.supersede("/data/a", "c2", ["d2"]) == []
            assert lineage_record(tmp_path, "/data/a")["doomed"] == ["c1", "d1"]
        # this build's own registration does not count; the next supersede deletes them
        assert store.supersede("/data/a", "c2", ["d2"]) == [store.path("c1"), store.path("d1")]
    assert sorted(p.stem for p in tmp_path.rglob("*.arrowpack")) == ["c2", "d2"]
    assert not list((tmp_path / cache.RUNS).iterdir())  # registrations end with their builds


def test_own_registration_does_not_count_with_a_relative_cache_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build given ``--cache-dir cache`` (relative) must still delete what it supersedes:
    # otherwise every edited corpus leaves its whole-corpus entry behind for good.
    monkeypatch.chdir(tmp_path)
    store = cache.Store("cache", "cfg")
    for key in ("c1", "c2", "d1", "d2"):
        store.put(key, tables())
    with store.using():
        store.supersede("/data/a", "c1", ["d1"])
        assert store.supersede("/data/a", "c2", ["d2"]) == [store.path("c1"), store.path("d1")]
    assert sorted(p.stem for p in tmp_path.rglob("*.arrowpack")) == ["c2", "d2"]


@pytest.mark.parametrize("b_changes", [True, False])
def test_entries_left_by_a_lineage_never_built_again_go_with_any_other(
    tmp_path: Path, b_changes: bool
) -> None:
    store = cache.Store(tmp_path, "cfg")
    for key in ("c1", "c2", "c3", "d1", "d2", "d3"):
        store.put(key, tables())
    store.supersede("/data/b", "c3", ["d3", "d1"])
    store.supersede("/data/a", "c1", ["d1"])
    with cache.Store(tmp_path, "cfg").using():  # another build runs: a's old entries wait
        assert store.supersede("/data/a", "c2", ["d2"]) == []
    assert lineage_record(tmp_path, "/data/a")["doomed"] == ["c1"]  # d1: b lists it
    # a is never built again; b's next build deletes what a left (unless b lists it), whether
    # b's folder changed or not.
    if b_changes:
        gone = store.supersede("/data/b", "c1", ["d3"])
        # b's previous entry c3 goes, and d1 (no record lists it); c1 is b's entry now
        assert gone == [store.path("c3"), store.path("d1")]
        left = ["c1", "c2", "d2", "d3"]
    else:
        assert store.supersede("/data/b", "c3", ["d1", "d3"]) == [store.path("c1")]
        left = ["c2", "c3", "d1", "d2", "d3"]
    assert sorted(p.stem for p in tmp_path.rglob("*.arrowpack")) == left
    assert lineage_record(tmp_path, "/data/a") == {
        "lineage": "/data/a",
        "key": "c2",
        "members": ["d2"],
        "doomed": [],
    }
    assert store.supersede("/data/b", "c1" if b_changes else "c3", ["d1", "d3"][b_changes:]) == []


def test_kept_entries_another_lineage_lists_by_then_are_not_deleted(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "cfg")
    for key in ("c1", "c2", "d1", "d2"):
        store.put(key, tables())
    store.supersede("/data/a", "c1", ["d1"])
    with cache.Store(tmp_path, "cfg").using():
        assert store.supersede("/data/a", "c2", ["d2"]) == []
    store.supersede("/data/b", "c1", ["d1"])  # b now has what a had
    assert store.supersede("/data/a", "c2", ["d2"]) == []
    assert sorted(p.stem for p in tmp_path.rglob("*.arrowpack")) == ["c1", "c2", "d1", "d2"]


def test_clear_refuses_while_a_build_runs_and_ignores_dead_ones(tmp_path: Path) -> None:
    store = cache.Store(tmp_path, "cfg")
    store.put("d1", tables())
    with store.using():
        with pytest.raises(
            AnalysisError, match=r"in use by a build that is still running \(process \d+\)"
        ):
            cache.clear(tmp_path)
        with pytest.raises(AnalysisError, match="run cache-clear again when it has finished"):
            cache.clear(tmp_path, keep=[])
        assert store.path("d1").exists()
    # a build that died leaves its registration unlocked: it counts for nothing and goes
    (tmp_path / cache.RUNS / "99999-dead.lock").write_text("", encoding="utf-8")
    assert cache.clear(tmp_path) >= 1
    assert not tmp_path.exists()


def test_a_build_in_another_process_blocks_clear_until_it_ends(tmp_path: Path) -> None:
    code = (
        "import sys; from analysis import cache\n"
        f"with cache.Store({str(tmp_path)!r}, 'cfg').using():\n"
        "    print('registered', flush=True); sys.stdin.readline()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "registered"
        with pytest.raises(AnalysisError, match=f"process {proc.pid}"):
            cache.clear(tmp_path)
    finally:
        proc.communicate("\n", timeout=60)
    assert cache.clear(tmp_path) == 0  # nothing but the lock files
    assert not tmp_path.exists()


def test_a_file_system_without_locks_works_as_without_registration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(cache.fcntl, "flock", no_locks)
    store = cache.Store(tmp_path, "cfg")
    for key in ("c1", "c2"):
        store.put(key, tables())
    with store.using(), cache.Store(tmp_path, "cfg").using():
        store.supersede("/data/a", "c1")
        assert store.supersede("/data/a", "c2") == [store.path("c1")]
    assert "cannot lock" in caplog.text
    assert cache.clear(tmp_path) == 2  # c2 and the lineage record
