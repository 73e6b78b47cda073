"""What every hub service shares, so a new service is a file of handlers.

``handlers`` is the base handler (the hub signs people in; errors answer as
JSON or as a page), the health check and the OAuth callback; ``access``
declares on each handler who may call it, as JupyterHub's ``@needs_scope``
does; ``app`` builds the tornado application (prefix, request log) and runs
it under the hub; ``settings`` reads what the hub tells a service it starts.
The progress service (``academy.progress.web``) is built on them.
"""
