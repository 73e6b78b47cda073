"""The hub's services are started with none of the hub's environment: what they need is handed on by name."""

from __future__ import annotations

from traitlets.config import Config

from academy.hub import config, roles
from academy.hub.settings import HubSettings


def _services(tmp_path, monkeypatch, **env: str) -> tuple[dict, dict]:
    for name in ("ACADEMY_GRADER_SECRET", "ACADEMY_GRADER_SECRET_FILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    c = Config()
    config.apply_common(c, HubSettings(state=tmp_path))
    return {s["name"]: s.get("environment", {}) for s in c.JupyterHub.services}, dict(c.Spawner.environment)


def test_a_course_secret_given_to_the_hub_reaches_the_checks_and_the_formgrader_but_no_learner(tmp_path, monkeypatch):
    services, learner = _services(tmp_path, monkeypatch, ACADEMY_GRADER_SECRET="operator-secret")
    assert services[roles.CHECKS_SERVICE]["ACADEMY_GRADER_SECRET"] == "operator-secret"
    assert services[roles.formgrader_service("accelerator")]["ACADEMY_GRADER_SECRET"] == "operator-secret"
    assert "ACADEMY_GRADER_SECRET" not in learner
    assert "ACADEMY_GRADER_SECRET" not in services[roles.PROGRESS_SERVICE]


def test_without_a_given_secret_the_services_use_the_course_folders_own(tmp_path, monkeypatch):
    services, _ = _services(tmp_path, monkeypatch)
    assert not {"ACADEMY_GRADER_SECRET", "ACADEMY_GRADER_SECRET_FILE"} & set(services[roles.CHECKS_SERVICE])
