"""The exchange's archives: a folder crosses whole, the same files make the same bytes, and an archive a learner
built by hand cannot write anywhere but the folder it is unpacked into."""

from __future__ import annotations

import gzip
import io
import os
import random
import shutil
import tarfile
from pathlib import Path

import pytest

from academy.exchange import archive
from academy.exchange.archive import ArchiveError


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def everything_under(folder: Path) -> set[str]:
    """Every path (files, folders, links) under ``folder``, to see that a refusal wrote nothing."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def write(folder: Path, contents: dict[str, bytes]) -> Path:
    for name, content in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return folder


def regular(name: str, content: bytes = b"x") -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    return info, content


def special(name: str, kind: bytes, linkname: str = "") -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return info, b""


def hand_made(members: list[tuple[tarfile.TarInfo, bytes]]) -> bytes:
    """A gzipped tar written member by member, as someone crafting a hostile archive would."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as packed, tarfile.open(fileobj=packed, mode="w") as tar:
        for info, content in members:
            tar.addfile(info, io.BytesIO(content) if info.isfile() else None)
    return buffer.getvalue()


ASSIGNMENT = {
    "m01.ipynb": b'{"cells": []}',
    "data/claimants.csv": b"ward,count\nA,3\n",
    "data/deeper/raw.bin": bytes(range(256)) * 40,
    "empty.txt": b"",
}


def test_a_folder_unpacks_to_the_same_files_it_was_packed_from(tmp_path):
    source = write(tmp_path / "m01", ASSIGNMENT)
    written = archive.unpack(archive.pack(source), tmp_path / "copy")
    assert files_under(tmp_path / "copy") == ASSIGNMENT
    assert sorted(p.relative_to((tmp_path / "copy").resolve()).as_posix() for p in written) == sorted(ASSIGNMENT)


def test_the_same_files_pack_to_the_same_bytes_whatever_their_times_modes_or_order(tmp_path):
    first = write(tmp_path / "first", ASSIGNMENT)
    second = write(tmp_path / "second", dict(reversed(list(ASSIGNMENT.items()))))
    for path in second.rglob("*"):
        os.utime(path, (1_000_000, 1_000_000))
        if path.is_file():
            path.chmod(0o600)
    assert archive.pack(first) == archive.pack(first) == archive.pack(second)
    (second / "m01.ipynb").write_bytes(b'{"cells": [1]}')
    assert archive.pack(second) != archive.pack(first)


def test_packing_leaves_out_links_and_what_ignore_drops(tmp_path):
    (tmp_path / "secret.txt").write_text("someone else's")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "theirs.ipynb").write_text("{}")
    source = write(tmp_path / "m01", {"m01.ipynb": b"{}", ".ipynb_checkpoints/m01-checkpoint.ipynb": b"{}"})
    (source / "linked.txt").symlink_to(tmp_path / "secret.txt")
    (source / "linked_folder").symlink_to(tmp_path / "elsewhere")
    names = archive.check(archive.pack(source, ignore=shutil.ignore_patterns(".ipynb_checkpoints")))
    assert names == ["m01.ipynb"]


def test_a_folder_too_large_for_the_exchange_is_refused_by_name(tmp_path, monkeypatch):
    source = write(tmp_path / "m01", {"m01.ipynb": random.Random(1).randbytes(5000)})
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", 1000)
    with pytest.raises(ArchiveError, match=r"m01 is .* MB packed.*remove large files"):
        archive.pack(source)


HOSTILE = {
    "a parent-folder name": ([regular("../evil.txt")], "outside its folder"),
    "a parent-folder name deeper down": ([regular("data/../../evil.txt")], "outside its folder"),
    "an absolute name": ([regular("/evil.txt")], "outside its folder"),
    "a backslashed name": ([regular("..\\evil.txt")], "outside its folder"),
    "an empty name part": ([regular("data//evil.txt")], "outside its folder"),
    "a symbolic link": ([special("link", tarfile.SYMTYPE, "/etc/passwd")], "not a plain file"),
    "a hard link": ([regular("m01.ipynb"), special("copy", tarfile.LNKTYPE, "m01.ipynb")], "not a plain file"),
    "a device": ([special("disk", tarfile.BLKTYPE)], "not a plain file"),
    "a pipe": ([special("pipe", tarfile.FIFOTYPE)], "not a plain file"),
    "the same name twice": ([regular("m01.ipynb", b"one"), regular("m01.ipynb", b"two")], "same file twice"),
    "the same name twice, spelt differently": ([regular("a/b.txt"), regular("./a/b.txt")], "same file twice"),
    "a name as file and folder": ([regular("data"), regular("data/x.csv")], "both as a file and as a folder"),
    "a name as folder then file": ([regular("data/x.csv"), regular("data")], "both as a file and as a folder"),
    "too many files": ([regular(f"f{i}.txt") for i in range(archive.MAX_FILES + 1)], "more than 1000 files"),
}


@pytest.mark.parametrize("members,words", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_archive_is_refused_in_plain_words_and_writes_nothing(tmp_path, members, words):
    data = hand_made(members)
    before = everything_under(tmp_path)
    with pytest.raises(ArchiveError, match=words):
        archive.check(data)
    for only_missing in (False, True):
        with pytest.raises(ArchiveError, match=words):
            archive.unpack(data, tmp_path / "dest", only_missing=only_missing)
    with pytest.raises(ArchiveError, match=words):
        archive.files(data)
    assert everything_under(tmp_path) == before


def test_an_absolute_name_is_refused_and_nothing_is_written_there(tmp_path):
    target = tmp_path / "evil.txt"
    with pytest.raises(ArchiveError, match="outside its folder"):
        archive.unpack(hand_made([regular(str(target))]), tmp_path / "dest")
    assert everything_under(tmp_path) == set()


def test_an_archive_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1000)
    data = hand_made([regular("a.csv", b"x" * 600), regular("b.csv", b"y" * 600)])
    with pytest.raises(ArchiveError, match="unpacks to more than"):
        archive.unpack(data, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()
    assert archive.check(hand_made([regular("a.csv", b"x" * 600)])) == ["a.csv"]


def test_an_archive_over_the_size_limit_is_refused_before_it_is_read(monkeypatch):
    data = hand_made([regular("a.csv", random.Random(2).randbytes(3000))])
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", 1000)
    with pytest.raises(ArchiveError, match="over the exchange's"):
        archive.check(data)


@pytest.mark.parametrize("data", [
    b"", b"hello, this is not an archive", gzip.compress(b"gzip, but not a tar " * 50),
    b"\x1f\x8b\x08\x00broken gzip header",
], ids=["empty", "text", "gzipped-not-tar", "broken-gzip"])
def test_bytes_that_are_not_a_gzipped_tar_are_refused(tmp_path, data):
    with pytest.raises(ArchiveError, match="cannot be read as a gzipped tar"):
        archive.unpack(data, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


def test_an_uncompressed_tar_is_refused(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info, content = regular("m01.ipynb")
        tar.addfile(info, io.BytesIO(content))
    with pytest.raises(ArchiveError, match="cannot be read as a gzipped tar"):
        archive.check(buffer.getvalue())


def test_damaged_archives_are_read_or_refused_never_crash(tmp_path):
    """Whatever arrives, the service answers with a message, not a traceback."""
    good = archive.of_files({f"data/n{i}.ipynb": random.Random(i).randbytes(2000) for i in range(4)})
    for seed in range(200):
        rng = random.Random(seed)
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if seed % 3 == 0:
            damaged = damaged[:rng.randrange(len(damaged))]
        try:
            archive.unpack(bytes(damaged), tmp_path / f"dest{seed}")
        except ArchiveError:
            pass


def test_a_link_already_in_the_folder_cannot_lead_a_file_outside_it(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "secret.txt").write_text("keep me")
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "data").symlink_to(outside)
    (dest / "m01.ipynb").symlink_to(tmp_path / "secret.txt")
    for members in ([regular("data/evil.csv")], [regular("m01.ipynb", b"overwritten")]):
        for only_missing in (False, True):
            with pytest.raises(ArchiveError, match="outside its folder"):
                archive.unpack(hand_made(members), dest, only_missing=only_missing)
    assert list(outside.iterdir()) == []
    assert (tmp_path / "secret.txt").read_text() == "keep me"


def test_only_missing_keeps_the_files_already_there(tmp_path):
    data = archive.of_files({"m01.ipynb": b"as released", "data/claimants.csv": b"fresh data"})
    dest = write(tmp_path / "m01", {"m01.ipynb": b"the learner's answers"})
    written = archive.unpack(data, dest, only_missing=True)
    assert files_under(dest) == {"m01.ipynb": b"the learner's answers", "data/claimants.csv": b"fresh data"}
    assert written == [(dest / "data" / "claimants.csv").resolve()]
    archive.unpack(data, dest)
    assert files_under(dest)["m01.ipynb"] == b"as released"


def test_named_files_cross_whole_and_only_top_level_notebooks_count(tmp_path):
    pages = {"m01.html": b"<p>well done</p>", "extra/m02.ipynb": b"{}", "m03.ipynb": b"{}"}
    data = archive.of_files(pages)
    assert archive.files(data) == pages
    assert archive.of_files(dict(reversed(list(pages.items())))) == data
    assert archive.notebooks(archive.check(data)) == ["m03"]
