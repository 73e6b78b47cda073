"""The exchange's store on a real folder and SQLite file: every version kept, each learner's work apart, and
nothing half-written ever listed."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime

import pytest
from nbgrader.utils import parse_utc

from academy.exchange import archive
from academy.exchange import store as store_module
from academy.exchange.archive import ArchiveError
from academy.exchange.store import ExchangeStore

COURSE, OTHER = "accelerator", "other-course"


@pytest.fixture
def store(tmp_path) -> ExchangeStore:
    return ExchangeStore(tmp_path / "exchange")


def work(answer: bytes, notebook: str = "m01") -> bytes:
    return archive.of_files({f"{notebook}.ipynb": answer, "data/claimants.csv": b"ward,count\n"})


def kept_files(s: ExchangeStore) -> set[str]:
    return {p.name for p in s.blobs.iterdir()} | {p.name for p in s.incoming.iterdir()}


def test_the_folder_is_the_services_alone(tmp_path):
    (tmp_path / "exchange").mkdir(mode=0o755)
    s = ExchangeStore(tmp_path / "exchange")
    assert {oct(f.stat().st_mode & 0o777) for f in (s.root, s.blobs, s.incoming)} == {"0o700"}


def test_every_submission_is_kept_with_its_own_time_in_nbgraders_format(store, monkeypatch):
    times = iter([datetime(2026, 12, 5, 14, 3, 11, 123456, tzinfo=UTC), datetime(2026, 12, 5, 15, 0, 0, 7, tzinfo=UTC)])
    monkeypatch.setattr(store_module, "_now", lambda: next(times))
    first = store.submit(COURSE, "m01", "amira", work(b"first try"))
    second = store.submit(COURSE, "m01", "amira", work(b"second try"))
    versions = store.submissions(COURSE, "m01", "amira")
    assert [v.id for v in versions] == [first.id, second.id]
    assert [parse_utc(v.timestamp) for v in versions] == [datetime(2026, 12, 5, 14, 3, 11, 123456),
                                                          datetime(2026, 12, 5, 15, 0, 0, 7)]
    assert [archive.files(store.read(v.blob))["m01.ipynb"] for v in versions] == [b"first try", b"second try"]
    assert versions[0].notebooks == ["m01"] and versions[0].size == len(work(b"first try"))


def test_a_submissions_time_is_when_the_store_received_it(store):
    before = datetime.now(UTC).replace(tzinfo=None)
    done = store.submit(COURSE, "m01", "amira", work(b"answer"))
    after = datetime.now(UTC).replace(tzinfo=None)
    assert done.timestamp.endswith(" UTC")
    assert before <= parse_utc(done.timestamp) <= after


def test_a_learners_list_holds_only_that_learner_in_that_course(store):
    store.submit(COURSE, "m01", "amira", work(b"amira's"))
    store.submit(COURSE, "m01", "ben", work(b"ben's"))
    store.submit(COURSE, "m02", "amira", work(b"amira's m02", "m02"))
    store.submit(OTHER, "m01", "amira", work(b"amira elsewhere"))
    mine = store.submissions(COURSE, student="amira")
    assert [(s.course, s.assignment, s.student) for s in mine] == [(COURSE, "m01", "amira"), (COURSE, "m02", "amira")]
    assert {s.student for s in store.submissions(COURSE, "m01")} == {"amira", "ben"}
    assert [s.assignment for s in store.submissions(COURSE, "m02")] == ["m02"]
    bens = store.submissions(COURSE, student="ben")[0]
    assert store.submission(COURSE, bens.id).student == "ben"
    assert store.submission(OTHER, bens.id) is None


def test_a_release_with_no_notebook_at_its_top_is_refused_and_stores_nothing(store):
    with pytest.raises(ArchiveError, match="no notebook at its top level"):
        store.release(COURSE, "m01", archive.of_files({"inner/m01.ipynb": b"{}", "data.csv": b"x"}))
    assert store.releases(COURSE) == []
    assert kept_files(store) == set()


def test_releasing_again_replaces_the_release(store):
    store.release(COURSE, "m01", archive.of_files({"m01.ipynb": b"first"}))
    again = archive.of_files({"m01.ipynb": b"second", "m01-extra.ipynb": b"{}"})
    store.release(COURSE, "m01", again)
    [only] = store.releases(COURSE)
    assert (only.assignment, only.notebooks) == ("m01", ["m01", "m01-extra"])
    assert store.read(only.blob) == again == store.read(store.released(COURSE, "m01").blob)
    assert store.released(OTHER, "m01") is None and store.releases(OTHER) == []


def test_a_withdrawn_release_is_gone_from_its_course_only(store):
    store.release(COURSE, "m01", work(b"{}"))
    store.release(OTHER, "m01", work(b"{}"))
    assert store.withdraw(COURSE, "m01") is True
    assert store.released(COURSE, "m01") is None and store.releases(COURSE) == []
    assert store.withdraw(COURSE, "m01") is False
    assert [r.course for r in store.releases(OTHER)] == [OTHER]


def test_feedback_is_top_level_pages_with_their_md5_checksums(store):
    sub = store.submit(COURSE, "m01", "amira", work(b"answer"))
    pages = {"m01.html": b"<p>Well done.</p>", "m01-extra.html": b"<p>See me.</p>"}
    checksums = store.give_feedback(COURSE, sub.id, archive.of_files(pages))
    expected = {"m01": hashlib.md5(pages["m01.html"]).hexdigest(),
                "m01-extra": hashlib.md5(pages["m01-extra.html"]).hexdigest()}
    assert checksums == expected
    assert store.submissions(COURSE, student="amira")[0].feedback == expected
    assert archive.files(store.read(store.feedback_blob(COURSE, sub.id))) == pages
    store.give_feedback(COURSE, sub.id, archive.of_files({"m01.html": b"<p>Revised.</p>"}))
    assert store.submission(COURSE, sub.id).feedback == {"m01": hashlib.md5(b"<p>Revised.</p>").hexdigest()}


@pytest.mark.parametrize("pages", [{"inner/m01.html": b"<p/>"}, {"m01.txt": b"text"}, {"m01.ipynb": b"{}"}, {}],
                         ids=["in-a-folder", "not-html", "a-notebook", "empty"])
def test_feedback_that_is_not_top_level_pages_is_refused(store, pages):
    sub = store.submit(COURSE, "m01", "amira", work(b"answer"))
    with pytest.raises(ArchiveError, match=r"one <notebook>\.html page per notebook"):
        store.give_feedback(COURSE, sub.id, archive.of_files(pages))
    assert store.feedback_blob(COURSE, sub.id) is None
    assert store.submission(COURSE, sub.id).feedback == {}


def test_feedback_for_an_unknown_submission_or_another_courses_is_refused(store):
    theirs = store.submit(OTHER, "m01", "amira", work(b"answer"))
    store.give_feedback(OTHER, theirs.id, archive.of_files({"m01.html": b"<p>theirs</p>"}))
    page = archive.of_files({"m01.html": b"<p>from the wrong course</p>"})
    for course, submission_id in ((COURSE, theirs.id + 1000), (COURSE, theirs.id)):
        with pytest.raises(KeyError):
            store.give_feedback(course, submission_id, page)
    assert store.feedback_blob(COURSE, theirs.id) is None
    assert archive.files(store.read(store.feedback_blob(OTHER, theirs.id))) == {"m01.html": b"<p>theirs</p>"}
    assert store.tidy() == 1  # the refused page's archive, which no record names


def test_only_a_digest_names_an_archive(store):
    for name in ("../exchange.sqlite", "exchange.sqlite", "A" * 64):
        with pytest.raises(FileNotFoundError):
            store.read(name)


def test_tidy_removes_leftovers_and_keeps_every_named_archive(store):
    released = store.release(COURSE, "m01", archive.of_files({"m01.ipynb": b"release"}))
    sub = store.submit(COURSE, "m01", "amira", work(b"answer"))
    store.give_feedback(COURSE, sub.id, archive.of_files({"m01.html": b"<p>ok</p>"}))
    withdrawn = store.release(COURSE, "m02", archive.of_files({"m02.ipynb": b"withdrawn"}))
    store.withdraw(COURSE, "m02")
    (store.incoming / "0123456789ab.half-written").write_bytes(b"partial")
    (store.blobs / f"{'0' * 64}.tar.gz").write_bytes(b"never recorded")
    assert store.tidy() == 3
    named = {released.blob, sub.blob, store.feedback_blob(COURSE, sub.id)}
    assert kept_files(store) == {f"{blob}.tar.gz" for blob in named}
    assert withdrawn.blob not in named
    assert archive.files(store.read(sub.blob))["m01.ipynb"] == b"answer"
    assert store.tidy() == 0


def test_a_failure_while_writing_an_archive_leaves_no_record_and_the_store_works_after(store, monkeypatch):
    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(store_module.os, "replace", disk_full)
        with pytest.raises(OSError, match="No space left"):
            store.submit(COURSE, "m01", "amira", work(b"answer"))
        with pytest.raises(OSError, match="No space left"):
            store.release(COURSE, "m01", work(b"release"))
    assert store.submissions(COURSE) == [] and store.releases(COURSE) == []
    assert kept_files(store) == set()
    done = store.submit(COURSE, "m01", "amira", work(b"answer"))
    assert [s.id for s in store.submissions(COURSE)] == [done.id]
    assert archive.files(store.read(done.blob))["m01.ipynb"] == b"answer"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_blobs_folder_leaves_no_record_and_the_store_works_after(store):
    store.blobs.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            store.submit(COURSE, "m01", "amira", work(b"answer"))
    finally:
        store.blobs.chmod(0o700)
    assert store.submissions(COURSE) == [] and kept_files(store) == set()
    assert store.submit(COURSE, "m01", "amira", work(b"answer")).id


def test_a_restarted_store_still_lists_what_was_stored(tmp_path):
    first = ExchangeStore(tmp_path / "exchange")
    first.release(COURSE, "m01", archive.of_files({"m01.ipynb": b"release"}))
    sub = first.submit(COURSE, "m01", "amira", work(b"answer"))
    first.give_feedback(COURSE, sub.id, archive.of_files({"m01.html": b"<p>ok</p>"}))
    first.engine.dispose()

    again = ExchangeStore(tmp_path / "exchange")
    assert again.tidy() == 0
    assert [(r.assignment, r.notebooks) for r in again.releases(COURSE)] == [("m01", ["m01"])]
    [kept] = again.submissions(COURSE, student="amira")
    assert (kept.id, kept.timestamp) == (sub.id, sub.timestamp)
    assert kept.feedback == {"m01": hashlib.md5(b"<p>ok</p>").hexdigest()}
    assert archive.files(again.read(kept.blob))["m01.ipynb"] == b"answer"
    assert again.submit(COURSE, "m01", "amira", work(b"after the restart")).id > sub.id


def test_tidy_keeps_old_archives_no_record_names(store, tmp_path):
    """Archives older than a day that no record names mean the records changed under the folder (a new
    database URL): they are everyone's work, and stay."""
    sub = store.submit(COURSE, "m01", "amira", work(b"answer"))
    other = ExchangeStore(store.root, f"sqlite:///{tmp_path / 'another.sqlite'}")
    blob = store.blobs / f"{sub.blob}.tar.gz"
    old = blob.stat().st_mtime - 2 * 24 * 3600
    os.utime(blob, (old, old))
    assert other.tidy() == 0
    assert blob.is_file()
