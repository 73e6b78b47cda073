"""nbgrader's HTML feedback exporter, remembering the cells it has already rendered.

In a cohort's feedback most cells are the same for every learner: the
module's text, the set-up cells and the test cells. nbconvert renders each
one again for every learner: Markdown through mistune and code through
Pygments, about a third of the time a feedback page takes. This exporter is
nbconvert's ``HTMLExporter`` (nbgrader's ``GenerateFeedback`` uses it through
its ``exporter_class`` setting) with those two filters remembered by their
input, so an identical cell gives identical HTML without the work. Markdown
with attachments, or with images embedded from the learner's folder, is
rendered each time.

nbconvert then reads the whole page back with BeautifulSoup, to give images
their alt text and cells their tab stops, and writes it out again: over a
third of a page's time, most of it spent on the thousands of ``<span>`` tags
of highlighted code, which that pass never changes. With nbconvert's and
nbgrader's own templates (which put highlighted code only in element
content), the code is set aside as a token while the page is read back, and
put in again as BeautifulSoup writes it, remembered per cell like the rest.
A learner's HTML output can open an attribute, a comment or a script before a
code cell and close it after; the page is then made again without setting
anything aside, so it is still nbconvert's own.
"""

from __future__ import annotations

import bisect
import copy
import json
import re
import secrets
from collections.abc import Mapping
from typing import Any

from bs4 import BeautifulSoup
from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from nbconvert.filters.highlight import Highlight2HTML

#: Cells remembered per process, at most, per filter: a cohort's distinct cells, many times over.
REMEMBERED = 4096


class _Memo(dict):
    def keep(self, key: Any, make: Any) -> Any:
        if key not in self:
            if len(self) >= REMEMBERED:
                self.clear()
            self[key] = make()
        return self[key]


_MARKDOWN, _CODE, _WRITTEN = _Memo(), _Memo(), _Memo()
#: Templates that put highlighted code only in element content, where setting it aside changes nothing.
SET_ASIDE_TEMPLATES = ("feedback", "classic", "lab")
#: Set-aside code stands in the page as an empty element, so that the text around it is read back as it is
#: around the code itself. Its name is made afresh for each page, and secret, so no learner's output can name
#: one. ``data-k``: "x" for the code as highlighted, "c" for it as the template's ``clean_html`` sanitised it.
_TOKEN = r'<{tag} data-k="([xc])" data-n="(\d+)"></{tag}>'
#: Where BeautifulSoup writes text as it read it, not as markup: comments, declarations, CDATA, script and style.
_RAW = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)


def _as_written(html: str) -> str:
    """What nbconvert's BeautifulSoup pass writes for this markup: it parses and writes each tag on its own."""
    return _WRITTEN.keep(html, lambda: str(BeautifulSoup(html, features="html.parser")))


class _RememberedHighlight:
    """A ``Highlight2HTML`` filter that keeps what it made for each (lexer, source, language, cell magic)."""

    def __init__(self, highlight: Highlight2HTML, exporter: FeedbackExporter) -> None:
        self.highlight, self.exporter = highlight, exporter
        self._options = json.dumps(highlight.extra_formatter_options, sort_keys=True, default=str)

    def __call__(self, source: str, language: str | None = None, metadata: Any = None) -> str:
        # Of a cell's metadata, nbconvert's highlighting reads only the language of a cell magic; the rest
        # (the times nbclient records for every cell run, for one) would make every learner's cell new.
        if metadata is not None and not isinstance(metadata, Mapping):
            return self.exporter.set_aside(self.highlight(source, language, metadata))
        # A magic's language set to null is nbconvert's plain text, not the notebook's language: kept apart.
        magics = ("magics", json.dumps(metadata["magics_language"], sort_keys=True, default=str)) \
            if metadata and "magics_language" in metadata else None
        key = (self.highlight.pygments_lexer, self._options, source, language, magics)
        html = _CODE.keep(key, lambda: self.highlight(source, language, metadata))
        return self.exporter.set_aside(html)


class FeedbackExporter(HTMLExporter):
    """``HTMLExporter`` with Markdown and code highlighting remembered across the pages of one process."""

    #: While a page is made: the highlighted code its tokens stand for (None: nothing is set aside).
    aside: list[str] | None = None
    #: While a page is made: the tokens' pattern, with this page's secret name.
    token: re.Pattern | None = None

    def set_aside(self, html: str) -> str:
        """A token for Pygments' one ``<div>`` (the whitespace around it stays in the page); other markup as is."""
        core = html.strip()
        if self.aside is None or not (core.startswith("<div") and core.endswith("</div>")
                                      and core.count("<div") == core.count("</div>") == 1):
            return html
        self.aside.append(core)
        lead, trail = html[:len(html) - len(html.lstrip())], html[len(html.rstrip()):]
        return f'{lead}<{self._tag} data-k="x" data-n="{len(self.aside) - 1}"></{self._tag}>{trail}'

    def from_notebook_node(self, nb: Any, resources: dict | None = None, **kw: Any) -> tuple[str, dict]:
        # Filters configured by hand (``HTMLExporter.filters``) may handle the code themselves: nothing set aside.
        self.aside = [] if self.template_name in SET_ASIDE_TEMPLATES and not self.filters else None
        self._tag = f"academy-aside-{secrets.token_hex(8)}"
        self.token = re.compile(_TOKEN.format(tag=self._tag))
        given = copy.copy(resources)
        try:
            page, made = super().from_notebook_node(nb, resources, **kw)
            if self.aside:
                put_back = self._put_back(page)
                if put_back is None:  # a learner's own markup moved some code out of element content
                    self.aside = None
                    page, made = super().from_notebook_node(nb, given, **kw)
                else:
                    page = put_back
        finally:
            self.aside = self.token = None
        return page, made

    def _put_back(self, page: str) -> str | None:
        """The page with each token replaced by its code as nbconvert's pass writes it; None unless every token
        came through once, as an element (a learner's HTML output can leave one inside an attribute, a comment or
        a script, where the pass would have kept or escaped the code as text)."""
        assert self.aside is not None and self.token is not None
        found = list(self.token.finditer(page))
        if sorted(int(t[2]) for t in found) != list(range(len(self.aside))):
            return None
        raw = [(m.start(), m.end()) for m in _RAW.finditer(page)]
        starts = [start for start, _ in raw]
        for t in found:
            i = bisect.bisect_right(starts, t.start()) - 1
            if i >= 0 and t.start() < raw[i][1]:
                return None
        clean = self.environment.filters["clean_html"].original
        aside = self.aside
        return self.token.sub(lambda t: _as_written(aside[int(t[2])] if t[1] == "x" else clean(aside[int(t[2])])),
                              page)

    def default_filters(self) -> Any:
        for name, jinja_filter in super().default_filters():
            yield name, _KnowsTokens(jinja_filter, self) if name == "clean_html" else jinja_filter

    @pass_context  # as nbconvert's own: the cell comes with the template's context
    def markdown2html(self, context: Any, source: str) -> str:
        cell = context.get("cell", {})
        if cell.get("attachments") or self.embed_images:
            return super().markdown2html(context, source)
        key = (source, self.anchor_link_text, self.exclude_anchor_links,
               json.dumps(self.lexer_options, sort_keys=True, default=str))
        return _MARKDOWN.keep(key, lambda: super(FeedbackExporter, self).markdown2html(context, source))

    def register_filter(self, name: str, jinja_filter: Any) -> Any:
        if name == "highlight_code" and isinstance(jinja_filter, Highlight2HTML):
            jinja_filter = _RememberedHighlight(jinja_filter, self)
        return super().register_filter(name, jinja_filter)


class _KnowsTokens:
    """The template's ``clean_html``: given set-aside code's token, marks it to be sanitised when put back."""

    def __init__(self, original: Any, exporter: FeedbackExporter) -> None:
        self.original, self.exporter = original, exporter

    def __call__(self, element: Any) -> Any:
        pattern = self.exporter.token
        if pattern is not None and isinstance(element, str) and (token := pattern.fullmatch(element.strip())) \
                and token[1] == "x":
            return element.replace('data-k="x"', 'data-k="c"', 1)
        return self.original(element)


def warm() -> None:
    """Render one small page, so that what every page compiles first (Pygments' Python lexer, the Markdown
    parser's and BeautifulSoup's CSS selectors' patterns: about 0.4 s) is compiled in this process; the
    processes forked from it to write feedback then start with it (each had paid it for its first page)."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title\n\nSome *text*, `code` and\n- a list"),
                                         nbformat.v4.new_code_cell("import pandas as pd\nprint(1)")])
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    FeedbackExporter().from_notebook_node(nb)


#: The dotted name nbgrader's ``GenerateFeedback.exporter_class`` setting takes.
EXPORTER = f"{FeedbackExporter.__module__}.{FeedbackExporter.__qualname__}"
