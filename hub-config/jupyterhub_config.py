"""JupyterHub, local default: one machine, SQLite, servers as local processes.

Started by ``make demo`` (``academy hub start``). Demo accounts for an
instructor, a code-club organiser and three learners are made on the first
start, with passwords kept in the state folder. Every setting comes from an
``ACADEMY_HUB_*`` variable (``academy hub settings`` lists them); the
definitions live in ``academy.hub.config`` so that this file and
``production/jupyterhub_config.py`` cannot drift apart.
"""

import sys

from academy.hub import config
from academy.hub.settings import HubConfigError, HubSettings

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

try:
    config.apply_local(c, HubSettings.from_env())
except (HubConfigError, ValueError) as exc:
    sys.exit(f"Hub configuration error: {exc}")
