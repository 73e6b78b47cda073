"""A code-club challenge's organiser's sheet: ``modules/<id>/organiser.md``, printed by someone who may not code.

Organisers run a session from it (what the challenge teaches, how to spend the minutes, what people get
stuck on and what to say), so a sheet missing a section or whose timing does not add up to the session
would fail them in the room; reading it checks both, and ``academy validate`` reads every one.
The sheet lives in the course folder because its sticking points come from the checks' typical mistakes:
the progress service shows it to organisers and instructors, never to club members.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from .curriculum import ChallengeInfo
from .errors import AcademyError

SECTIONS = ("What it teaches", "Before the session", "Timing", "Common sticking points", "Finished early?")
_TIMING = re.compile(r"^\s*[-*]\s+(\d+)\s*min(?:utes?)?\s*:\s*(\S.*)$")
_BULLET = re.compile(r"^\s*[-*]\s+\S")
#: Enough sticking points that an organiser has something to say to most of the room.
MIN_STICKING_POINTS = 3


class SheetError(AcademyError, ValueError):
    """The organiser's sheet is missing, lacks a section, or its timing does not fit the session."""


@dataclass(frozen=True)
class OrganiserSheet:
    challenge: ChallengeInfo
    sections: dict[str, str]
    timing: tuple[tuple[int, str], ...]

    def html(self, section: str) -> str:
        """One section as HTML; raw HTML in the sheet is shown as text, never run in the organiser's page."""
        return _MARKDOWN.render(self.sections[section])


_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def path_of(course_dir: Path, challenge_id: str) -> Path:
    return Path(course_dir) / "modules" / challenge_id / "organiser.md"


def read(course_dir: Path, challenge: ChallengeInfo) -> OrganiserSheet:
    path = path_of(course_dir, challenge.id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SheetError(f"challenge {challenge.id} has no organiser's sheet: write {path} with the sections "
                         f"{', '.join(SECTIONS)}") from None
    sections = _split(text)
    missing = [s for s in SECTIONS if not sections.get(s, "").strip()]
    if missing:
        raise SheetError(f"{path}: the organiser's sheet needs a '## {missing[0]}' section"
                         + (f" (and {', '.join(missing[1:])})" if missing[1:] else ""))
    timing = _timing(path, sections["Timing"], challenge.minutes)
    points = [line for line in sections["Common sticking points"].splitlines() if _BULLET.match(line)]
    if len(points) < MIN_STICKING_POINTS:
        raise SheetError(f"{path}: list at least {MIN_STICKING_POINTS} common sticking points, one bullet each "
                         f"(found {len(points)})")
    return OrganiserSheet(challenge, sections, timing)


def _split(text: str) -> dict[str, str]:
    sections: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^##\s+(.+?)\s*$", line)
        if heading:
            current = heading.group(1)
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return sections


def _timing(path: Path, body: str, minutes: int) -> tuple[tuple[int, str], ...]:
    steps = []
    for line in body.splitlines():
        if not _BULLET.match(line):
            continue
        m = _TIMING.match(line)
        if not m:
            raise SheetError(f"{path}: each Timing bullet starts with its minutes, e.g. '- 5 min: run the set-up "
                             f"cell'; this one does not: {line.strip()!r}")
        steps.append((int(m.group(1)), m.group(2).strip()))
    total = sum(n for n, _ in steps)
    if not steps or total != minutes:
        raise SheetError(f"{path}: the Timing adds up to {total} minutes but curriculum.toml gives the challenge "
                         f"{minutes}; make them agree")
    return tuple(steps)


def problems(course_dir: Path, challenges: list[ChallengeInfo] | tuple[ChallengeInfo, ...]) -> list[str]:
    """Every sheet's problem, in plain words (``academy validate`` and the tests)."""
    found = []
    for c in challenges:
        try:
            read(course_dir, c)
        except SheetError as exc:
            found.append(str(exc))
    return found
