"""Moved to :mod:`academy.hub.auth.azuread`; kept so deployments that name the old path still start."""

from .auth.azuread import *  # noqa: F401,F403
