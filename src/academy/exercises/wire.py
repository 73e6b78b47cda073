"""Answers and tables as one HTTP body: a zip of the grader's record format (JSON + Parquet), never pickle.

The same encoding ``capture`` writes to disk under ``academy grade``: an
``answer.json`` envelope of tagged plain values, plus one Parquet file per
table. A bundle may come from anyone, so unpacking reads only those names,
bounds every size, and never turns a name into a path.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pandas as pd

from .capture import CaptureError, decode, decode_earlier, encode

#: The largest body a check may send or a module's tables may take (a module's tables are a few MB).
MAX_BUNDLE_BYTES = 32 * 1024 * 1024
MAX_ENTRIES = 200
_FRAME = re.compile(r"^frame\d{1,4}\.parquet$")
_TABLE = re.compile(r"^((tables/[A-Za-z_][A-Za-z0-9_]{0,63}|givens/frame\d{1,4})\.parquet"
                    r"|files/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})$")
#: A file a module hands the learner to read themselves: a plain name, never a path.
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


class BundleError(CaptureError):
    """A body that is not a bundle we made, in words for the person who sent it."""


def _write(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:  # Parquet is compressed already
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _read(data: bytes, allowed: re.Pattern[str], envelope: str | None) -> dict[str, bytes]:
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(f"the answer is larger than {MAX_BUNDLE_BYTES // (1024 * 1024)} MB")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BundleError("the body is not an answer bundle") from None
    if len(infos) > MAX_ENTRIES:
        raise BundleError("the answer has too many parts")
    files, total = {}, 0
    for info in infos:
        if info.filename != envelope and not allowed.match(info.filename):
            raise BundleError("the answer bundle has a part it should not have")
        total += info.file_size
        if total > MAX_BUNDLE_BYTES:
            raise BundleError(f"the answer unpacks to more than {MAX_BUNDLE_BYTES // (1024 * 1024)} MB")
        files[info.filename] = z.read(info)
    return files


def pack_answer(value: Any, earlier: dict[str, Any] | None = None) -> bytes:
    """An answer, and the learner's own answers to the exercises it builds on (``earlier``), as one body."""
    envelope, frames = encode(value, earlier)
    return _write({"answer.json": json.dumps(envelope).encode(), **frames})


def unpack_check(data: bytes) -> tuple[Any, dict[str, Any]]:
    """(the answer, the earlier answers sent with it) from :func:`pack_answer`."""
    files = _read(data, _FRAME, "answer.json")
    if "answer.json" not in files:
        raise BundleError("the answer bundle has no answer in it")
    try:
        envelope = json.loads(files.pop("answer.json"))
    except (ValueError, UnicodeDecodeError):
        raise BundleError("the answer bundle is damaged") from None
    return decode(envelope, files), decode_earlier(envelope, files)


def unpack_answer(data: bytes) -> Any:
    return unpack_check(data)[0]


def pack_tables(tables: dict[str, pd.DataFrame], info: dict, extra: dict[str, bytes] | None = None,
                files: dict[str, bytes] | None = None) -> bytes:
    """A learner's tables, what the notebook needs to know of the module (``info.json``), the tables
    of its givens (``extra``: :func:`capture.encode`'s frames for ``info["givens"]``) and the files
    they read themselves (``files``: name -> bytes)."""
    published = files or {}
    files = {}
    for name, data in published.items():
        if not FILE_NAME.match(name):
            raise ValueError(f"a module's file must have a plain name (letters, digits, '.', '_', '-'): {name!r}")
        files[f"files/{name}"] = data
    for name, df in tables.items():
        buffer = io.BytesIO()
        df.to_parquet(buffer)
        files[f"tables/{name}.parquet"] = buffer.getvalue()
    files.update({f"givens/{name}": data for name, data in (extra or {}).items()})
    files["info.json"] = json.dumps(info).encode()
    return _write(files)


def unpack_tables(data: bytes) -> tuple[dict[str, pd.DataFrame], dict, dict, dict[str, bytes]]:
    """(tables, info, givens, files) from :func:`pack_tables`."""
    files = _read(data, _TABLE, "info.json")
    try:
        info = json.loads(files.pop("info.json", b"{}"))
        tables = {name[len("tables/"): -len(".parquet")]: pd.read_parquet(io.BytesIO(raw))
                  for name, raw in files.items() if name.startswith("tables/")}
        frames = {name[len("givens/"):]: raw for name, raw in files.items() if name.startswith("givens/")}
        givens = decode(info.get("givens", {"answer": {"t": "dict", "v": []}}), frames)
        published = {name[len("files/"):]: raw for name, raw in files.items() if name.startswith("files/")}
    except CaptureError:
        raise
    except Exception:
        raise BundleError("the module's data arrived damaged") from None
    if not isinstance(givens, dict) or not isinstance(info, dict):
        raise BundleError("the module's data arrived damaged")
    return tables, info, givens, published
