"""The scale-out path, checked as far as this machine can without a cluster.

The Zero to JupyterHub values and manifests must parse, use only the chart's
settings, name only images this repository builds (or the few public bases it
documents), and agree with the one-machine hub's code: the same roles, the
same formgrader service name, and an exchange mounted where the learner
image's nbgrader config (written by ``academy hub prepare --configs-only``)
looks for it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from academy.hub import production, roles
from academy.hub.settings import REPO_ROOT
from academy.settings import SETTINGS as VARIABLES

K8S = REPO_ROOT / "hub-config" / "kubernetes"
#: Top-level keys of the Zero to JupyterHub chart's values (chart 4.x schema).
CHART_KEYS = {"fullnameOverride", "nameOverride", "enabled", "imagePullSecrets", "imagePullSecret", "custom",
              "hub", "rbac", "proxy", "singleuser", "scheduling", "ingress", "prePuller", "cull", "debug",
              "global"}
#: Public base images the manifests may use besides the repository's own.
PUBLIC_IMAGES = {"postgres:16", "python:3.11-slim-bookworm", "quay.io/jupyterhub/k8s-hub:4.2.0"}


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text())


def built_images() -> dict[str, Path]:
    """image name → the Dockerfile in this folder that builds it (its `# image:` line)."""
    out = {}
    for dockerfile in K8S.glob("*Dockerfile"):
        found = re.search(r"^# image: (\S+)", dockerfile.read_text(), re.M)
        assert found, f"{dockerfile.name} does not say which image it builds"
        out[found.group(1)] = dockerfile
    return out


def test_values_use_only_the_charts_settings(values):
    assert set(values) <= CHART_KEYS, f"not Zero to JupyterHub settings: {set(values) - CHART_KEYS}"
    assert values["hub"]["db"]["type"] == "postgres"
    assert values["cull"]["enabled"] is True


def test_every_image_is_built_here_or_a_named_public_base(values):
    images = built_images()
    for part in ("hub", "singleuser"):
        assert values[part]["image"]["name"] in images
    manifests = [doc for f in K8S.glob("*.yaml") if f.name != "values.yaml"
                 for doc in yaml.safe_load_all(f.read_text()) if doc]
    used = {c["image"] for doc in manifests if doc["kind"] in ("Deployment", "StatefulSet")
            for c in doc["spec"]["template"]["spec"]["containers"]}
    for image in used:
        assert image.split(":")[0] in images or image in PUBLIC_IMAGES, image
    for dockerfile in images.values():
        text = dockerfile.read_text()
        assert re.search(r"^FROM (\S+)", text, re.M).group(1) in PUBLIC_IMAGES
        for source in re.findall(r"^COPY (.+) \S+$", text, re.M):
            for path in source.split():
                assert (REPO_ROOT / path).exists(), f"{dockerfile.name} copies {path}, which is not in the repository"


def test_roles_and_services_are_the_ones_the_hub_code_makes(values):
    expected = {r.pop("name"): r for r in roles.roles(["accelerator"], {"club-example": []}) + roles.progress_roles()}
    assert values["hub"]["loadRoles"] == expected
    assert roles.formgrader_service("accelerator") in values["hub"]["services"]
    assert roles.PROGRESS_SERVICE in values["hub"]["services"]
    assert values["hub"]["config"]["Spawner"]["server_token_scopes"] == roles.SERVER_TOKEN_SCOPES
    authenticator = values["hub"]["config"]["JupyterHub"]["authenticator_class"]
    module, _, name = authenticator.rpartition(".")
    assert hasattr(__import__(module, fromlist=[name]), name), f"{authenticator} does not exist"
    assert values["hub"]["config"]["Authenticator"]["username_pattern"] == production.NAME.pattern


@pytest.mark.slow
def test_the_learner_image_config_finds_the_exchange_where_the_chart_mounts_it(values, tmp_path):
    env_in_image = values["singleuser"]["extraEnv"]
    for name in env_in_image:
        assert not name.startswith("ACADEMY_") or name in VARIABLES, f"{name} is not a setting the code reads"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACADEMY_")}
    state = tmp_path / "srv-academy"
    env["ACADEMY_HUB_STATE"] = str(state)
    result = subprocess.run([sys.executable, "-m", "academy", "hub", "prepare", "--configs-only"], env=env,
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    learner_config = (state / "jupyter" / "learner" / "nbgrader_config.py").read_text()
    in_image = learner_config.replace(str(state), env_in_image["ACADEMY_HUB_STATE"])
    exchange = re.search(r"c\.Exchange\.root = '([^']+)'", in_image).group(1)
    mounts = [m["mountPath"] for m in values["singleuser"]["storage"]["extraVolumeMounts"]]
    assert exchange in mounts
    assert env_in_image["JUPYTER_CONFIG_PATH"] == f"{env_in_image['ACADEMY_HUB_STATE']}/jupyter/learner"
    assert "formgrader" in (
        state / "jupyter" / "learner" / "jupyter_server_config.d" / "academy-learner.json").read_text()


MANIFESTS = sorted(p for p in K8S.glob("*.yaml") if p.name != "values.yaml")


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_every_manifest_is_valid_against_kubernetes_own_schemas(manifest):
    """Strictly: a misspelt field (``replica:`` for ``replicas:``) would be ignored by a cluster, not refused."""
    import kubernetes_validate

    documents = [d for d in yaml.safe_load_all(manifest.read_text()) if d]
    assert documents, f"{manifest.name} holds no resources"
    for doc in documents:
        kubernetes_validate.validate(doc, "1.30.0", strict=True)


def test_a_misspelt_field_in_a_manifest_is_refused():
    import kubernetes_validate

    deployment = next(d for d in yaml.safe_load_all((K8S / "checks.yaml").read_text()) if d["kind"] == "Deployment")
    deployment["spec"]["replica"] = deployment["spec"].pop("replicas", 1)
    with pytest.raises(kubernetes_validate.ValidationError, match="replica"):
        kubernetes_validate.validate(deployment, "1.30.0", strict=True)
