"""nbgrader's exchange as a hub service, so no learner can reach another's submissions or feedback.

nbgrader's own exchange is one folder every learner can write to: on Kubernetes a shared volume in every
learner's pod, all running as one user; in the one-machine demo one operating-system account. Anyone could
list, read or overwrite anyone's work. Here the folder belongs to one service behind the hub
(``academy.exchange.service``), which asks the hub who is calling on every request, and nbgrader's
Assignments tab and formgrader reach it through nbgrader's own pluggable exchange classes
(``academy.exchange.client``), so neither changes for the people using them.

- ``archive``: a folder as one gzipped tar, checked before it is stored and again before it is unpacked;
- ``store``: releases, submissions and feedback, each stored whole or not at all, records in SQL;
- ``roster``: who teaches and who learns a course, as the hub's groups say;
- ``service`` and ``web``: the hub service and its routes;
- ``client``: the nbgrader plug-in.
"""

#: The grading queue's file in the exchange's folder, when no ``ACADEMY_GRADING_QUEUE_URL`` names another queue.
QUEUE_FILE = "grading-queue.sqlite"

#: nbgrader's ``ExchangeFactory`` trait -> our class for it, in ``academy.exchange.client`` (named, not imported:
#: the hub writes these into nbgrader's config without importing nbgrader).
STEPS = {
    "exchange": "HubExchange", "fetch_assignment": "ExchangeFetchAssignment",
    "fetch_feedback": "ExchangeFetchFeedback", "release_assignment": "ExchangeReleaseAssignment",
    "release_feedback": "ExchangeReleaseFeedback", "list": "ExchangeList", "submit": "ExchangeSubmit",
    "collect": "ExchangeCollect",
}


def nbgrader_config_lines() -> str:
    """Lines of an ``nbgrader_config.py`` that send every exchange step to the service."""
    return "".join(f"c.ExchangeFactory.{trait} = 'academy.exchange.client.{name}'\n" for trait, name in STEPS.items())
