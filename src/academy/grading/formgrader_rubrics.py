"""The marking rubrics, shown to instructors inside the formgrader they mark in.

Each module's ``rubrics.md`` sits in the course folder (``academy.rubrics``), which learners never see;
the formgrader already runs beside that folder and is open to instructors only, so the page is served there
(``/formgrader/rubrics``, linked from the formgrader's side bar) rather than by a service that would need the
course folder too.
"""

from __future__ import annotations

import html
from pathlib import Path

from tornado import web

from .. import rubrics

ROUTE = r"/formgrader/rubrics"


def page(course_root: Path, formgrader_url: str) -> str:
    """The rubrics of every module that has any, as one accessible page."""
    sections = []
    for folder in sorted(p for p in (course_root / "modules").glob("*") if p.is_dir()):
        try:
            found = rubrics.read(folder)
        except rubrics.RubricError as exc:
            sections.append(f"<h2>{html.escape(folder.name)}</h2><p>This module's rubrics cannot be read: "
                            f"{html.escape(str(exc))}</p>")
            continue
        if not found:
            continue
        parts = [f'<h2 id="{html.escape(folder.name)}">Module {html.escape(folder.name)}</h2>']
        for rubric in found.values():
            parts.append(f'<h3 id="{html.escape(folder.name)}-{html.escape(rubric.grade_id)}">'
                         f"{html.escape(rubric.grade_id)}: {rubric.points:g} points</h3>")
            parts += [f"<p>{html.escape(note)}</p>" for note in rubric.notes]
            parts.append("<ul>" + "".join(
                f"<li>{html.escape(text)} <strong>({points:g} point{'' if points == 1 else 's'})</strong></li>"
                for text, points in rubric.criteria) + "</ul>")
        sections.append("\n".join(parts))
    body = "\n".join(sections) or "<p>No module has written answers marked by hand yet.</p>"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Marking rubrics</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>body{{font-family:system-ui,sans-serif;max-width:60em;margin:1em auto;padding:0 1em;"
            f"line-height:1.5;color:#1b1b1b}}a{{color:#0b4f9c}}li{{margin:.3em 0}}</style></head><body>"
            f'<header><a href="{html.escape(formgrader_url)}">&larr; Back to the formgrader</a> · '
            f'<a href="/services/progress/">Start page</a> · <a href="/hub/accessibility">Accessibility</a></header>'
            f"<main><h1>Marking rubrics</h1><p>Mark each written answer against its criteria; a criterion is met or "
            f"not, and the points add up to the cell's. The notebooks' model answers are in the course's source "
            f"notebooks.</p>{body}</main></body></html>")


def _handler_class():
    """Built on first load, so importing this module needs no nbgrader or server."""
    from nbgrader.server_extensions.formgrader.base import BaseHandler, check_notebook_dir

    class RubricsHandler(BaseHandler):
        @web.authenticated
        @check_notebook_dir
        def get(self) -> None:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.write(page(Path(self.coursedir.root), f"{self.base_url}/formgrader"))

    return RubricsHandler
