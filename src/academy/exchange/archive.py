"""A folder of an assignment as one gzipped tar: made by the client, checked by the service, unpacked by both.

Everything that crosses the exchange is one of these: a release, a submission, a learner's feedback. The
service checks each before storing it, and whoever unpacks one checks it again, because a name inside an
archive is the sender's to choose: only plain files and folders, relative names without ``..``, and bounded
sizes pass. A name never becomes a path anywhere but under the folder it is unpacked into.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..errors import AcademyError

#: What one archive may hold: more than any module's notebooks and data, far less than would hurt the service.
MAX_ARCHIVE_BYTES = 25_000_000
MAX_UNPACKED_BYTES = 200_000_000
MAX_FILES = 1000


class ArchiveError(AcademyError):
    """An archive the exchange will not store or unpack; the message says why in plain words."""


def pack(folder: Path, ignore: Callable[[str, list[str]], set[str]] | None = None) -> bytes:
    """``folder``'s files (less what ``ignore`` drops, as :func:`shutil.copytree` asks it) as a gzipped tar."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as packed, \
            tarfile.open(fileobj=packed, mode="w") as tar:
        for here, dirs, files in os.walk(folder):
            dropped = set(ignore(here, dirs + files)) if ignore else set()
            dirs[:] = sorted(d for d in dirs if d not in dropped and not os.path.islink(os.path.join(here, d)))
            for name in sorted(f for f in files if f not in dropped):
                path = Path(here) / name
                if path.is_symlink() or not path.is_file():
                    continue
                tar.add(path, arcname=path.relative_to(folder).as_posix(), recursive=False, filter=_plain)
    data = buffer.getvalue()
    if len(data) > MAX_ARCHIVE_BYTES:
        raise ArchiveError(f"{folder.name} is {len(data) / 1e6:.1f} MB packed, over the exchange's "
                           f"{MAX_ARCHIVE_BYTES / 1e6:.0f} MB: remove large files you added (data copies, "
                           "outputs) and try again")
    return data


def _plain(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """No owner, group, time or odd mode travels: whoever unpacks owns what they unpack, and the same files
    always pack to the same bytes (so a release that has not changed is not released again)."""
    info.uid = info.gid = 0
    info.mtime = 0
    info.uname = info.gname = ""
    info.mode = 0o644
    return info


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if (not name or name.startswith("/") or "\\" in name or "\x00" in name or path.is_absolute()
            or any(part in ("..", "") for part in name.split("/")) or len(name) > 255):
        raise ArchiveError(f"the archive names a file outside its folder or with an unusable name: {name[:80]!r}")
    return path.as_posix().removeprefix("./")


def check(data: bytes) -> list[str]:
    """The names of the files in ``data``, once it has passed every rule; else ArchiveError saying which."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise ArchiveError(f"the archive is {len(data) / 1e6:.1f} MB, over the exchange's "
                           f"{MAX_ARCHIVE_BYTES / 1e6:.0f} MB")
    names, total = [], 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for count, member in enumerate(tar, start=1):
                if count > MAX_FILES:
                    raise ArchiveError(f"the archive holds more than {MAX_FILES} files")
                name = _safe_name(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise ArchiveError(f"the archive holds {name!r}, which is not a plain file (a link or device)")
                total += member.size
                if total > MAX_UNPACKED_BYTES:
                    raise ArchiveError(f"the archive unpacks to more than {MAX_UNPACKED_BYTES / 1e6:.0f} MB")
                names.append(name)
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise ArchiveError(f"the archive cannot be read as a gzipped tar ({exc})") from None
    if len(set(names)) != len(names):
        raise ArchiveError("the archive names the same file twice")
    # "a" and "a/b" cannot both be unpacked: refused here, not as an OSError part-way through a collect.
    clash = sorted(set(names) & {str(parent) for name in names for parent in PurePosixPath(name).parents})
    if clash:
        raise ArchiveError(f"the archive names {clash[0]!r} both as a file and as a folder")
    return names


def notebooks(names: list[str]) -> list[str]:
    """The notebooks at the top of an archive, by nbgrader's notebook id (the file name without .ipynb)."""
    return sorted(n[:-len(".ipynb")] for n in names if "/" not in n and n.endswith(".ipynb"))


def unpack(data: bytes, dest: Path, *, only_missing: bool = False) -> list[Path]:
    """Check ``data``, then write its files under ``dest``; ``only_missing`` keeps files already there.

    Returns the files written."""
    check(data)
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    written = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            target = (root / _safe_name(member.name)).resolve()
            if root not in target.parents:
                raise ArchiveError(f"the archive names a file outside its folder: {member.name[:80]!r}")
            if only_missing and target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None  # a regular file always has content
            with open(target, "wb") as out:
                out.write(source.read())
            written.append(target)
    return written


def replace_folder(data: bytes, dest: Path, timestamp: str) -> bool:
    """A submission unpacked as ``dest`` (``submitted/<learner>/<module>/``, as nbgrader's collect lays it out),
    whole or not at all, with the exchange's ``timestamp`` in timestamp.txt, never one the learner's folder
    carried. It is unpacked beside ``dest`` and swapped in, so a failure leaves ``dest`` as it was. Returns
    whether a folder was replaced."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.parent.name}.", dir=dest.parent))
    try:
        unpack(data, staging)
        (staging / "timestamp.txt").write_text(timestamp)
        replaced = dest.is_dir()
        if replaced:
            shutil.rmtree(dest)
        staging.rename(dest)
        return replaced
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def files(data: bytes) -> dict[str, bytes]:
    """Name -> content of every file in a checked archive (small archives only: feedback pages)."""
    check(data)
    out = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar:
            if member.isfile():
                source = tar.extractfile(member)
                assert source is not None
                out[_safe_name(member.name)] = source.read()
    return out


def of_files(contents: dict[str, bytes]) -> bytes:
    """A gzipped tar of ``name -> content`` (feedback pages, which are not in one folder of their own)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed, tarfile.open(fileobj=packed, mode="w") as tar:
        for name, content in sorted(contents.items()):
            info = _plain(tarfile.TarInfo(_safe_name(name)))
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()
