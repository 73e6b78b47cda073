"""nbgrader's exchange, over HTTP to the exchange service: set with ``ExchangeFactory`` in nbgrader's config.

The Assignments tab (learners) and the formgrader (instructors) call nbgrader's exchange classes; these
are the same classes (nbgrader's ``exchange.abc``) doing the same steps, with the service where the shared
folder was. The caller is whoever owns the hub token the server was started with; the service decides
what they may see, so nothing here is trusted to keep anyone out. Files land where nbgrader's own
exchange puts them (``<assignment>/``, ``<assignment>/feedback/<timestamp>/``, ``submitted/<student>/...``).
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections import defaultdict
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

import requests
from nbgrader.exchange import abc
from nbgrader.utils import find_all_notebooks, ignore_patterns, parse_utc
from traitlets import Bool, Float, Unicode, default

from . import archive

SERVICE_DOWN = ("the exchange is not answering ({why}). Your work is safe in your own folder: try again in a "
                "minute, and tell your instructor if it goes on")


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


class HubExchange(abc.Exchange):
    """What every step shares: the service's address, the hub token, and its answers in plain words."""

    url = Unicode(help="The exchange service, e.g. http://127.0.0.1:8081/services/exchange/").tag(config=True)
    token = Unicode(help="A hub API token (a hub-started server's own, by default)").tag(config=True)
    timeout = Float(120.0, help="Seconds to wait for the service").tag(config=True)
    path_includes_course = Bool(False, help="Put each assignment under a folder named after its course, as "
                                "nbgrader's own exchange does with this option").tag(config=True)

    def fail(self, msg: str) -> NoReturn:
        """nbgrader's: logs the words and raises its ExchangeError, which its tab and formgrader show."""
        super().fail(msg)
        raise AssertionError(msg)  # not reached: nbgrader's fail raises

    @default("url")
    def _url_default(self) -> str:
        return os.environ.get("ACADEMY_EXCHANGE_URL", "")

    @default("token")
    def _token_default(self) -> str:
        return os.environ.get("JUPYTERHUB_API_TOKEN", "")

    def call(self, method: str, *path: str, body: bytes | None = None, **params: str) -> requests.Response:
        if not self.url:
            self.fail("no exchange service is set (ACADEMY_EXCHANGE_URL): this server was not started by the hub")
        if not self.token:
            self.fail("no hub token (JUPYTERHUB_API_TOKEN): this server was not started by the hub")
        address = self.url.rstrip("/") + "/api/" + "/".join(quote(p, safe="") for p in path)
        try:
            answer = requests.request(method, address, data=body, params={k: v for k, v in params.items() if v},
                                      headers={"Authorization": f"token {self.token}"}, timeout=self.timeout,
                                      allow_redirects=False)
        except requests.RequestException as exc:
            self.fail(SERVICE_DOWN.format(why=type(exc).__name__))
        if answer.status_code >= 300:
            try:
                why = answer.json().get("error") or answer.reason
            except ValueError:
                why = f"HTTP {answer.status_code} {answer.reason}"
            if answer.status_code >= 500 or answer.status_code in (302, 502, 503):
                self.fail(SERVICE_DOWN.format(why=why))
            self.fail(why[:1].upper() + why[1:])
        return answer

    def course(self) -> str:
        if not self.coursedir.course_id:
            self.fail("No course id specified. Re-run with --course flag.")
        return self.coursedir.course_id

    def courses(self) -> list[str]:
        """The named course, or every course the caller is on."""
        if self.coursedir.course_id:
            return [self.coursedir.course_id]
        return list(self.call("GET", "courses").json()["courses"])

    def releases(self, course: str) -> list[dict[str, Any]]:
        return list(self.call("GET", "courses", course, "assignments").json()["assignments"])

    def local(self, course: str, assignment: str) -> Path:
        parts = (course, assignment) if self.path_includes_course else (assignment,)
        return Path(self.assignment_dir, *parts).absolute()

    def pack(self, folder: Path) -> bytes:
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        if size > 1000 * self.coursedir.max_dir_size:
            self.fail(f"{folder.name} holds {size / 1e6:.1f} MB, over nbgrader's limit of "
                      f"{self.coursedir.max_dir_size / 1000:.0f} MB: remove large files you added")
        ignore = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                                 max_file_size=self.coursedir.max_file_size, log=self.log)
        try:
            return archive.pack(folder, ignore)
        except archive.ArchiveError as exc:
            self.fail(str(exc))

    def init_src(self) -> None:
        pass

    def init_dest(self) -> None:
        pass


class ExchangeReleaseAssignment(HubExchange, abc.ExchangeReleaseAssignment):
    def copy_files(self) -> None:
        course, assignment = self.course(), self.coursedir.assignment_id
        source = Path(self.coursedir.format_path(self.coursedir.release_directory, ".", assignment))
        if not source.is_dir():
            self.fail(f"Assignment not found: {source} (generate it first)")
        if not self.force and any(r["assignment"] == assignment for r in self.releases(course)):
            self.fail(f"{assignment} is released already; release it again with --force")
        self.call("PUT", "courses", course, "assignments", assignment, body=self.pack(source))
        self.log.info("Released as: %s %s", course, assignment)


class ExchangeFetchAssignment(HubExchange, abc.ExchangeFetchAssignment):
    def copy_files(self) -> None:
        course, assignment = self.course(), self.coursedir.assignment_id
        dest = self.local(course, assignment)
        if dest.is_dir() and not self.replace_missing_files:
            self.fail(f"You already have a copy of the assignment in this directory: {dest.name}")
        data = self.call("GET", "courses", course, "assignments", assignment).content
        try:
            archive.unpack(data, dest, only_missing=self.replace_missing_files)
        except (archive.ArchiveError, OSError) as exc:
            self.fail(f"{assignment} could not be unpacked: {exc}")
        self.log.info("Fetched as: %s %s", course, assignment)


class ExchangeSubmit(HubExchange, abc.ExchangeSubmit):
    def copy_files(self) -> None:
        course, assignment = self.course(), self.coursedir.assignment_id
        source = self.local(course, assignment)
        if not source.is_dir():
            self.fail(f"Assignment not found: {source}. Fetch it first, and submit from the folder it made.")
        released = {r["assignment"]: r for r in self.releases(course)}
        if assignment not in released:
            self.fail(f"{assignment} has not been released in {course}, so it cannot be submitted")
        expected = {f"{n}.ipynb" for n in released[assignment]["notebooks"]}
        missing = sorted(expected - set(find_all_notebooks(str(source))))
        if missing:
            message = f"{assignment} is missing {', '.join(missing)} (renamed or deleted?)"
            if self.strict:
                self.fail(f"Assignment {assignment} not submitted: {message}")
            self.log.warning(message)
        done = self.call("POST", "courses", course, "assignments", assignment, "submissions",
                         body=self.pack(source)).json()
        self.timestamp = done["timestamp"]
        self.log.info("Submitted as: %s %s %s", course, assignment, done["timestamp"])


class ExchangeList(HubExchange, abc.ExchangeList):
    def copy_files(self) -> None:
        pass

    def list_files(self) -> list[dict[str, Any]]:
        """As nbgrader's own exchange lists them, and the same lines in its log (``nbgrader list`` prints those)."""
        if self.inbound or self.cached:
            found = self._submitted()
            self.log.info("Submitted assignments:")
            for group in found:
                for s in group["submissions"]:
                    feedback = ("feedback already fetched" if s["has_local_feedback"] and not s["feedback_updated"]
                                else "feedback ready to be fetched" if s["has_exchange_feedback"]
                                else "no feedback available")
                    self.log.info("%s %s %s %s (%s)", s["course_id"], s["student_id"], s["assignment_id"],
                                  s["timestamp"], feedback)
            return found
        found = self._released()
        self.log.info("Released assignments:")
        for r in found:
            self.log.info("%s %s%s", r["course_id"], r["assignment_id"],
                          " (already downloaded)" if r["status"] == "fetched" else "")
        return found

    def remove_files(self) -> list[dict[str, Any]]:
        if self.inbound or self.cached:
            self.fail("Submissions are kept for good in the exchange; they cannot be removed")
        found = self._released()
        for info in found:
            self.call("DELETE", "courses", info["course_id"], "assignments", info["assignment_id"])
            info["status"] = "removed"
        return found

    def _released(self) -> list[dict[str, Any]]:
        out = []
        for course in self.courses():
            for r in self.releases(course):
                if self.coursedir.assignment_id not in ("", "*", r["assignment"]):
                    continue
                here = self.local(course, r["assignment"])
                info: dict[str, Any] = {"course_id": course, "assignment_id": r["assignment"]}
                if here.is_dir():
                    info.update(status="fetched", path=str(here), notebooks=[
                        {"notebook_id": p.stem, "path": str(p)} for p in sorted(here.glob("*.ipynb"))])
                else:
                    info.update(status="released", path="", notebooks=[
                        {"notebook_id": n, "path": f"{n}.ipynb"} for n in r["notebooks"]])
                out.append(info)
        return out

    def _submitted(self) -> list[dict[str, Any]]:
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for course in self.courses():
            params = {"assignment": self.coursedir.assignment_id.replace("*", ""),
                      "student": self.coursedir.student_id.replace("*", "")}
            for s in self.call("GET", "courses", course, "submissions", **params).json()["submissions"]:
                groups[(course, s["student"], s["assignment"])].append(self._submission(course, s))
        return [{"course_id": c, "student_id": st, "assignment_id": a, "status": "submitted",
                 "submissions": sorted(subs, key=lambda x: x["timestamp"])}
                for (c, st, a), subs in sorted(groups.items())]

    def _submission(self, course: str, s: dict[str, Any]) -> dict[str, Any]:
        folder = self.local(course, s["assignment"]) / "feedback" / s["timestamp"]
        notebooks = []
        for nb in s["notebooks"]:
            page = folder / f"{nb}.html"
            here, there = page.is_file(), s["feedback"].get(nb)
            notebooks.append({"notebook_id": nb, "path": "", "has_local_feedback": here,
                              "has_exchange_feedback": there is not None,
                              "local_feedback_path": str(page) if here else None,
                              "feedback_updated": bool(here and there and _md5(page) != there)})
        info = {"course_id": course, "student_id": s["student"], "assignment_id": s["assignment"],
                "timestamp": s["timestamp"], "status": "submitted", "path": "", "notebooks": notebooks,
                "has_local_feedback": bool(notebooks) and all(n["has_local_feedback"] for n in notebooks),
                "has_exchange_feedback": bool(notebooks) and all(n["has_exchange_feedback"] for n in notebooks),
                "feedback_updated": any(n["feedback_updated"] for n in notebooks)}
        info["local_feedback_path"] = str(folder) if info["has_local_feedback"] else None
        return info


class ExchangeFetchFeedback(HubExchange, abc.ExchangeFetchFeedback):
    def copy_files(self) -> None:
        course, assignment = self.course(), self.coursedir.assignment_id
        mine = self.call("GET", "courses", course, "submissions", assignment=assignment).json()["submissions"]
        fetched = 0
        for s in mine:
            if not s["feedback"]:
                continue
            pages = archive.files(self.call("GET", "courses", course, "submissions", str(s["id"]), "feedback").content)
            folder = self.local(course, assignment) / "feedback" / s["timestamp"]
            folder.mkdir(parents=True, exist_ok=True)
            for name, content in pages.items():
                if "/" not in name and name.endswith(".html"):
                    (folder / name).write_bytes(content)
                    fetched += 1
            self.log.info("Fetched feedback for %s %s submitted at %s", course, assignment, s["timestamp"])
        if not fetched:
            self.log.warning("No feedback has been returned on %s yet", assignment)


class ExchangeCollect(HubExchange, abc.ExchangeCollect):
    def copy_files(self) -> None:
        course, assignment = self.course(), self.coursedir.assignment_id
        student = self.coursedir.student_id.replace("*", "")
        versions = self.call("GET", "courses", course, "submissions", assignment=assignment,
                             student=student).json()["submissions"]
        by_student: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in versions:
            by_student[s["student"]].append(s)
        if not by_student:
            self.log.warning("No submissions of '%s' for course '%s' to collect", assignment, course)
        due = self._due_date(assignment)
        for name, subs in sorted(by_student.items()):
            subs.sort(key=lambda s: parse_utc(s["timestamp"]))
            chosen = subs[-1]
            if self.before_duedate and due is not None:
                on_time = [s for s in subs if parse_utc(s["timestamp"]) <= due]
                chosen = on_time[-1] if on_time else chosen
            self._collect(course, name, assignment, chosen)

    def _due_date(self, assignment: str):
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                return gb.find_assignment(assignment).duedate
            except MissingEntry:
                return None

    def _collect(self, course: str, student: str, assignment: str, chosen: dict[str, Any]) -> None:
        dest = Path(self.coursedir.format_path(self.coursedir.submitted_directory, student, assignment))
        if dest.is_dir():
            existing = self.coursedir.get_existing_timestamp(str(dest))
            newer = existing is None or parse_utc(chosen["timestamp"]) > existing
            if not ((self.update and newer) or (self.before_duedate and existing != parse_utc(chosen["timestamp"]))):
                self.log.info("Submission already exists, use --update to update: %s %s", student, assignment)
                return
        data = self.call("GET", "courses", course, "submissions", str(chosen["id"])).content
        try:
            replaced = archive.replace_folder(data, dest, chosen["timestamp"])
        except archive.ArchiveError as exc:
            self.log.error("Submission of %s by %s not collected: %s", assignment, student, exc)
            return
        self.log.info("%s submission: %s %s", "Updating" if replaced else "Collecting", student, assignment)


class ExchangeReleaseFeedback(HubExchange, abc.ExchangeReleaseFeedback):
    def copy_files(self) -> None:
        course, assignment = self.course(), self.coursedir.assignment_id
        excluded = set(filter(None, self.coursedir.student_id_exclude.split(",")))
        pattern = self.coursedir.format_path(self.coursedir.feedback_directory,
                                             self.coursedir.student_id or "*", assignment)
        folders = sorted({Path(p).parent for p in glob.glob(os.path.join(pattern, "*.html"))})
        versions = self.call("GET", "courses", course, "submissions", assignment=assignment).json()["submissions"]
        for folder in folders:
            student = folder.parent.name
            if student in excluded:
                continue
            stamp = folder / "timestamp.txt"
            when = parse_utc(stamp.read_text().strip()) if stamp.is_file() else None
            match = [s for s in versions if s["student"] == student and parse_utc(s["timestamp"]) == when]
            if not match:
                self.log.warning("No submission by %s of %s in the exchange at %s: their feedback is not released "
                                 "(was it collected from the exchange?)", student, assignment, when)
                continue
            pages = {p.name: p.read_bytes() for p in sorted(folder.glob("*.html"))}
            self.call("PUT", "courses", course, "submissions", str(match[-1]["id"]), "feedback",
                      body=archive.of_files(pages))
            self.log.info("Releasing feedback for student '%s' on assignment '%s/%s' (%s)", student, course,
                          assignment, match[-1]["timestamp"])
