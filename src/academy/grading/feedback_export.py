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
"""

from __future__ import annotations

import json
from typing import Any

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


_MARKDOWN, _CODE = _Memo(), _Memo()


class _RememberedHighlight:
    """A ``Highlight2HTML`` filter that keeps what it made for each (lexer, source, language, metadata)."""

    def __init__(self, highlight: Highlight2HTML) -> None:
        self.highlight = highlight
        self._options = json.dumps(highlight.extra_formatter_options, sort_keys=True, default=str)

    def __call__(self, source: str, language: str | None = None, metadata: Any = None) -> str:
        key = (self.highlight.pygments_lexer, self._options, source, language,
               json.dumps(metadata, sort_keys=True, default=str))
        return _CODE.keep(key, lambda: self.highlight(source, language, metadata))


class FeedbackExporter(HTMLExporter):
    """``HTMLExporter`` with Markdown and code highlighting remembered across the pages of one process."""

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
            jinja_filter = _RememberedHighlight(jinja_filter)
        return super().register_filter(name, jinja_filter)


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
