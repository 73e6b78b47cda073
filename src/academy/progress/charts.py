"""Small SVG charts drawn on the server.

The views must load fast for a cohort of thousands and work in a council's
locked-down browser, so charts are plain inline SVG with labelled axes and a
text title: no JavaScript library, nothing fetched from elsewhere. A picture alone shuts out anyone
who cannot see it (WCAG 1.1.1, 1.4.1), so each chart comes with the same figures as a table, behind a
"show the figures" disclosure, and the heatmap's cells carry a symbol and words as well as a colour.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from markupsafe import Markup

#: Line and legend colours, each at least 4.5:1 on white so the legend's text is readable; lines also differ by dash.
PALETTE = ("#1d70b8", "#d4351c", "#00703c", "#a34a00", "#4c2c92", "#00676b", "#6f5400", "#912b88", "#505a5f")
DASHES = ("", "6 3", "2 3", "10 3 2 3")


def figures_table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    """The chart's numbers as an HTML table, folded under a disclosure so the page stays short."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + f'<th scope="row">{escape(r[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in r[1:])
                   + "</tr>" for r in rows)
    return (f'<details class="chart-data"><summary>Show the figures of “{escape(caption)}” as a table</summary>'
            f'<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            f"</details>")


def bars(values: dict[str, float], title: str, as_percent: bool = True, width: int = 520) -> str:
    """Horizontal bars, one per label, for shares between 0 and 1; then the same figures as a table."""
    row, left, top = 26, 230, 34
    height = top + row * len(values) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>',
             f'<text x="0" y="18" font-weight="bold">{escape(title)}</text>']
    span = width - left - 50
    for i, (label, value) in enumerate(values.items()):
        y = top + i * row
        w = max(0.0, min(1.0, value)) * span
        shown = f"{value:.0%}" if as_percent else f"{value:g}"
        parts += [f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>',
                  f'<rect x="{left}" y="{y + 3}" width="{span}" height="16" fill="#f3f2f1"/>',
                  f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="16" fill="{PALETTE[0]}"/>',
                  f'<text x="{left + span + 6}" y="{y + 15}">{shown}</text>']
    table = figures_table(title, [title, "Share" if as_percent else "Value"],
                          [[label, f"{v:.0%}" if as_percent else f"{v:g}"] for label, v in values.items()])
    return "".join(parts) + "</svg>" + table


def lines(series: dict[str, list[tuple[datetime, int]]], title: str, y_label: str, width: int = 640,
          height: int = 300) -> str:
    """Cumulative counts over time, one line per series, with a legend; then the same figures as a table
    (a row per date on which something changed, a column per series)."""
    left, right, top, bottom = 50, 130, 30, 40
    points = [p for s in series.values() for p in s]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>',
             f'<text x="0" y="18" font-weight="bold">{escape(title)}</text>']
    if not points:
        return "".join(parts) + f'<text x="{left}" y="{height / 2}">Nothing completed yet.</text></svg>'
    t0 = min(t for t, _ in points).timestamp()
    t1 = max(t for t, _ in points).timestamp()
    top_value = max(v for _, v in points)
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(t: datetime, v: int) -> tuple[float, float]:
        x = left + (0.5 if t1 == t0 else (t.timestamp() - t0) / (t1 - t0)) * plot_w
        return x, top + plot_h - v / top_value * plot_h

    parts += [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#505a5f"/>',
              f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#505a5f"/>',
              f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{top_value}</text>',
              f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
              f'<text x="{left}" y="{height - 8}">{datetime.fromtimestamp(t0):%d %b %Y}</text>',
              f'<text x="{left + plot_w}" y="{height - 8}" text-anchor="end">'
              f'{datetime.fromtimestamp(t1):%d %b %Y}</text>',
              f'<text x="12" y="{top + plot_h / 2}" transform="rotate(-90 12 {top + plot_h / 2})" '
              f'text-anchor="middle">{escape(y_label)}</text>']
    for i, (name, pts) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        dash = DASHES[i % len(DASHES)]
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(t, v) for t, v in pts))
        dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'
                       for x, y in (xy(t, v) for t, v in pts))
        key_y = top + 14 + 16 * i
        parts += [f'<polyline fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}" '
                  f'points="{coords}"/>',
                  dots,
                  f'<line x1="{left + plot_w + 6}" y1="{key_y - 4}" x2="{left + plot_w + 24}" y2="{key_y - 4}" '
                  f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>',
                  f'<text x="{left + plot_w + 28}" y="{key_y}" fill="{colour}">{escape(name)}</text>']
    return "".join(parts) + "</svg>" + _lines_table(series, title, y_label)


def _lines_table(series: dict[str, list[tuple[datetime, int]]], title: str, y_label: str) -> str:
    dates = sorted({t.date() for pts in series.values() for t, _ in pts})
    rows = []
    for day in dates:
        row = [f"{day:%d %b %Y}"]
        for pts in series.values():
            upto = [v for t, v in pts if t.date() <= day]
            row.append(str(upto[-1]) if upto else "0")
        rows.append(row)
    return figures_table(f"{title} ({y_label})", ["Date", *series], rows)


_CELL = {"passed": ('<td class="passed" title="{0}: passed"><span aria-hidden="true">✓</span>'
                    '<span class="vh">passed</span></td>'),
         "trying": ('<td class="trying" title="{0}: tried"><span aria-hidden="true">✗</span>'
                    '<span class="vh">tried</span></td>')}


def heatmap_rows(learners: list[str], exercises: list[tuple[str, str]],
                 cells: dict[str, dict[tuple[str, str], str]]) -> Markup:
    """The heatmap's body: a row per learner, a cell per exercise with a colour, a symbol and a word.

    Built with joins, not a template loop: a cohort of 250 is 11,000 cells,
    and this keeps the page well inside the 300 ms the views must answer in."""
    names = [f"{m}.{e}" for m, e in exercises]
    empty = [f'<td class="none" title="{n}: not tried"><span aria-hidden="true">·</span>'
             '<span class="vh">not tried</span></td>' for n in names]
    rows = []
    for learner in learners:
        row = cells.get(learner, {})
        tds = [_CELL[row[key]].format(names[i]) if key in row else empty[i] for i, key in enumerate(exercises)]
        rows.append(f'<tr><th class="learner" scope="row">{escape(learner)}</th>{"".join(tds)}</tr>')
    return Markup("\n".join(rows))
