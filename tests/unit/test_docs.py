"""The README says what the code does: its settings table and the commands it shows (datasette's habit)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from academy import settings as S

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
VARIABLE = re.compile(r"\b(?:ACADEMY|AZUREAD)_[A-Z0-9_]*[A-Z0-9]\b")


def _unquoted(cell: str) -> str:
    """A cell that is one piece of code, without its backticks."""
    return cell[1:-1] if cell.startswith("`") and cell.endswith("`") and cell.count("`") == 2 else cell


def settings_table() -> dict[str, tuple[str, str]]:
    """README rows of the settings table: variable -> (default, meaning)."""
    section = README.split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and VARIABLE.fullmatch(cells[0].strip("`")):
            rows[cells[0].strip("`")] = (_unquoted(cells[1]), cells[2])
    return rows


def test_every_setting_a_person_sets_is_in_the_readme_with_its_default_and_help():
    table = settings_table()
    for s in S.public():
        assert s.env in table, f"{s.env} is missing from the README's settings table"
        default, meaning = table[s.env]
        assert default == s.default_text, f"README gives {s.env} the default {default!r}; the code {s.default_text!r}"
        assert meaning == s.help, f"README describes {s.env} differently from academy.settings"


def test_the_readme_table_names_no_setting_the_code_does_not_declare():
    undeclared = set(settings_table()) - {s.env for s in S.public()}
    assert not undeclared, f"README documents settings no code reads: {sorted(undeclared)}"


def test_every_variable_the_code_reads_is_declared_once_in_settings():
    """An ``ACADEMY_*`` name anywhere in the package or the hub configs must be in the table."""
    found: dict[str, str] = {}
    for folder in (ROOT / "src" / "academy", ROOT / "hub-config"):
        for path in folder.rglob("*"):
            if path.suffix in {".py", ".yaml", ".toml"} and "state" not in path.parts:
                for name in VARIABLE.findall(path.read_text(encoding="utf-8", errors="replace")):
                    found.setdefault(name, str(path.relative_to(ROOT)))
    prefixes = {"ACADEMY_HUB", "ACADEMY_PROGRESS"}  # prose such as "the ACADEMY_HUB_* variables"
    undeclared = {n: where for n, where in found.items() if n not in S.SETTINGS and n not in prefixes}
    assert not undeclared, f"read but not declared in academy.settings: {undeclared}"


def test_academy_hub_settings_prints_every_setting_even_with_every_url_set(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACADEMY_", "AZUREAD_"))}
    env.update(ACADEMY_PROGRESS_DB_URL="postgresql+psycopg://academy@db/progress", ACADEMY_HUB_DB_URL="sqlite:////x.db",
               ACADEMY_HUB_STATE=str(tmp_path), AZUREAD_CLIENT_SECRET="hunter2", COLUMNS="250")
    result = subprocess.run([sys.executable, "-m", "academy", "hub", "settings"], env=env, capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    for s in S.public():
        assert s.env in result.stdout
    assert "postgresql+psycopg://academy@db/progress" in result.stdout and str(tmp_path) in result.stdout
    assert "hunter2" not in result.stdout, "a secret is printed"


def test_a_bad_setting_is_one_sentence_naming_the_variable(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACADEMY_")}
    env["ACADEMY_HUB_PORT"] = "eighty"
    result = subprocess.run([sys.executable, "-m", "academy", "hub", "settings"], env=env, capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "ACADEMY_HUB_PORT='eighty' is not a port number" in result.stderr
