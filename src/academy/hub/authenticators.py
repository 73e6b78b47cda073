"""Moved to :mod:`academy.hub.auth.demo`; kept so deployments that name the old path still start."""

from .auth.demo import *  # noqa: F401,F403
