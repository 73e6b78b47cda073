"""Answers recorded in a learner's kernel and judged by the grader: round trip and hostile records."""

from __future__ import annotations

import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from academy.checks.registry import MODULES  # noqa: E402
from academy.exercises import capture  # noqa: E402
from academy.exercises.chart_reader import chart_data  # noqa: E402
from academy.notebook import module  # noqa: E402
from academy.testing.selfcheck import published_answers  # noqa: E402


@pytest.mark.parametrize("module_id", sorted(MODULES))
def test_every_published_answer_still_passes_after_being_recorded_and_read_back(tmp_path, module_id):
    ex = module(module_id, learner="capture-test")
    for name, answer in published_answers(ex).items():
        spec = MODULES[module_id].exercise(name)
        if spec.reference is not None:
            continue  # function answers are recorded as their output on unseen data
        capture.save(f"{module_id}.{name}", answer, root=tmp_path)
        back = capture.load(f"{module_id}.{name}", tmp_path)
        assert getattr(ex, name).check(back).passed, (name, back)


def test_plain_values_tables_and_charts_come_back_as_they_went(tmp_path):
    values = [3, 2.5, float("nan"), "Bolton", None, True, np.int64(7), (1, "a"), {"A": 1.5, 2: [1, 2]},
              pd.Series([1.0, 2.0], index=pd.Index(["x", "y"], name="ward"), name="rate"),
              pd.DataFrame({"ward": ["a", "b"], "n": [1, 2]}),
              pd.Series([4, 5], index=pd.period_range("2024-01", periods=2, freq="M")),
              np.array([1.5, 2.5]), pd.Timestamp("2024-03-01")]
    root = tmp_path
    for i, value in enumerate(values):
        capture.save(f"v.q{i}", value, root=root)
        back = capture.load(f"v.q{i}", root)
        if isinstance(value, (pd.Series, pd.DataFrame)):
            assert back.equals(value) and list(back.index) == list(value.index)
        elif isinstance(value, np.ndarray):
            assert np.array_equal(back, value)
        elif isinstance(value, float) and np.isnan(value):
            assert np.isnan(back)
        else:
            assert back == value and type(back) is type(value)
    fig, ax = plt.subplots()
    ax.barh(["Bury", "Wigan"], [2.0, 5.0])
    ax.set_title("T")
    capture.save("v.chart", ax, root=root)
    assert capture.load("v.chart", root) == chart_data(ax)


def test_hostile_records_are_refused_without_being_followed_or_run(tmp_path):
    record = tmp_path / "m02.q1"
    record.mkdir()
    (record / "answer.json").symlink_to("/etc/passwd")
    with pytest.raises(capture.CaptureError):
        capture.load("m02.q1", tmp_path)
    (record / "answer.json").unlink()
    os.mkfifo(record / "answer.json")  # opening a pipe must not hang the grader
    with pytest.raises(capture.CaptureError):
        capture.load("m02.q1", tmp_path)
    (record / "answer.json").unlink()
    (record / "answer.json").write_text(json.dumps({"answer": {"t": "np", "dtype": "|O", "v": "os.system"}}))
    with pytest.raises(capture.CaptureError):
        capture.load("m02.q1", tmp_path)
    (record / "answer.json").write_text(json.dumps({"answer": {"t": "frame", "file": "../../etc/passwd"}}))
    with pytest.raises(capture.CaptureError):
        capture.load("m02.q1", tmp_path)


def test_tables_parquet_cannot_hold_alone_come_back_whole_and_silently(tmp_path):
    """A published table's columns (criteria 0-4 and a 'Total'), and a defect log whose references mix text
    and numbers, are ordinary learners' answers: recorded without a warning (a test cell that warns scores
    zero) and read back as they were."""
    import warnings

    counts = pd.DataFrame({0: [3, 12], 1: [5, 7], "Total": [8, 19]}, index=pd.Index(["E05000001", "E05000002"],
                                                                                  name="ward"))
    log = pd.DataFrame({"council": ["Wigan", "Bolton", "Salford"], "incident_ref": [1234, "B-77", None],
                        "cost": [1.5, 2.0, 3.25]})
    labels_only = pd.Series([1, "two", 3.0], index=list("xyz"), name="mixed")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for i, value in enumerate((counts, log, labels_only)):
            capture.save(f"m09.q{i}", value, tmp_path)
    pd.testing.assert_frame_equal(capture.load("m09.q0", tmp_path), counts)
    back = capture.load("m09.q1", tmp_path)
    assert list(back.columns) == ["council", "incident_ref", "cost"]
    assert back["incident_ref"].tolist()[:2] == [1234, "B-77"] and back["cost"].tolist() == [1.5, 2.0, 3.25]
    pd.testing.assert_series_equal(capture.load("m09.q2", tmp_path), labels_only)


def test_a_table_unstacked_on_a_category_column_comes_back_with_its_labels(tmp_path):
    """`groupby([...,'fuel']).median().unstack()` on a category column gives categorical column labels, which
    Parquet writes but cannot read back: the learner's right answer must not arrive 'damaged'."""
    meters = pd.DataFrame({"decile": [1, 1, 2, 2, 2], "kwh": [2700.0, 11000.0, 2500.0, 10500.0, 2600.0],
                           "fuel": pd.Categorical(["Electricity", "Gas", "Electricity", "Gas", "Electricity"])})
    wide = meters.groupby(["decile", "fuel"], observed=True)["kwh"].median().unstack()
    assert isinstance(wide.columns, pd.CategoricalIndex)
    capture.save("m10.q5", wide, tmp_path)
    back = capture.load("m10.q5", tmp_path)
    assert list(back.columns) == ["Electricity", "Gas"]
    assert back.loc[2, "Electricity"] == 2550.0 and back.loc[1, "Gas"] == 11000.0


def test_a_record_whose_kept_columns_do_not_fit_its_table_is_refused(tmp_path):
    log = pd.DataFrame({"ref": [1, "a"], "n": [1, 2]})
    envelope, frames = capture.encode(log)
    envelope["answer"]["values"][0][1] = envelope["answer"]["values"][0][1][:1]   # one value for two rows
    with pytest.raises(capture.CaptureError, match="damaged"):
        capture.decode(envelope, frames)
