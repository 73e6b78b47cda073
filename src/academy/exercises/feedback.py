"""What a learner sees after a check: a verdict and plain-English reasons."""

from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Feedback:
    exercise: str
    passed: bool
    problems: tuple[str, ...] = ()
    praise: str = ""
    hint_available: bool = True
    extra: dict = field(default_factory=dict, compare=False)
    #: Marked on submission: the answer has the right form and is kept; whether it is right is not told now.
    held: bool = False

    def __bool__(self) -> bool:
        return self.passed

    def verdict(self) -> dict:
        """What a checker sends back to a notebook's client (which rebuilds this from it)."""
        return {"passed": self.passed, "problems": list(self.problems), "praise": self.praise,
                "hint_available": self.hint_available, "held": self.held}

    @property
    def message(self) -> str:
        if self.held:
            return ("Your answer has the right form. This question is marked when you submit the module, not "
                    "now, so trying each option tells you nothing: give the answer you can give reasons for.")
        if self.passed:
            return f"Correct! {self.praise}".strip()
        lines = ["Not yet:"] + [f"- {p}" for p in self.problems]
        if self.hint_available:
            lines.append(f"Stuck? Run {self.exercise}.hint() for a nudge.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour, mark = ("#0b6b2b", "✔") if self.passed else ("#1d4f91", "…") if self.held else ("#8a3200", "✘")
        body = html.escape(self.message).replace("\n", "<br>")
        return f'<div style="border-left:4px solid {colour};padding:4px 10px;color:{colour}">{mark} {body}</div>'


class Text(str):
    """A hint or solution that reads well both printed and in a notebook."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)
