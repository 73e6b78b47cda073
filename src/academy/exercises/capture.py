"""Answers handed from a learner's kernel to the grader, as data only.

Code in a learner's kernel can replace anything in it, including our hidden
tests (``verify = lambda *a: None``). So during ``academy grade`` the hidden
tests also *record* each answer in the kernel's work folder, and the grader
checks the recorded answers again in its own process, where learner code
never ran. Forging a record gains nothing: the grader decides, on the
learner's own data (or, for functions, on data only the grader holds).

The format is data, never code: tagged JSON for plain values and Parquet for
tables, so reading a hostile record cannot run anything. The grader reads
records with :func:`read_untrusted`, which refuses links, pipes and huge files.
"""

from __future__ import annotations

import io
import json
import math
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .chart_reader import ChartData, chart_data

CAPTURE_ENV = "ACADEMY_CAPTURE_DIR"
MAX_RECORD_BYTES = 256 * 1024 * 1024


class CaptureError(ValueError):
    pass


def folder() -> Path | None:
    """The capture folder when running under ``academy grade``; None otherwise."""
    path = os.environ.get(CAPTURE_ENV, "").strip()
    return Path(path) if path else None


# ------------------------------------------------------------------- encoding
class _Encoder:
    def __init__(self) -> None:
        self.frames: dict[str, bytes] = {}

    def frame(self, df: pd.DataFrame) -> dict:
        """A table as Parquet, with what Parquet cannot hold kept beside it in the envelope: column labels
        that are not all text (criteria 0-4 and a 'Total') or not a plain index, and columns mixing text and
        numbers."""
        name = f"frame{len(self.frames)}.parquet"
        node: dict[str, Any] = {"file": name}
        # Parquet keeps a column index's own kind (categories from `unstack` on a category column) in metadata
        # it cannot read back, so any index but a plain one travels as its labels.
        if type(df.columns) is not pd.Index or not all(isinstance(c, str) for c in df.columns):
            node["columns"] = [self.encode(c, 1) for c in df.columns]
            df = df.set_axis([f"__column{i}" for i in range(df.shape[1])], axis=1)
        buffer = io.BytesIO()
        try:
            df.to_parquet(buffer)
        except Exception:  # a column of mixed kinds, as learners' tables often are: its values as plain data
            mixed = [i for i, c in enumerate(df.columns) if _mixed(df.iloc[:, i])]
            if not mixed or df.columns.has_duplicates:
                raise
            node["names"] = [str(c) for c in df.columns]
            node["values"] = [[i, [self.encode(_plain(v), 1) for v in df.iloc[:, i]]] for i in mixed]
            buffer = io.BytesIO()
            rest = df.drop(columns=[df.columns[i] for i in mixed])
            rest.insert(0, KEEP_ROWS, np.zeros(len(df), dtype=np.int8))  # rows and their labels survive with it
            rest.to_parquet(buffer)
        self.frames[name] = buffer.getvalue()
        return node

    def encode(self, value: Any, depth: int = 0) -> dict:
        if depth > 20:
            raise CaptureError("the answer is nested too deeply to record")
        if value is None or isinstance(value, (bool, str)):
            return {"t": "py", "v": value}
        if isinstance(value, (int, float)) and not isinstance(value, np.generic):
            if isinstance(value, float) and not math.isfinite(value):
                return {"t": "float", "v": repr(value)}
            return {"t": "py", "v": value}
        if isinstance(value, np.generic):
            item = value.item()
            if isinstance(item, float) and not math.isfinite(item):
                item = repr(item)
            return {"t": "np", "dtype": value.dtype.str, "v": item if not isinstance(item, bytes) else item.hex()}
        if isinstance(value, (list, tuple)):
            return {"t": type(value).__name__, "v": [self.encode(v, depth + 1) for v in value]}
        if isinstance(value, dict):
            return {"t": "dict",
                    "v": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]}
        if isinstance(value, pd.DataFrame):
            return {"t": "frame", **self.frame(value)}
        if isinstance(value, pd.Series):
            name = value.name
            return {"t": "series", "name": self.encode(name, depth + 1),
                    **self.frame(value.to_frame(name="__value__"))}
        if isinstance(value, pd.Index):
            return {"t": "index", "name": self.encode(value.name, depth + 1), **self.frame(pd.DataFrame(index=value))}
        if isinstance(value, np.ndarray):
            return {"t": "ndarray", "dtype": value.dtype.str, "v": self.encode(value.tolist(), depth + 1)}
        if isinstance(value, (pd.Timestamp, pd.Timedelta, pd.Period)):
            return {"t": type(value).__name__, "v": str(value),
                    **({"freq": value.freqstr} if isinstance(value, pd.Period) else {})}
        if isinstance(value, FunctionResult):
            return {"t": "called", "v": self.encode(value.output, depth + 1),
                    "error": list(value.error) if value.error else None}
        chart = chart_data(value)
        if chart is not None:
            return {"t": "chart", "v": chart.to_dict()}
        return {"t": "unsupported", "type": f"{type(value).__module__}.{type(value).__qualname__}"}


#: The column that carries a table's rows through Parquet when every other column is kept beside it.
KEEP_ROWS = "__rows__"


def _mixed(column: pd.Series) -> bool:
    """An object column whose values are of more than one kind (text and numbers), which Parquet refuses."""
    return column.dtype == object and column.dropna().map(type).nunique() > 1


def _plain(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _restore(df: pd.DataFrame, node: dict, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Put back what :meth:`_Encoder.frame` kept beside the Parquet: mixed columns, then the labels."""
    values, names = node.get("values"), node.get("names")
    if values is not None:
        if not (isinstance(values, list) and isinstance(names, list) and all(isinstance(n, str) for n in names)
                and len(names) == df.shape[1] - 1 + len(values)):
            raise CaptureError("the answer record is damaged")
        for item in values:
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], int)
                    and 0 <= item[0] < len(names) and isinstance(item[1], list) and len(item[1]) == len(df)):
                raise CaptureError("the answer record is damaged")
        if KEEP_ROWS not in df.columns:
            raise CaptureError("the answer record is damaged")
        df = df.drop(columns=[KEEP_ROWS])
        for position, encoded in sorted(values):
            df.insert(position, names[position], pd.Series([_decode(v, frames) for v in encoded],
                                                           index=df.index, dtype=object))
    labels = node.get("columns")
    if labels is not None:
        if not isinstance(labels, list) or len(labels) != df.shape[1]:
            raise CaptureError("the answer record is damaged")
        df = df.set_axis([_freeze(_decode(c, frames)) for c in labels], axis=1)
    return df


class FunctionResult:
    """What a learner's function gave on their own tables: its output, or the error it stopped with.

    A function cannot cross to the checker (that would be code); its result can, as data. On the other
    side it comes back as :class:`Replayed`, which checks call like the function itself.
    """

    def __init__(self, output: Any = None, error: tuple[str, str] | None = None) -> None:
        self.output, self.error = output, error

    @classmethod
    def of(cls, fn: Any, tables: list[pd.DataFrame]) -> FunctionResult:
        try:
            return cls(fn(*[t.copy() for t in tables]))
        except Exception as exc:  # the learner's function failing is an answer too
            return cls(None, (type(exc).__name__, str(exc)[:2000]))


class Replayed:
    """A learner's function as the checker sees it: called, it gives what it gave in their kernel."""

    def __init__(self, output: Any, error: tuple[str, str] | None) -> None:
        self._output, self._error = output, error

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._error:
            name, message = self._error
            safe = name if name.isidentifier() else "Error"
            raise type(safe, (Exception,), {})(message)
        return self._output

    def __repr__(self) -> str:
        return "<your function>"


class Unrecorded:
    """Stands in for an answer of a kind the grader cannot record; checks reject it."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<a {self.type_name}, which the grader cannot check>"


def _decode(node: Any, frames: dict[str, pd.DataFrame]) -> Any:
    if not isinstance(node, dict) or "t" not in node:
        raise CaptureError("the answer record is damaged")
    t, v = node["t"], node.get("v")
    if t == "py":
        return v
    if t == "float":
        return float(v)
    if t == "np":
        dtype = np.dtype(node["dtype"])
        if dtype.kind in "OV":
            raise CaptureError("the answer record is damaged")
        if isinstance(v, str) and dtype.kind == "f":
            v = float(v)
        if dtype.kind == "S":
            v = bytes.fromhex(v)
        return dtype.type(v)
    if t in ("list", "tuple"):
        items = [_decode(x, frames) for x in v]
        return items if t == "list" else tuple(items)
    if t == "dict":
        return {_freeze(_decode(k, frames)): _decode(x, frames) for k, x in v}
    if t in ("frame", "series", "index"):
        df = frames.get(node.get("file", ""))
        if df is None:
            raise CaptureError("the answer record is missing its table")
        df = _restore(df, node, frames)
        if t == "frame":
            return df
        if t == "index":
            return df.index.rename(_decode(node["name"], frames))
        return df["__value__"].rename(_decode(node["name"], frames))
    if t == "ndarray":
        dtype = np.dtype(node["dtype"])
        return np.array(_decode(v, frames), dtype=dtype if dtype.kind != "V" else object)
    if t == "Timestamp":
        return pd.Timestamp(v)
    if t == "Timedelta":
        return pd.Timedelta(v)
    if t == "Period":
        return pd.Period(v, freq=node.get("freq"))
    if t == "chart":
        return ChartData.from_dict(v)
    if t == "unsupported":
        return Unrecorded(str(node.get("type", "value")))
    if t == "called":
        error = node.get("error")
        well_formed = isinstance(error, list) and len(error) == 2 and all(isinstance(e, str) for e in error)
        if error is not None and not well_formed:
            raise CaptureError("the answer record is damaged")
        return Replayed(_decode(v, frames), tuple(error) if error else None)
    raise CaptureError("the answer record is damaged")


def _freeze(key: Any) -> Any:
    return tuple(_freeze(k) for k in key) if isinstance(key, list) else key


# -------------------------------------------------------------- in memory
def encode(value: Any, earlier: dict[str, Any] | None = None) -> tuple[dict, dict[str, bytes]]:
    """``value`` as an envelope (JSON-ready) and its tables as Parquet bytes by name; never raises.

    ``earlier``: the learner's own answers to the exercises this one builds on, sent beside it (dropped, not
    failed, when one cannot be recorded: the check then compares with the reference).
    """
    encoder = _Encoder()
    try:
        envelope = {"answer": encoder.encode(value)}
    except Exception as exc:
        return {"answer": {"t": "unsupported", "type": f"value that could not be recorded ({type(exc).__name__})"}}, {}
    if earlier:
        try:
            envelope["earlier"] = encoder.encode({str(k): v for k, v in earlier.items()})
        except Exception:
            pass
    return envelope, encoder.frames


def _decode_node(node: Any, frames: dict[str, bytes]) -> Any:
    tables = {}
    for name in _frame_names(node):
        if name not in frames:
            raise CaptureError("the answer record is missing its table")
        try:
            tables[name] = pd.read_parquet(io.BytesIO(frames[name]))
        except Exception:
            raise CaptureError("a table in the answer is damaged") from None
    return _decode(node, tables)


def decode(envelope: Any, frames: dict[str, bytes]) -> Any:
    """The value back from :func:`encode`'s parts, which may come from anyone: data only, damage refused."""
    if not isinstance(envelope, dict):
        raise CaptureError("the answer record is damaged")
    return _decode_node(envelope.get("answer"), frames)


def decode_earlier(envelope: Any, frames: dict[str, bytes]) -> dict[str, Any]:
    """The earlier answers sent beside an answer (empty when none were, or they cannot be read)."""
    if not isinstance(envelope, dict) or envelope.get("earlier") is None:
        return {}
    try:
        earlier = _decode_node(envelope["earlier"], frames)
    except CaptureError:
        return {}
    return {k: v for k, v in earlier.items() if isinstance(k, str)} if isinstance(earlier, dict) else {}


# ---------------------------------------------------------------- file access
def _record_folder(root: Path, key: str) -> Path:
    if not key.replace(".", "").replace("_", "").isalnum():
        raise CaptureError(f"bad record name {key!r}")
    return root / key


def save(key: str, value: Any, root: Path | None = None) -> None:
    """Record ``value`` under ``key`` (e.g. ``m02.q1``). Called in the learner's kernel."""
    root = root or folder()
    if root is None:
        return
    envelope, frames = encode(value)  # recording must never break the test itself
    record = _record_folder(root, key)
    record.mkdir(parents=True, exist_ok=True)
    for name, data in frames.items():
        (record / name).write_bytes(data)
    (record / "answer.json").write_text(json.dumps(envelope))


def read_untrusted(path: Path, limit: int = MAX_RECORD_BYTES) -> bytes:
    """Read a file a learner's code could have tampered with: no links, no pipes, bounded size."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        raise CaptureError(f"no record {path.name}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CaptureError(f"{path.name} is not a plain file")
        if info.st_size > limit:
            raise CaptureError(f"{path.name} is larger than {limit // (1024 * 1024)} MB")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(limit + 1)
    finally:
        os.close(fd)


def load(key: str, root: Path) -> Any:
    """Read a recorded answer back, in the grader's process."""
    record = _record_folder(root, key)
    if record.is_symlink() or not record.is_dir():
        raise CaptureError(f"no record of the answer to {key}")
    try:
        envelope = json.loads(read_untrusted(record / "answer.json", limit=64 * 1024 * 1024))
    except (ValueError, UnicodeDecodeError):
        raise CaptureError(f"the record of {key} is damaged") from None
    frames = {}
    for name in _frame_names(envelope.get("answer")):
        try:
            frames[name] = pd.read_parquet(io.BytesIO(read_untrusted(record / name)))
        except CaptureError:
            raise
        except Exception:
            raise CaptureError(f"the table recorded for {key} is damaged") from None
    return _decode(envelope.get("answer"), frames)


def _frame_names(node: Any) -> list[str]:
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("file"), str) and node["file"].startswith("frame") and "/" not in node["file"]:
            found.append(node["file"])
        for value in node.values():
            found += _frame_names(value)
    elif isinstance(node, list):
        for value in node:
            found += _frame_names(value)
    return found


def save_inputs(key: str, tables: dict[str, pd.DataFrame], root: Path) -> None:
    """The grader's unseen data for a function exercise, put where the kernel can read it, in argument order."""
    folder_ = _record_folder(root / "inputs", key)
    folder_.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_parquet(folder_ / f"{name}.parquet")
    (folder_ / "order.json").write_text(json.dumps(list(tables)))


def load_inputs(key: str, names: tuple[str, ...] | None, root: Path) -> list[pd.DataFrame] | None:
    """In the kernel: the unseen data the grader left (``names`` default: its argument order), or None."""
    folder_ = _record_folder(root / "inputs", key)
    try:
        if names is None:
            names = tuple(str(n) for n in json.loads((folder_ / "order.json").read_text()))
        return [pd.read_parquet(folder_ / f"{name}.parquet") for name in names]
    except (OSError, ValueError, TypeError):
        return None
