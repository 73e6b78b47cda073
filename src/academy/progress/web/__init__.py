"""The progress service's web side: the pages and API learners, instructors and organisers open through the hub.

``access`` holds what the handlers share (the store, the hub's groups) and
the rules of who may see what; ``base`` is the handler they build on;
``pages`` are the browser pages and downloads; ``api`` is what notebooks and
the pages' scripts call; ``app`` puts them under the service's prefix and
runs the service (``python -m academy.progress.service``). The shared
plumbing of hub services lives in ``academy.services``.
"""
