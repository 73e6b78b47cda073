"""The project track's pages: a learner's own project, and their mentors' list and review pages.

A learner reaches only their own project (``/me/project``: no name in the URL to change). A mentor, an
instructor of the cohort (or a hub admin), reaches the projects of that cohort's learners
(``/cohorts/<cohort>/projects`` and ``.../projects/<learner>``); what each may change, and when, the store
decides (``academy.progress.projects``), and a refused change is shown on the page in the store's words.
"""

from __future__ import annotations

from typing import Any

from tornado import web

from ...services.access import requires, signed_in
from ..events import ProgressError
from ..projects import FIELDS, STATE_WORDS, Plan, Projects, ProjectView, read_plan
from .access import Progress, mentors
from .base import ProgressHandler

#: Where a learner opens the project's template notebook (fetched like a module, see ``me.html``).
TEMPLATE_URL = "/hub/user-redirect/academy/open/project"


def plan_of(course: Any) -> Plan:
    return read_plan(course.root if course is not None else None)


def project_summary(progress: Progress, course: Any, learner: str) -> dict | None:
    """For the learner's own progress page: their project's state and next step (None before they propose)."""
    view = Projects(progress.store.engine).view(learner, plan_of(course))
    if view is None:
        return None
    return {"title": view.proposal.get("title", ""), "state": view.state, "words": view.state_words,
            "next": view.next_step}


class ProjectHandler(ProgressHandler):
    @property
    def projects(self) -> Projects:
        return Projects(self.progress.store.engine)

    @property
    def plan(self) -> Plan:
        return plan_of(self.settings.get("course"))

    def form(self, *names: str) -> dict[str, str]:
        return {n: self.get_body_argument(n, "") for n in names}


class MyProject(ProjectHandler):
    """The learner's own project: propose it, change it until it is approved, post checkpoint updates."""

    @signed_in
    def get(self) -> None:
        self.show()

    def show(self, problem: str = "", entered: dict[str, str] | None = None) -> None:
        plan = self.plan
        view = self.projects.view(self.me, plan)
        self.page("project.html", view=view, plan=plan, fields=FIELDS, words=STATE_WORDS, problem=problem,
                  entered=entered if entered is not None else (view.proposal if view else {}),
                  template_url=TEMPLATE_URL)

    @signed_in
    def post(self) -> None:
        action = self.get_body_argument("action", "")
        entered = self.form(*(name for name, _, _ in FIELDS))
        try:
            if action == "propose":
                self.projects.propose(self.me, entered)
            elif action == "update":
                self.projects.post_update(self.me, self.get_body_argument("update", ""), self.plan)
            else:
                raise ProgressError("a learner can propose their project or post an update, nothing else")
        except ProgressError as exc:
            self.set_status(400)
            return self.show(str(exc), entered if action == "propose" else None)
        self.redirect(self.url("me", "project"))


class CohortProjects(ProjectHandler):
    """Every learner of a cohort with their project's state, for their mentors."""

    @requires(mentors, "cohort")
    def get(self, cohort: str) -> None:
        learners = self.projects.cohort_learners(cohort)
        states = self.projects.states(learners)
        self.page("project-list.html", cohort=cohort, learners=learners, states=states, words=STATE_WORDS)


class LearnerProject(ProjectHandler):
    """One learner's project as their mentor sees it: approve or ask for changes, feedback, marking."""

    def learner_of(self, cohort: str, learner: str) -> None:
        if learner not in self.projects.cohort_learners(cohort):
            raise web.HTTPError(404, f"{learner} is not a learner of {cohort}")

    def show(self, cohort: str, learner: str, problem: str = "", entered: dict | None = None) -> None:
        plan = self.plan
        view: ProjectView | None = self.projects.view(learner, plan)
        self.page("project-review.html", cohort=cohort, learner=learner, view=view, plan=plan, fields=FIELDS,
                  problem=problem, entered=entered or {})

    @requires(mentors, "cohort")
    def get(self, cohort: str, learner: str) -> None:
        self.learner_of(cohort, learner)
        self.show(cohort, learner)

    @requires(mentors, "cohort")
    def post(self, cohort: str, learner: str) -> None:
        self.learner_of(cohort, learner)
        action = self.get_body_argument("action", "")
        comment = self.get_body_argument("comment", "")
        marks = self.get_body_arguments("mark")
        try:
            if action in ("approve", "changes"):
                self.projects.review(learner, self.me, action == "approve", comment)
            elif action == "feedback":
                self.projects.feedback(learner, self.me, comment, self.plan)
            elif action == "mark":
                self.projects.mark(learner, self.me, list(marks), comment, self.plan)
            elif action == "complete":
                self.projects.complete(learner, self.me, comment)
            else:
                raise ProgressError("choose what to do: approve, ask for changes, give feedback, mark or sign off")
        except ProgressError as exc:
            self.set_status(400)
            return self.show(cohort, learner, str(exc), {"action": action, "comment": comment, "marks": marks})
        self.redirect(self.url("cohorts", cohort, "projects", learner))
