"""Moved to :mod:`academy.hub.auth.native`; kept so deployments that name the old path still start."""

from .auth.native import *  # noqa: F401,F403
