"""What a chart says, as data: the thing chart exercises are graded on.

Chart answers are graded on their content (bars, lines, labels, title), never
their pixels. Reading those from a matplotlib ``Axes`` into plain data lets
the same check run on a live chart in the learner's notebook and on a record
of it in the grader's process.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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
    lines = tuple((str(line.get_label()), tuple(map(_number, line.get_xdata())), tuple(map(_number, line.get_ydata())))
                  for line in answer.get_lines())
    legend = answer.get_legend()
    return ChartData(
        title=answer.get_title(), xlabel=answer.get_xlabel(), ylabel=answer.get_ylabel(),
        xticklabels=tuple(t.get_text() for t in answer.get_xticklabels()),
        yticklabels=tuple(t.get_text() for t in answer.get_yticklabels()),
        bars=tuple(bars), lines=lines,
        legend=tuple(t.get_text() for t in legend.get_texts()) if legend is not None else (),
        y_inverted=bool(answer.yaxis_inverted()),
    )
