"""The JupyterHub deployment that serves the courses.

``hub-config/jupyterhub_config.py`` (one machine, demo accounts) and
``hub-config/production/jupyterhub_config.py`` (learners as system users,
sign-up with approval) are thin: they read :class:`settings.HubSettings` and
call :mod:`academy.hub.config`, so both deployments share one definition of
groups, roles, the nbgrader exchange and the formgrader service, and the
Kubernetes values describe the same thing again only where Kubernetes differs.
"""
