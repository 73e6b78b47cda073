"""Writing datasets to disk: same seed, same bytes, and never half a dataset.

Every format is written so that the bytes depend only on the data: xlsx files
are zip archives that normally carry the time they were written, so those
timestamps are pinned. A dataset is written into a hidden temporary folder
beside its destination and moved into place only once every file is complete,
so an error or Ctrl-C leaves the previous version (or nothing) behind.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._core import Dataset, DatasetError

FORMATS = ("parquet", "csv", "xlsx", "json")
XLSX_MAX_ROWS = 1_048_576
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def constant(data: bytes) -> Callable[[], bytes]:
    """A file's bytes already made, in the shape ``write_atomically`` takes (a callable, so big files are lazy)."""
    return lambda: data


def check_format(fmt: str) -> str:
    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise DatasetError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    fmt = check_format(fmt)
    if fmt == "csv":
        return df.to_csv(index=False, lineterminator="\n", date_format=_csv_date_format(df)).encode("utf-8")
    if fmt == "json":
        return df.to_json(orient="records", date_format="iso", indent=1).encode("utf-8") + b"\n"
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
        return buf.getvalue()
    if len(df) + 1 > XLSX_MAX_ROWS:
        raise DatasetError(
            f"{len(df):,} rows do not fit in one Excel sheet (limit {XLSX_MAX_ROWS - 1:,}); use csv or parquet"
        )
    return xlsx_bytes([list(df.columns)] + _rows(df))


def _csv_date_format(df: pd.DataFrame) -> str | None:
    """Dates without a time print as 2024-03-31, not 2024-03-31 00:00:00."""
    dt = [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]
    if dt and all((df[c].dropna().dt.normalize() == df[c].dropna()).all() for c in dt):
        return "%Y-%m-%d"
    return None


def _rows(df: pd.DataFrame) -> list[list[Any]]:
    cols = []
    for name in df.columns:
        s = df[name]
        if pd.api.types.is_datetime64_any_dtype(s):
            vals = [None if pd.isna(x) else x.to_pydatetime() for x in s]
        elif isinstance(s.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(s):
            vals = [None if pd.isna(x) else str(x) for x in s]
        elif pd.api.types.is_bool_dtype(s):
            vals = [bool(x) for x in s]
        else:
            vals = [None if pd.isna(x) else x.item() if isinstance(x, np.generic) else x for x in s]
        cols.append(vals)
    return [list(r) for r in zip(*cols)]


def xlsx_bytes(rows: Sequence[Sequence[Any]], title_rows: Sequence[str] = (), sheet: str = "Data") -> bytes:
    """An xlsx workbook whose bytes depend only on ``rows``."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.creator = "Council Data Academy (synthetic data)"
    wb.properties.created = wb.properties.modified = datetime(2000, 1, 1)
    ws = wb.create_sheet(sheet)
    for title in title_rows:
        ws.append([title])
    for row in rows:
        ws.append(list(row))
    raw = io.BytesIO()
    wb.save(raw)
    return _pin_zip_times(raw.getvalue())


def _pin_zip_times(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time here whatever we set beforehand.
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def _jsonable(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return json.loads(value.to_json(orient="records", date_format="iso"))
    if isinstance(value, pd.Series):
        return _jsonable(value.tolist())
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    return value


def truth_files(dataset: Dataset) -> dict[str, bytes]:
    """Planted truth as files: tables as CSV, everything else in one JSON."""
    files: dict[str, bytes] = {}
    rest: dict[str, Any] = {}
    for key, value in dataset.truth.items():
        if isinstance(value, pd.DataFrame):
            files[f"{key}.csv"] = table_bytes(value, "csv")
        else:
            rest[key] = value
    files["truth.json"] = (json.dumps(_jsonable(rest), indent=2, sort_keys=True) + "\n").encode()
    return files


def dataset_files(dataset: Dataset, fmt: str) -> Iterable[tuple[str, Callable[[], bytes]]]:
    """(file name, producer) pairs, so a progress bar can tick per file."""
    fmt = check_format(fmt)
    for name, df in dataset.tables.items():
        yield f"{name}.{fmt}", functools.partial(table_bytes, df, fmt)
    for name, data in dataset.raw_files.items():
        yield f"published/{name}", constant(data)
    yield "card.json", lambda: (json.dumps(dataset.card.to_dict(), indent=2, default=str) + "\n").encode()
    yield "README.md", lambda: dataset.card.to_markdown().encode()


def check_writable(folder: Path) -> None:
    """Fail before the slow work if ``folder`` cannot take new files."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise DatasetError(f"cannot write to {folder}: {exc.strerror or exc}") from None


def write_atomically(
    destination: Path,
    files: Iterable[tuple[str, Callable[[], bytes]]],
    on_file: Callable[[str], None] | None = None,
) -> Path:
    """Write all files into ``destination`` or leave it exactly as it was."""
    destination = Path(destination)
    parent = destination.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".partial", dir=parent))
    except OSError as exc:
        raise DatasetError(f"cannot write to {parent}: {exc.strerror or exc}") from None
    old: Path | None = None
    try:
        for rel, produce in files:
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(produce())
            if on_file:
                on_file(rel)
        os.chmod(staging, 0o755)
        if destination.exists() or destination.is_symlink():
            if not destination.is_dir():
                raise DatasetError(f"{destination} exists and is not a folder")
            old = parent / f".{destination.name}.old-{os.getpid()}"
            destination.rename(old)
        staging.rename(destination)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and not destination.exists():
            old.rename(destination)
        if isinstance(exc, OSError):
            raise DatasetError(f"cannot write to {destination}: {exc.strerror or exc}") from None
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return destination
