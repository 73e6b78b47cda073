"""JupyterHub, production-shaped single server (run as root).

Started by ``sudo academy hub start --mode production``. People sign up and
an admin (``ACADEMY_HUB_ADMINS``) approves them, or log in with the council's
Azure AD (``ACADEMY_HUB_AUTH=azuread``); each learner's server runs as their
own system account; the formgrader runs as the grader account that owns the
course. No demo account or password exists here. Settings: README.md beside
this file, and ``academy hub settings``.
"""

import sys

from academy.hub import production
from academy.hub.settings import HubConfigError, HubSettings

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

try:
    production.apply_production(c, HubSettings.from_env(), production.ProductionSettings.from_env())
except (HubConfigError, ValueError) as exc:
    sys.exit(f"Hub configuration error: {exc}")
