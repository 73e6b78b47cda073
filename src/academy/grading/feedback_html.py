"""The learner's fetched feedback: the plain-English summary first, nbgrader's graded notebook below it.

nbgrader's feedback page opens with a list of "Test cell" links and then every cell with its tracebacks.
Learners read it in JupyterLab's HTML viewer, where following an in-page link blanks the frame, and the
summary the grader wrote (``summary.txt``) never reaches them: nbgrader releases only the HTML. So the page
is rewritten once nbgrader has made it: the link list gives way to the summary, and in-page links become
plain text.
"""

from __future__ import annotations

import html
import re

MARKER = 'id="academy-summary"'
_TOC = re.compile(r'<div id="toc">.*?</div>', re.S)
#: Headings' "¶" links and the table of contents' links: anchors within the page.
_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">.*?</a>', re.S)
_IN_PAGE_LINK = re.compile(r'<a href="#[^"]*">(.*?)</a>', re.S)

STYLE = ("#academy-summary{font-size:1.05em;line-height:1.5;margin:0.5em 0 1em}"
         "#academy-summary ul{list-style:none;padding-left:0}"
         "#academy-summary li.start{margin-left:1.5em;color:#333}")


def summary_section(summary: str) -> str:
    """The summary's lines as an HTML section: the first line as its heading line, the rest as a list."""
    lines = [ln for ln in summary.splitlines() if ln.strip()]
    if not lines:
        return ""
    items = "".join(
        f'<li class="start">{html.escape(ln.strip())}</li>' if ln.startswith("    ") else f"<li>{html.escape(ln)}</li>"
        for ln in lines[1:])
    return (f'<section {MARKER} aria-label="Your feedback in plain English"><style>{STYLE}</style>'
            f"<p><strong>{html.escape(lines[0])}</strong></p><ul>{items}</ul>"
            "<p>Your marked notebook follows below.</p></section>")


def with_summary(page: str, summary: str) -> str:
    """nbgrader's feedback ``page`` with ``summary`` in place of its link list, and no in-page links."""
    if MARKER in page:
        return page
    section = summary_section(summary)
    page, found = _TOC.subn(lambda _: section, page, count=1)
    if not found and section:
        page = page.replace("<body>", "<body>" + section, 1)
    page = _ANCHOR_LINK.sub("", page)
    return _IN_PAGE_LINK.sub(r"\1", page)
