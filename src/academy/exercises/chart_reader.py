"""What a chart says, as data: the thing chart exercises are graded on.

Chart answers are graded on their content (bars, lines, points, labels, title,
legend and colour bar), never their pixels. Reading those from a matplotlib
``Axes`` into plain data lets the same check run on a live chart in the
learner's notebook and on a record of it in the grader's process.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class ChartData:
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    xticklabels: tuple[str, ...] = ()
    yticklabels: tuple[str, ...] = ()
    #: (x, y, width, height) of each bar, in drawing order.
    bars: tuple[tuple[float, float, float, float], ...] = ()
    #: (label, xs, ys) of each line.
    lines: tuple[tuple[str, tuple[float, ...], tuple[float, ...]], ...] = ()
    legend: tuple[str, ...] = field(default=())
    #: Whether the y axis runs downwards (ax.invert_yaxis()): then the lowest bar is drawn at the top.
    y_inverted: bool = False
    #: (label, xs, ys, colour values) of each set of points (ax.scatter). The colour values are what ``c=``
    #: was given when it was numbers mapped through a colour map; when the points were given colours of
    #: their own (c= a list of colour names), a number for each distinct colour (0, 1, 2... in order of
    #: first use); empty when every point has the same colour.
    scatters: tuple[tuple[str, tuple[float, ...], tuple[float, ...], tuple[float, ...]], ...] = ()
    #: The label of each colour bar drawn for this chart's points (fig.colorbar(points, label=...)).
    colour_bars: tuple[str, ...] = ()
    #: The legend's own heading (ax.legend(title=...)), which often says what its entries are.
    legend_title: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ChartData:
        return cls(
            title=str(data.get("title", "")), xlabel=str(data.get("xlabel", "")), ylabel=str(data.get("ylabel", "")),
            xticklabels=tuple(str(t) for t in data.get("xticklabels", ())),
            yticklabels=tuple(str(t) for t in data.get("yticklabels", ())),
            bars=tuple(tuple(float(v) for v in bar[:4]) for bar in data.get("bars", ()) if len(bar) >= 4),
            lines=tuple((str(label), tuple(map(float, xs)), tuple(map(float, ys)))
                        for label, xs, ys in data.get("lines", ())),
            legend=tuple(str(t) for t in data.get("legend", ())),
            y_inverted=data.get("y_inverted") is True,
            scatters=tuple((str(label), tuple(map(float, xs)), tuple(map(float, ys)), tuple(map(float, cs)))
                           for label, xs, ys, cs in data.get("scatters", ())),
            colour_bars=tuple(str(t) for t in data.get("colour_bars", ())),
            legend_title=str(data.get("legend_title", "")),
        )

    @property
    def horizontal(self) -> bool:
        """barh draws every bar from the same x; bar, from the same y."""
        return (len(self.bars) > 1 and len({round(b[0], 9) for b in self.bars}) == 1
                and len({round(b[1], 9) for b in self.bars}) > 1)

    def bar_values(self) -> tuple[list[str], list[float]]:
        """Labels and values of a bar chart in reading order: left to right, or top to bottom."""
        if self.horizontal:
            ordered = sorted(self.bars, key=lambda b: b[1] if self.y_inverted else -b[1])
            return (_labels_for(self.yticklabels, len(ordered), reverse=not self.y_inverted),
                    [b[2] for b in ordered])
        ordered = sorted(self.bars, key=lambda b: b[0])
        return _labels_for(self.xticklabels, len(ordered), reverse=False), [b[3] for b in ordered]


def _labels_for(ticks: tuple[str, ...], n: int, reverse: bool) -> list[str]:
    """Tick labels matched to bars. matplotlib lists y ticks bottom-up; a reader reads top-down."""
    labels = [t.strip() for t in ticks]
    if len(labels) != n:
        return []
    return labels[::-1] if reverse else labels


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def chart_data(answer: Any) -> ChartData | None:
    """The chart in ``answer`` (an Axes, a Figure or a ChartData), or None if there is none."""
    if isinstance(answer, ChartData):
        return answer
    try:
        from matplotlib.axes import Axes
        from matplotlib.collections import PathCollection
        from matplotlib.figure import Figure
        from matplotlib.patches import Rectangle
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        return None
    if isinstance(answer, Figure):
        if not answer.axes:
            return None
        answer = answer.axes[0]
    if not isinstance(answer, Axes):
        return None
    bars = [(_number(p.get_x()), _number(p.get_y()), _number(p.get_width()), _number(p.get_height()))
            for p in answer.patches if isinstance(p, Rectangle)]
    # orig=False: dates, periods and text on an axis come as the numbers they are drawn at, in order.
    lines = tuple((str(line.get_label()), _numbers(line.get_xdata(orig=False)), _numbers(line.get_ydata(orig=False)))
                  for line in answer.get_lines())
    scatters, colour_bars = [], []
    for points in answer.collections:
        if not isinstance(points, PathCollection):
            continue
        offsets = np.asarray(points.get_offsets(), dtype=float).reshape(-1, 2)
        scatters.append((str(points.get_label()), _numbers(offsets[:, 0]), _numbers(offsets[:, 1]),
                         _colour_values(points, len(offsets))))
        bar = getattr(points, "colorbar", None)
        if bar is not None:
            axis = bar.ax.xaxis if getattr(bar, "orientation", "vertical") == "horizontal" else bar.ax.yaxis
            colour_bars.append(axis.get_label().get_text())
    legend = answer.get_legend()
    return ChartData(
        title=answer.get_title(), xlabel=answer.get_xlabel(), ylabel=answer.get_ylabel(),
        xticklabels=tuple(t.get_text() for t in answer.get_xticklabels()),
        yticklabels=tuple(t.get_text() for t in answer.get_yticklabels()),
        bars=tuple(bars), lines=lines,
        legend=tuple(t.get_text() for t in legend.get_texts()) if legend is not None else (),
        y_inverted=bool(answer.yaxis_inverted()),
        scatters=tuple(scatters), colour_bars=tuple(colour_bars),
        legend_title=legend.get_title().get_text() if legend is not None else "",
    )


def _colour_values(points: Any, n: int) -> tuple[float, ...]:
    values = points.get_array()
    if values is not None and np.size(values) == n:
        return _numbers(values)
    colours = np.asarray(points.get_facecolors(), dtype=float).reshape(-1, 4)
    if len(colours) != n or n == 0:
        return ()
    _, first, ids = np.unique(np.round(colours, 6), axis=0, return_index=True, return_inverse=True)
    if len(first) < 2:
        return ()
    by_first_use = np.argsort(np.argsort(first))  # number the colours in the order they first appear
    return tuple(float(v) for v in by_first_use[np.ravel(ids)])


def _numbers(values: Any) -> tuple[float, ...]:
    """Plain floats, NaN for anything that is not a number (a masked point, a stray text)."""
    try:
        array: np.ndarray = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan).ravel()
    except (TypeError, ValueError):
        return tuple(_number(v) for v in np.ravel(np.asarray(values, dtype=object)))
    return tuple(float(v) for v in array)
