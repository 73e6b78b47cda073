"""A way back from the formgrader's pages to the instructor's start page, and a way to the marking rubrics.

nbgrader's formgrader pages have their own side bar and no link out of it. Rather than a copy of its
templates, every HTML page under ``/formgrader/`` gets one more item at the top of that bar as it leaves the
server (a tornado output transform, added by ``academy.grading.formgrader_button`` when it loads).
"""

from __future__ import annotations

import html

from tornado.httputil import HTTPServerRequest
from tornado.web import OutputTransform

SIDE_BAR = b'<ul class="nav nav-pills nav-stacked">'
START_PAGE = b'<li role="presentation"><a href="/services/progress/">&larr; Start page</a></li>'


RUBRICS = b'<li role="presentation"><a href="%s">Marking rubrics</a></li>'


class StartPageLink(OutputTransform):
    def __init__(self, request: HTTPServerRequest) -> None:
        self.on = "/formgrader/" in request.path and "/api/" not in request.path
        self.rubrics = request.path.split("/formgrader/", 1)[0].encode() + b"/formgrader/rubrics"

    def transform_first_chunk(self, status_code: int, headers, chunk: bytes, finishing: bool):
        if self.on and finishing and headers.get("Content-Type", "").startswith("text/html") and SIDE_BAR in chunk:
            chunk = chunk.replace(SIDE_BAR, SIDE_BAR + START_PAGE + RUBRICS % html.escape(
                self.rubrics.decode(errors="replace")).encode(), 1)
            if "Content-Length" in headers:
                headers["Content-Length"] = str(len(chunk))
        return status_code, headers, chunk

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        return chunk


def add_to(webapp) -> None:
    """First of the app's transforms, so it sees the page before any compression."""
    webapp.transforms.insert(0, StartPageLink)
