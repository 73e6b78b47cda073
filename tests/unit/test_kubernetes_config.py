"""The scale-out path, checked as far as this machine can without a cluster.

The Zero to JupyterHub values and manifests must parse, use only the chart's
settings, name only images this repository builds (or the few public bases it
documents), and agree with the one-machine hub's code: the same roles, scopes
and service names. The exchange is a service in its own pod: its volume is
mounted there and nowhere else (no ReadWriteMany volume shared between
learners' pods), learners and the formgrader are pointed at its Service, and
the learner image's nbgrader configs (written by ``academy hub prepare
--configs-only``) send every exchange step to it. The grading workers take
submissions from the same Redis queue the exchange puts them on, with the hub's
``grader`` token and role, mount neither the exchange's volume nor the course's,
and run as root with exactly the capabilities their sandbox needs (the sandbox
itself is run with that set here).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from academy import exchange
from academy import settings as academy_settings
from academy.course import course_id
from academy.exchange.queue import open_queue
from academy.grading import sandbox_check
from academy.hub import production, roles
from academy.hub.settings import REPO_ROOT
from academy.settings import SETTINGS as VARIABLES

K8S = REPO_ROOT / "hub-config" / "kubernetes"
#: Top-level keys of the Zero to JupyterHub chart's values (chart 4.x schema).
CHART_KEYS = {"fullnameOverride", "nameOverride", "enabled", "imagePullSecrets", "imagePullSecret", "custom",
              "hub", "rbac", "proxy", "singleuser", "scheduling", "ingress", "prePuller", "cull", "debug",
              "global"}
#: Public base images the manifests may use besides the repository's own.
PUBLIC_IMAGES = {"postgres:16", "python:3.11-slim-bookworm", "quay.io/jupyterhub/k8s-hub:4.2.0",
                 "redis:7.2.5-bookworm"}


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
        base = re.search(r"^FROM (\S+)", text, re.M).group(1)  # a public base, or an image built here first
        assert base in PUBLIC_IMAGES or base.split(":")[0] in images, (dockerfile.name, base)
        for source in re.findall(r"^COPY (.+) \S+$", text, re.M):
            for path in source.split():
                assert (REPO_ROOT / path).exists(), f"{dockerfile.name} copies {path}, which is not in the repository"


def documents(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all((K8S / name).read_text()) if d]


def one(name: str, kind: str) -> dict:
    (found,) = [d for d in documents(name) if d["kind"] == kind]
    return found


def env_of(deployment: dict) -> dict[str, dict]:
    """Its container's variables: name -> the entry (``value`` or ``valueFrom``)."""
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return {e["name"]: e for e in container.get("env", [])}


def pods(values: dict) -> dict[str, dict]:
    """Every pod the chart and the manifests make -> its spec; learners' servers as ``singleuser``."""
    out = {d["metadata"]["name"]: d["spec"]["template"]["spec"] for f in K8S.glob("*.yaml") if f.name != "values.yaml"
           for d in yaml.safe_load_all(f.read_text()) if d and d["kind"] in ("Deployment", "StatefulSet")}
    storage = values["singleuser"].get("storage", {})
    out["singleuser"] = {"volumes": storage.get("extraVolumes", []),
                         "containers": [{"volumeMounts": storage.get("extraVolumeMounts", [])}]}
    return out


def claims(pod: dict) -> set[str]:
    return {v["persistentVolumeClaim"]["claimName"] for v in pod.get("volumes", []) if "persistentVolumeClaim" in v}


def test_roles_and_services_are_the_ones_the_hub_code_makes(values):
    course = "accelerator"
    made = roles.roles([course], {"club-example": []}) + roles.progress_roles() + roles.exchange_roles([course])
    expected = {r.pop("name"): r for r in made}
    assert values["hub"]["loadRoles"] == expected
    for service in (roles.formgrader_service(course), roles.PROGRESS_SERVICE, roles.CHECKS_SERVICE,
                    roles.EXCHANGE_SERVICE):
        assert service in values["hub"]["services"], f"the chart does not register the {service} service"
    # A learner's server fetches and submits with its own token, so that token must reach the exchange.
    assert values["hub"]["config"]["Spawner"]["server_token_scopes"] == roles.SERVER_TOKEN_SCOPES
    assert f"access:services!service={roles.EXCHANGE_SERVICE}" in values["hub"]["loadRoles"]["user"]["scopes"]
    authenticator = values["hub"]["config"]["JupyterHub"]["authenticator_class"]
    module, _, name = authenticator.rpartition(".")
    assert hasattr(__import__(module, fromlist=[name]), name), f"{authenticator} does not exist"
    assert values["hub"]["config"]["Authenticator"]["username_pattern"] == production.NAME.pattern


def test_only_the_exchanges_pod_mounts_its_volume_and_no_volume_is_shared(values):
    service = one("exchange.yaml", "Deployment")
    folder = env_of(service)["ACADEMY_EXCHANGE_DIR"]["value"]
    (container,) = service["spec"]["template"]["spec"]["containers"]
    (mount,) = [m for m in container["volumeMounts"] if Path(folder).is_relative_to(m["mountPath"])]
    (volume,) = [v for v in service["spec"]["template"]["spec"]["volumes"] if v["name"] == mount["name"]]
    claim = volume["persistentVolumeClaim"]["claimName"]

    mounting = {name for name, pod in pods(values).items() if claim in claims(pod)}
    assert mounting == {service["metadata"]["name"]}, f"{claim} (submissions and feedback) is mounted in {mounting}"
    for name, pod in pods(values).items():
        for c in pod["containers"]:
            for m in c.get("volumeMounts", []):
                assert name == service["metadata"]["name"] or "exchange" not in m["mountPath"], (name, m)

    pvcs = [d for f in K8S.glob("*.yaml") if f.name != "values.yaml" for d in yaml.safe_load_all(f.read_text())
            if d and d["kind"] == "PersistentVolumeClaim"]
    templates = [t for f in K8S.glob("*.yaml") if f.name != "values.yaml" for d in yaml.safe_load_all(f.read_text())
                 if d and d["kind"] == "StatefulSet" for t in d["spec"].get("volumeClaimTemplates", [])]
    assert claim in {p["metadata"]["name"] for p in pvcs}
    modes = {p["metadata"]["name"]: p["spec"]["accessModes"] for p in pvcs + templates}
    modes["singleuser home"] = values["singleuser"]["storage"].get("dynamic", {}).get("storageAccessModes", [])
    shared = {name: m for name, m in modes.items() if "ReadWriteMany" in m}
    assert not shared, f"volumes more than one pod could write: {shared}"
    # SQLite in that volume has one writer: an update stops the old pod before the new one starts.
    assert service["spec"]["replicas"] == 1 and service["spec"]["strategy"]["type"] == "Recreate"
    assert service["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_learners_and_the_formgrader_reach_the_exchange_at_its_service(values):
    service = one("exchange.yaml", "Deployment")
    env = env_of(service)
    front = one("exchange.yaml", "Service")
    (port,) = front["spec"]["ports"]
    (container,) = service["spec"]["template"]["spec"]["containers"]
    listens = urlparse(env["JUPYTERHUB_SERVICE_URL"]["value"]).port
    assert listens == port["targetPort"] == container["ports"][0]["containerPort"]
    assert front["spec"]["selector"].items() <= service["spec"]["template"]["metadata"]["labels"].items()

    name = roles.EXCHANGE_SERVICE
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == name
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{name}/"
    token = env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert (token["name"], token["key"]) == ("hub", f"hub.services.{name}.apiToken")
    at = f"http://{front['metadata']['name']}:{port['port']}"
    assert values["hub"]["services"][name]["url"] == at
    assert values["singleuser"]["extraEnv"]["ACADEMY_EXCHANGE_URL"] == f"{at}/services/{name}/"
    formgrader = env_of(one("formgrader.yaml", "Deployment"))
    assert formgrader["ACADEMY_EXCHANGE_URL"]["value"] == f"{at}/services/{name}/"
    # The exchange serves the formgrader's course (its roster lets that formgrader release and collect).
    courses = env["ACADEMY_EXCHANGE_COURSES"]["value"].split(",")
    assert formgrader["JUPYTERHUB_SERVICE_NAME"]["value"] in [roles.formgrader_service(c) for c in courses]
    # Learners' pods may send to nothing they are not allowed: the exchange's pod on its port must be allowed.
    allowed = [(peer.get("podSelector", {}).get("matchLabels"), p["port"])
               for rule in values["singleuser"]["networkPolicy"]["egress"] for peer in rule["to"]
               for p in rule["ports"]]
    assert (front["spec"]["selector"], port["targetPort"]) in allowed
    for manifest in K8S.glob("*.yaml"):
        if manifest.name != "values.yaml":
            for doc in documents(manifest.name):
                if doc["kind"] in ("Deployment", "StatefulSet"):
                    for variable in env_of(doc):
                        assert not variable.startswith("ACADEMY_") or variable in VARIABLES, (manifest.name, variable)


@pytest.mark.slow
def test_the_learner_image_sends_every_exchange_step_to_the_service(values, tmp_path):
    from nbgrader.exchange.exchange_factory import ExchangeFactory
    from traitlets import Type
    from traitlets.config.loader import PyFileConfigLoader

    from academy.exchange import client

    env_in_image = values["singleuser"]["extraEnv"]
    for name in env_in_image:
        assert not name.startswith("ACADEMY_") or name in VARIABLES, f"{name} is not a setting the code reads"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACADEMY_")}
    state = tmp_path / "srv-academy"
    env["ACADEMY_HUB_STATE"] = str(state)
    result = subprocess.run([sys.executable, "-m", "academy", "hub", "prepare", "--configs-only"], env=env,
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    image_state = env_in_image["ACADEMY_HUB_STATE"]
    formgrader = env_of(one("formgrader.yaml", "Deployment"))
    assert env_in_image["JUPYTER_CONFIG_PATH"] == f"{image_state}/jupyter/learner"
    assert formgrader["JUPYTER_CONFIG_PATH"]["value"] == f"{image_state}/jupyter/instructor"

    steps = {name for name, trait in ExchangeFactory.class_traits().items() if isinstance(trait, Type)}
    assert set(exchange.STEPS) == steps, "an nbgrader exchange step is not sent to the service"
    for who in ("learner", "instructor"):
        config_file = state / "jupyter" / who / "nbgrader_config.py"
        assert "Exchange.root" not in config_file.read_text(), f"the {who} config still names an exchange folder"
        config = PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config()
        factory = ExchangeFactory(config=config)
        for step in steps:
            assert getattr(factory, step) is getattr(client, exchange.STEPS[step]), (who, step)
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


# ------------------------------------------------------------------ grading on submit
def grader_pod() -> dict:
    return one("grader.yaml", "Deployment")["spec"]["template"]["spec"]


def test_the_grading_workers_take_from_the_queue_the_exchange_puts_on_at_the_redis_service(values):
    grader, exchange_pod = one("grader.yaml", "Deployment"), one("exchange.yaml", "Deployment")
    url = env_of(grader)["ACADEMY_GRADING_QUEUE_URL"]["value"]
    assert env_of(exchange_pod)["ACADEMY_GRADING_QUEUE_URL"]["value"] == url
    on_submit = env_of(exchange_pod)["ACADEMY_GRADE_ON_SUBMIT"]["value"]
    assert academy_settings.get("ACADEMY_GRADE_ON_SUBMIT", {"ACADEMY_GRADE_ON_SUBMIT": on_submit}) is True

    # The address, as the queue's own client reads it, is the Redis Service's name and port...
    front, redis = one("redis.yaml", "Service"), one("redis.yaml", "Deployment")
    (port,) = front["spec"]["ports"]
    client = open_queue(url).storage.pool.connection_kwargs
    assert (client["host"], client["port"]) == (front["metadata"]["name"], port["port"])
    # ...which sends to the Redis pod's port.
    (container,) = redis["spec"]["template"]["spec"]["containers"]
    assert port["targetPort"] == container["ports"][0]["containerPort"]
    assert front["spec"]["selector"].items() <= redis["spec"]["template"]["metadata"]["labels"].items()
    # One Redis, its append-only file on its own volume: the exchange's records are the truth.
    assert redis["spec"]["replicas"] == 1 and redis["spec"]["strategy"]["type"] == "Recreate"
    assert "--appendonly" in container["args"] and claims(redis["spec"]["template"]["spec"]) == {"academy-redis"}
    # Where network policies are enforced, both ends may reach it.
    policy = one("redis.yaml", "NetworkPolicy")
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= redis["spec"]["template"]["metadata"][
        "labels"].items()
    allowed = [peer["podSelector"]["matchLabels"] for rule in policy["spec"]["ingress"] for peer in rule["from"]
               if any(p["port"] == port["targetPort"] for p in rule["ports"])]
    for deployment in (grader, exchange_pod):
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert any(a.items() <= labels.items() for a in allowed), deployment["metadata"]["name"]

    # Several workers, each the grading worker, reaching the exchange where learners do.
    assert grader["spec"]["replicas"] >= 2
    (worker,) = grader["spec"]["template"]["spec"]["containers"]
    assert worker["command"] == ["python", "-m", "academy.grading.on_submit"]
    assert env_of(grader)["ACADEMY_EXCHANGE_URL"]["value"] == values["singleuser"]["extraEnv"]["ACADEMY_EXCHANGE_URL"]


def test_the_grading_workers_hold_the_hubs_grader_token_and_role(values):
    token = env_of(one("grader.yaml", "Deployment"))["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert (token["name"], token["key"]) == ("hub", f"hub.services.{roles.GRADER_SERVICE}.apiToken")
    service = values["hub"]["services"][roles.GRADER_SERVICE]
    assert "url" not in service, "the grading workers serve nothing: the hub must not route to them"

    def held(loaded: dict[str, dict]) -> dict[str, list[str]]:
        return {name: r["scopes"] for name, r in loaded.items() if roles.GRADER_SERVICE in r.get("services", [])}

    made = held({r["name"]: r for r in roles.exchange_roles(["accelerator"])})
    assert held(values["hub"]["loadRoles"]) == made
    assert f"access:services!service={roles.EXCHANGE_SERVICE}" in [s for scopes in made.values() for s in scopes]


def test_no_grading_worker_mounts_a_volume_and_its_course_and_gradebook_are_where_it_looks(values):
    pod = grader_pod()
    exchange_claim = one("exchange.yaml", "PersistentVolumeClaim")["metadata"]["name"]
    assert exchange_claim not in claims(pod)
    assert not pod.get("volumes") and not any(c.get("volumeMounts") for c in pod["containers"]), \
        "a grading worker mounts a volume: several replicas cannot share a ReadWriteOnce one"
    env = env_of(one("grader.yaml", "Deployment"))
    assert "ACADEMY_EXCHANGE_DIR" not in env, "the workers reach the exchange over HTTP only"

    # The course is in the image, where ACADEMY_HUB_COURSES says, and it is the course the exchange serves.
    (worker,) = pod["containers"]
    dockerfile = built_images()[worker["image"].split(":")[0]].read_text()
    course = env["ACADEMY_HUB_COURSES"]["value"]
    copies = re.findall(r"^COPY (.+) (\S+)$", dockerfile, re.M)
    targets = {dest.rstrip("/"): sources.split() for sources, dest in copies}
    assert "courses/accelerator/nbgrader_config.py" in targets[course]
    assert {f"{course}/source", f"{course}/modules"} <= targets.keys()
    for sources in targets.values():
        for source in sources:
            assert source.rstrip("/") != "courses/accelerator", "the whole course folder (gradebook, secret) copied"
            assert not re.search(r"gradebook|academy_grader_secret|submitted|autograded|feedback", source), source
    assert worker["workingDir"] == course
    served = env_of(one("exchange.yaml", "Deployment"))["ACADEMY_EXCHANGE_COURSES"]["value"].split(",")
    assert course_id(REPO_ROOT / "courses" / "accelerator") in served

    # The gradebook is postgresql.yaml's database, its password from the pod, not the image.
    gradebook = urlparse(re.search(r"^ARG GRADEBOOK_URL=(\S+)$", dockerfile, re.M).group(1))
    database = one("postgresql.yaml", "Service")
    init = one("postgresql.yaml", "ConfigMap")["data"]["init.sh"]
    assert gradebook.scheme == "postgresql" and gradebook.password is None
    assert (gradebook.hostname, gradebook.port) == (database["metadata"]["name"], database["spec"]["ports"][0]["port"])
    assert f"CREATE DATABASE {gradebook.path.lstrip('/')} OWNER {gradebook.username}" in init
    password = env["PGPASSWORD"]["valueFrom"]["secretKeyRef"]
    assert (password["name"], password["key"]) == ("academy-postgresql", "gradebook-password")
    assert "ACADEMY_GRADER_SECRET" in env, "without the course's secret learners' data variants differ"


def test_the_grading_pod_grants_what_its_sandbox_needs_and_no_more():
    pod = grader_pod()
    (worker,) = pod["containers"]
    context = worker["securityContext"]
    assert context["capabilities"]["drop"] == ["ALL"]
    assert sorted(context["capabilities"]["add"]) == sorted(sandbox_check.CAPABILITIES)
    assert context.get("privileged") is not True
    # Root: each kernel gets a user id of its own (the weaker user-namespace form is for graders without root).
    assert context.get("runAsUser", pod["securityContext"].get("runAsUser")) == 0
    profile = {**pod["securityContext"], **context}
    assert profile["seccompProfile"] == {"type": "RuntimeDefault"}  # allows unshare and mount to SYS_ADMIN
    assert profile["appArmorProfile"] == {"type": "Unconfined"}  # the default AppArmor profile denies mount
    assert profile.get("procMount", "Default") == "Default"  # no /proc is mounted
    assert not any(pod.get(k) for k in ("hostNetwork", "hostPID", "hostIPC"))
    assert pod.get("hostUsers", True) is True, "kernels' user ids (400001 up) exist only among the node's own"
    assert pod["automountServiceAccountToken"] is False
    # The kernels' user ids are the node's: never two workers on one node.
    labels = one("grader.yaml", "Deployment")["spec"]["template"]["metadata"]["labels"]
    apart = pod["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert any(term["topologyKey"] == "kubernetes.io/hostname"
               and term["labelSelector"]["matchLabels"].items() <= labels.items() for term in apart)
    # What it needs, and why, is written where an operator looks.
    for name in sandbox_check.CAPABILITIES:
        assert name in (K8S / "grader.yaml").read_text() and f"`{name}`" in (K8S / "README.md").read_text(), name


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="running with only the pod's capabilities needs root and setpriv (CI runs as root)")
def test_the_sandbox_runs_with_only_the_grading_pods_capabilities(monkeypatch):
    """The real sandbox check, in a process holding the pod's capabilities and nothing else."""
    added = grader_pod()["containers"][0]["securityContext"]["capabilities"]["add"]

    def holding(caps: list[str]) -> list[str]:
        kept = ",".join(f"+{c.lower()}" for c in caps)
        return ["setpriv", "--bounding-set", f"-all,{kept}", "--inh-caps", "-all", "--", *sandbox_check.PROBE]

    monkeypatch.setattr(sandbox_check, "PROBE", holding(added))
    assert sandbox_check.refusal() is None
    monkeypatch.setattr(sandbox_check, "PROBE", holding(added[1:]))
    assert added[0] in (sandbox_check.refusal() or ""), "the check passes without a capability the pod adds"
