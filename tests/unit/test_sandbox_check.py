"""A grading worker that cannot jail kernels says what is missing when it starts, instead of failing every
submission it claims.

The check is the real sandbox, tried on a throwaway process. Here (root, every capability) it passes; with a
capability taken away (``setpriv``), as a pod without it would be, the worker refuses to start and names it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from academy.grading import sandbox, sandbox_check

ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT or shutil.which("setpriv") is None,
                                reason="taking capabilities away needs root and setpriv (CI runs as root)")


def without(*dropped: str) -> list[str]:
    """setpriv's arguments for a process holding the sandbox's capabilities less ``dropped``."""
    kept = ",".join(f"+{c.lower()}" for c in sandbox_check.CAPABILITIES if c not in dropped)
    return ["setpriv", "--bounding-set", f"-all,{kept}", "--inh-caps", "-all", "--"]


def test_kernels_can_be_sandboxed_here(monkeypatch, tmp_path):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the check's own folders go here
    assert sandbox_check.refusal() is None
    assert not list(tmp_path.iterdir()), "the check left its folder behind"


@needs_root
def test_exactly_the_capabilities_it_names_are_enough(monkeypatch):
    monkeypatch.setattr(sandbox_check, "PROBE", without() + sandbox_check.PROBE)
    assert sandbox_check.refusal() is None


@needs_root
@pytest.mark.parametrize("capability", list(sandbox_check.CAPABILITIES))
def test_a_missing_capability_is_named_with_what_it_is_for(monkeypatch, capability):
    monkeypatch.setattr(sandbox_check, "PROBE", without(capability) + sandbox_check.PROBE)
    why = sandbox_check.refusal()
    assert why and capability in why and sandbox_check.CAPABILITIES[capability] in why
    assert "\n" not in why
    others = set(sandbox_check.CAPABILITIES) - {capability}
    assert not [c for c in others if f"{c} (" in why], why


@needs_root
def test_without_root_the_sandbox_is_tried_in_a_user_namespace(monkeypatch):
    """The one-machine demo runs its grader as an ordinary account: there the user namespace is the jail."""
    as_user = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", "--inh-caps", "-all", "--"]
    monkeypatch.setattr(sandbox_check, "PROBE", as_user + sandbox_check.PROBE)
    why = sandbox_check.refusal()
    if sandbox_check._userns_off():
        assert why and "user namespaces are off" in why and "\n" not in why
    else:
        assert why is None


def test_a_check_that_fails_without_a_word_still_gives_a_reason(monkeypatch):
    monkeypatch.setattr(sandbox_check, "PROBE", ["false"])
    why = sandbox_check.refusal()
    assert why and "cannot be sandboxed" in why and "false" in why


def test_a_folder_the_jail_fails_to_cover_is_a_refusal(monkeypatch):
    """The probe looks for itself: the jailed process must not see what a kernel must not see."""
    monkeypatch.setattr(sandbox, "_cover", lambda path: None)
    why = sandbox_check.probe()
    assert why and "could still be read" in why


@pytest.mark.parametrize("error, says", [
    ("unshare: Operation not permitted", "seccomp"),
    ("mount /srv/course: Permission denied", "AppArmor"),
])
def test_a_refusal_inside_the_jail_says_which_policy_is_in_the_way(monkeypatch, error, says):
    if not ROOT and error.startswith("unshare"):
        error = error.replace("unshare", "unshare (user namespace)")

    def refused(jail, root):
        raise sandbox.SandboxError(error)

    monkeypatch.setattr(sandbox, "_namespaces_and_mounts", refused)
    why = sandbox_check.probe()
    assert why and error in why and says in why


@needs_root
def test_the_worker_will_not_start_without_what_its_sandbox_needs(tmp_path):
    result = subprocess.run(without("SYS_ADMIN") + [sys.executable, "-m", "academy.grading.on_submit"],
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, cwd=tmp_path,
                            env={k: v for k, v in os.environ.items() if not k.startswith(("ACADEMY_", "JUPYTERHUB_"))})
    assert result.returncode != 0
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("the grading worker cannot start: ") and "SYS_ADMIN" in line
