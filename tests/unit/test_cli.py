"""The `academy data` commands as an instructor uses them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import academy.datasets as ds
from academy import cli
from academy.datasets import io as dio

ACADEMY = shutil.which("academy", path=str(Path(sys.executable).parent)) or "academy"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([ACADEMY, *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          stdin=subprocess.DEVNULL)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_list_names_every_family():
    result = CliRunner().invoke(cli.main, ["data", "list"], terminal_width=200)
    assert result.exit_code == 0
    for name in ds.REGISTRY:
        assert name in result.output


def test_card_shows_columns_licence_and_truths():
    result = CliRunner().invoke(cli.main, ["data", "card", "claimants"], terminal_width=200)
    assert result.exit_code == 0
    for text in ("mental_health_score", "Data-sharing agreement", "Planted truths", "segment"):
        assert text in result.output
    md = CliRunner().invoke(cli.main, ["data", "card", "multi_council", "--markdown"])
    assert md.output.startswith("# ") and "## Table `consent_register`" in md.output


@pytest.mark.parametrize("fmt", dio.FORMATS)
def test_make_writes_readable_files_with_the_generated_rows(tmp_path, fmt):
    result = CliRunner().invoke(cli.main, ["data", "make", "service_requests", "--rows", "1,500", "--seed", "9",
                                           "--format", fmt, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "service_requests"
    assert {f"requests.{fmt}", f"wards.{fmt}", "card.json", "README.md"} <= {p.name for p in folder.iterdir()}
    reader = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json, "xlsx": pd.read_excel}[fmt]
    back = reader(folder / f"requests.{fmt}")
    expected = ds.make("service_requests", 1500, 9)["requests"]
    assert len(back) == 1500 and list(back.columns) == list(expected.columns)
    assert back["request_id"].tolist() == expected["request_id"].tolist()
    card = json.loads((folder / "card.json").read_text())
    assert card["generation_parameters"] == {"n": 1500, "seed": 9}


@pytest.mark.slow
def test_same_seed_same_bytes_on_disk_and_another_seed_differs(tmp_path):
    for out, seed in (("a", "4"), ("b", "4"), ("c", "5")):
        assert run("data", "make", "multi_council", "--rows", "300", "--seed", seed, "--format", "csv",
                   "--out", str(tmp_path / out)).returncode == 0
    a, b, c = (tree_digest(tmp_path / x / "multi_council") for x in "abc")
    assert a == b
    assert "published/salford_fly_tipping_2024-25.csv" in a
    assert a["publication_bolton.csv"] != c["publication_bolton.csv"]


@pytest.mark.slow
def test_truth_goes_only_where_asked(tmp_path):
    result = run("data", "make", "claimants", "--rows", "200", "--out", str(tmp_path / "data"),
                 "--truth", str(tmp_path / "graders"))
    assert result.returncode == 0, result.stderr
    data_files = {p.name for p in (tmp_path / "data" / "claimants").iterdir()}
    assert not any("segment" in f or "truth" in f for f in data_files)
    segments = pd.read_csv(tmp_path / "graders" / "claimants" / "segments.csv")
    assert len(segments) == 200 and set(segments.segment) == {"older_higher_pay", "poor_mental_health", "married_male"}


BAD_CALLS = [
    (["data", "make", "fly_tipping"], "unknown dataset 'fly_tipping'"),
    (["data", "make", "claimants", "--rows", "-5"], "at least 30"),
    (["data", "make", "claimants", "--rows", "lots"], "whole number"),
    (["data", "make", "claimants", "--rows", "99999999999"], "more than"),
    (["data", "make", "claimants", "--format", "docx"], "unknown format 'docx'"),
    (["data", "make", "claimants", "--seed", "-1"], "seed must be 0 or more"),
    (["data", "card", "nothing"], "unknown dataset"),
]


@pytest.mark.slow
@pytest.mark.parametrize("args,message", BAD_CALLS)
def test_bad_input_gives_one_clear_line_and_writes_nothing(tmp_path, args, message):
    result = run(*args, "--out", str(tmp_path / "out")) if args[1] == "make" else run(*args)
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.slow
def test_unwritable_output_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder")
    result = run("data", "make", "claimants", "--out", str(blocker / "data"))
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Error: cannot write to") and "Traceback" not in result.stderr
    assert blocker.read_text() == "not a folder"


def test_a_failure_mid_write_keeps_the_previous_dataset_and_leaves_no_debris(tmp_path, monkeypatch):
    assert CliRunner().invoke(cli.main, ["data", "make", "programme", "--rows", "300",
                                         "--out", str(tmp_path)]).exit_code == 0
    before = tree_digest(tmp_path / "programme")
    calls = {"n": 0}
    real = dio.table_bytes

    def flaky(df, fmt):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(df, fmt)

    monkeypatch.setattr(dio, "table_bytes", flaky)
    result = CliRunner().invoke(cli.main, ["data", "make", "programme", "--rows", "400", "--seed", "2",
                                           "--out", str(tmp_path)])
    assert result.exit_code != 0 and "No space left on device" in result.output
    assert tree_digest(tmp_path / "programme") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programme"]


def test_too_many_rows_for_excel_is_refused_before_anything_lands(tmp_path, monkeypatch):
    monkeypatch.setattr(dio, "XLSX_MAX_ROWS", 100)
    result = CliRunner().invoke(cli.main, ["data", "make", "claimants", "--rows", "150", "--format", "xlsx",
                                           "--out", str(tmp_path)])
    assert result.exit_code != 0 and "do not fit in one Excel sheet" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_make_all_builds_the_whole_catalogue(tmp_path):
    env = {**os.environ}
    result = subprocess.run([ACADEMY, "data", "make-all", "--out", str(tmp_path), "--seed", "1", "--format", "csv"],
                            capture_output=True, text=True, timeout=300, env=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in tmp_path.iterdir()} == set(ds.REGISTRY)
    assert str(tmp_path.resolve()) in result.stdout.replace("\n", "")


@pytest.mark.slow
def test_progress_commands_show_export_and_sync_a_store(tmp_path):
    from datetime import datetime

    from academy.curriculum import load
    from academy.progress import rules
    from academy.progress.store import ProgressStore

    url = f"sqlite:///{tmp_path / 'progress.sqlite'}"
    store = ProgressStore(url, load(Path("courses/accelerator")))
    store.sync_cohorts({"intake-x": ("intake", {"learner": ["amy"]})})
    store.record_grades({"amy": [rules.GradeRecord("m01", 8, 8, datetime(2026, 3, 1))]})
    runner = CliRunner()
    shown = runner.invoke(cli.main, ["progress", "show", "amy", "--db", url])
    assert shown.exit_code == 0 and "done" in shown.output and "Next: m02" in shown.output
    out = tmp_path / "x.xlsx"
    exported = runner.invoke(cli.main, ["progress", "export", "intake-x", "--out", str(out), "--db", url])
    assert exported.exit_code == 0 and out.exists(), exported.output
    unknown = runner.invoke(cli.main, ["progress", "export", "intake-y", "--out", str(out), "--db", url])
    assert unknown.exit_code != 0 and "no cohort 'intake-y'; cohorts: intake-x" in unknown.output
    wrong = runner.invoke(cli.main, ["progress", "export", "intake-x", "--out", str(tmp_path / "x.pdf"), "--db", url])
    assert "ending .csv or .xlsx" in wrong.output
    missing = runner.invoke(cli.main, ["progress", "sync", "--db", url, "--gradebook", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no gradebook at" in missing.output
    nowhere = runner.invoke(cli.main, ["progress", "show", "amy", "--db", f"sqlite:///{tmp_path}/no/such/p.sqlite"])
    assert nowhere.exit_code != 0 and "no progress store at" in nowhere.output


@pytest.mark.slow
def test_grade_and_course_show_work_from_inside_a_course_folder_as_nbgrader_does(tmp_path):
    from academy.testing.hubs import copy_course

    course = copy_course(tmp_path / "my-course", modules=("m01",))
    env = {k: v for k, v in os.environ.items() if k != "ACADEMY_COURSE"}
    inside = course / "source"
    graded = subprocess.run([ACADEMY, "grade", "m01"], capture_output=True, text=True, cwd=inside, env=env,
                            timeout=300, stdin=subprocess.DEVNULL)
    assert graded.returncode != 0 and "Traceback" not in graded.stderr
    assert f"no submissions of 'm01' in {course / 'submitted'}" in graded.stderr.replace("\n", "")
    shown = subprocess.run([ACADEMY, "course", "show"], capture_output=True, text=True, cwd=course, env=env,
                           timeout=120, stdin=subprocess.DEVNULL)
    assert shown.returncode == 0 and "m09" in shown.stdout
