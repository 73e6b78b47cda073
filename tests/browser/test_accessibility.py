"""Every page of ours, as each kind of user sees it, checked with axe-core in Debian's chromium (issue 20).

A serious or critical violation fails; anything axe-core finds below that must be exactly what the
accessibility statement lists (academy.hub.accessibility.KNOWN_ISSUES), so the statement stays true.
Then what an engine cannot check: a keyboard-only walk from log-in to a club session's board, the
board's spoken announcements, the heatmap without colour, the charts' tables, printing the
certificate, and every page at 400% zoom.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlparse

import pytest
from a11y import BLOCKING, Finding, overflows_sideways, run_axe, sign_in
from conftest import ARTIFACTS
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from test_progress_views import PROGRESS, post_check, store_of

from academy.curriculum import load
from academy.hub import accessibility, accounts
from academy.hub.settings import REPO_ROOT
from academy.progress import rules

CLUB, COHORT = accounts.DEMO_CLUB[0], accounts.DEMO_INTAKE[0]
STATEMENT = "/hub/accessibility"


@dataclass
class Seen:
    role: str
    label: str
    path: str
    findings: list[Finding] = field(default_factory=list)


def look(page, role: str, label: str, path: str | None = None) -> Seen:
    if path is not None:
        page.goto(page.url.split("/hub/")[0].split("/services/")[0] + path)
    page.wait_for_load_state("networkidle")
    return Seen(role, label, urlparse(page.url).path, run_axe(page))


@pytest.fixture(scope="module")
def site(browser, hub):
    """What the pages show put in place (a certificate, checks, a club session), then every page visited
    as the role that sees it and checked with axe-core. The session is ended again before other tests run."""
    post_check(hub, "amira", "q1", True, module="m03")
    level1 = [m.id for m in load(hub.course).modules if m.level == 1]
    store_of(hub).record_grades({"amira": [rules.GradeRecord(m, 8, 8, datetime(2026, 11, 2)) for m in level1]})
    seen: list[Seen] = []

    visitor = browser.new_context().new_page()
    visitor.goto(f"{hub.url}/hub/login")
    seen.append(look(visitor, "visitor", "log-in"))
    visitor.fill("#username_input", "amira")
    visitor.fill("#password_input", "not her password")
    visitor.click("#login_submit")
    expect(visitor.locator(".login_error")).to_be_visible()
    seen += [look(visitor, "visitor", "log-in refused"), look(visitor, "visitor", "statement", STATEMENT),
             look(visitor, "visitor", "hub's not-found page", "/hub/no-such-page")]

    organiser = sign_in(browser, hub, "organiser", f"{PROGRESS}/clubs/{CLUB}")
    seen.append(look(organiser, "organiser", "club"))
    first = load(hub.course).challenges[0].id
    seen.append(look(organiser, "organiser", "organiser's sheet", f"{PROGRESS}/clubs/{CLUB}/challenges/{first}"))
    organiser.goto(f"{hub.url}{PROGRESS}/clubs/{CLUB}")
    organiser.select_option("#module", "m03")
    organiser.check('input[name="exercise"][value="q1"]')
    organiser.click("text=Start the session")
    organiser.wait_for_url("**/sessions/*")
    board = urlparse(organiser.url).path

    learner = sign_in(browser, hub, "amira")
    seen.append(look(learner, "learner", "hub home"))
    seen.append(look(learner, "learner", "my progress (a session to join)", f"{PROGRESS}/me"))
    seen.append(look(learner, "learner", "certificate", f"{PROGRESS}/me/certificate/1"))
    seen.append(look(learner, "learner", "refused (403)", f"{PROGRESS}/cohorts/{COHORT}"))
    seen.append(look(learner, "learner", "my project (proposal form)", f"{PROGRESS}/me/project"))
    learner.goto(f"{hub.url}{PROGRESS}/me")
    learner.locator("form", has_text="running on m03").get_by_role("button", name="Join the session").click()
    learner.wait_for_url(f"**{board}")
    expect(learner.locator("#summary")).to_contain_text("joined")
    seen.append(look(learner, "learner", "session board (member)"))

    seen.append(look(organiser, "organiser", "session board (live)", board))
    organiser.click("text=End the session")
    expect(organiser.locator("#state")).to_contain_text("Ended")
    seen.append(look(organiser, "organiser", "session results"))

    instructor = sign_in(browser, hub, "instructor", f"{PROGRESS}/")
    seen.append(look(instructor, "instructor", "progress home"))
    seen.append(look(instructor, "instructor", "cohort and heatmap", f"{PROGRESS}/cohorts/{COHORT}"))
    seen.append(look(instructor, "instructor", "each exercise's figures", f"{PROGRESS}/cohorts/{COHORT}/exercises"))
    seen.append(look(instructor, "instructor", "the cohort's projects", f"{PROGRESS}/cohorts/{COHORT}/projects"))

    ben = sign_in(browser, hub, "ben")
    seen.append(look(ben, "learner", "server not running", "/hub/spawn-pending/ben"))
    ben.get_by_role("button", name=re.compile("Launch|Start", re.I)).first.click()
    try:  # the page shows only while the server starts: checked if caught, and still there after the check
        # Read only the starting page itself, whole: right after the click the same URL is still loading it, and
        # axe-core reading a half-parsed document finds no heading and no landmark that the page does have.
        ben.locator("#progress-bar").wait_for(timeout=10_000)
        ben.wait_for_load_state("domcontentloaded")
        findings = run_axe(ben) if "/spawn-pending/" in ben.url else None
        if findings is not None and "/spawn-pending/" in ben.url and ben.locator("#progress-bar").count():
            seen.append(Seen("learner", "server starting", urlparse(ben.url).path, findings))
    except PlaywrightError:
        pass  # JupyterLab opened while axe-core was reading the page
    ben.wait_for_url("**/user/ben/**", timeout=180_000)
    hub.session("ben").stop_server()

    yield seen
    for page in (visitor, organiser, learner, instructor, ben):
        page.context.close()


def test_no_page_has_a_serious_or_critical_accessibility_problem(site):
    problems = [f"{s.role} · {s.label} ({s.path}): {f}" for s in site for f in s.findings if f.impact in BLOCKING]
    assert not problems, "\n".join(problems)
    assert {s.role for s in site} >= {"visitor", "learner", "instructor", "organiser"}


def test_the_statement_lists_exactly_the_problems_axe_finds_below_serious(site, browser, hub):
    found = {f.rule: f"{s.label}: {f}" for s in site for f in s.findings if f.impact not in BLOCKING}
    listed = {i.rule for i in accessibility.KNOWN_ISSUES}
    assert set(found) - listed == set(), "found but not in the statement (KNOWN_ISSUES):\n" + "\n".join(
        found[r] for r in sorted(set(found) - listed))
    assert listed - set(found) == set(), f"the statement lists problems no longer found: {sorted(listed - set(found))}"
    page = browser.new_page()
    page.goto(f"{hub.url}{STATEMENT}")
    for issue in accessibility.KNOWN_ISSUES:
        expect(page.locator(f'#non-compliance li[data-rule="{issue.rule}"]')).to_contain_text(issue.why)
    if not accessibility.KNOWN_ISSUES:
        expect(page.locator("#no-automated-issues")).to_be_visible()
    page.close()


def test_every_page_links_the_statement_and_it_opens_signed_out(site, browser, hub):
    visitor = browser.new_page()
    pages = {"visitor": visitor} | {role: sign_in(browser, hub, name) for role, name in
                                    (("learner", "amira"), ("instructor", "instructor"), ("organiser", "organiser"))}
    missing = []
    for s in site:
        if s.label == "server starting" or (s.role == "learner" and s.path.startswith("/hub/spawn-pending/")):
            continue  # ben's pages: his server's state has moved on since
        page = pages[s.role]
        page.goto(f"{hub.url}{s.path}")
        link = page.locator("#accessibility-link")
        if link.count() != 1:
            missing.append(f"{s.role} · {s.label}")
        else:
            assert urlparse(link.get_attribute("href")).path == STATEMENT, s.label
    assert not missing, f"no link to the accessibility statement on: {missing}"
    visitor.goto(f"{hub.url}/hub/login")
    visitor.click("#accessibility-link")
    expect(visitor.locator("h1")).to_have_text("Accessibility statement for the Council Data Academy")
    for page in pages.values():
        page.context.close()


def test_the_statement_has_what_the_regulations_ask_for(browser, hub):
    page = browser.new_page()
    page.goto(f"{hub.url}{STATEMENT}")
    headings = page.locator("h2").all_inner_texts()
    for wanted in ("How accessible this service is", "What to do if you cannot use part of this service",
                   "Reporting accessibility problems with this service", "Enforcement procedure",
                   "Technical information about this service's accessibility", "How we tested this service"):
        assert wanted in headings, f"the statement has no section {wanted!r}: {headings}"
    expect(page.locator("#compliance")).to_contain_text("compliant")
    expect(page.locator("#enforcement + p")).to_contain_text("Equality and Human Rights Commission")
    expect(page.locator("#other-formats + p a[href^='mailto:']")).to_have_text(accessibility.contact())
    expect(page.locator("#prepared")).to_have_text(f"{accessibility.PREPARED:%-d %B %Y}")
    expect(page.locator("#third-party")).to_contain_text("JupyterLab")
    page.close()


def test_every_page_reflows_at_400_percent_zoom(site, browser, hub, shots):
    """1280 CSS px at 400% is a 320 px wide window: text wraps, nothing but a data table scrolls sideways."""
    zoom = {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4}
    visitor = browser.new_context(**zoom).new_page()
    pages = {"visitor": visitor} | {role: sign_in(browser, hub, name, **zoom) for role, name in
                                    (("learner", "amira"), ("instructor", "instructor"), ("organiser", "organiser"))}
    sideways = {}
    for s in site:
        if s.path.startswith(("/hub/spawn-pending/", "/user/")):
            continue  # ben's server has moved on; its pages are JupyterHub's page.html, checked through the others
        page = pages[s.role]
        page.goto(f"{hub.url}{s.path}")
        page.wait_for_load_state("networkidle")
        shots(page, f"{s.role}-{re.sub(r'[^a-z0-9]+', '-', s.label)}")
        if found := overflows_sideways(page):
            sideways[f"{s.role} · {s.label}"] = found
    assert not sideways, f"text scrolls sideways at 400% zoom: {sideways}"
    for page in pages.values():
        page.context.close()


def test_the_heatmap_says_each_state_in_symbols_and_words_not_colour_alone(site, browser, hub):
    page = sign_in(browser, hub, "instructor", f"{PROGRESS}/cohorts/{COHORT}")
    cells = page.locator("#heatmap tbody td")
    states = page.evaluate("""() => [...document.querySelectorAll('#heatmap tbody td')]
        .map(td => [td.className, td.textContent])""")
    assert len(states) == cells.count() > 0
    meaning = {"passed": "✓passed", "trying": "✗tried", "none": "·not tried"}
    wrong = [(cls, text) for cls, text in states if meaning.get(cls) != text]
    assert not wrong, f"cells whose symbol and words do not say their colour: {wrong[:5]}"
    assert {cls for cls, _ in states} >= {"passed", "none"}
    expect(page.locator("#heatmap-key")).to_contain_text("✓ passed")
    page.context.close()


def svg_texts(figure) -> list[str]:
    return [t.strip() for t in figure.locator("svg text").all_text_contents()]


def test_charts_give_the_same_figures_as_a_table(site, browser, hub):
    page = sign_in(browser, hub, "amira", f"{PROGRESS}/me")
    figure = page.locator("figure", has=page.locator("svg title", has_text="My skills"))
    summary = figure.locator("details.chart-data summary")
    summary.press("Enter")  # the table opens from the keyboard
    table = figure.locator("details.chart-data table")
    expect(table).to_be_visible()
    rows = [[c.strip() for c in r.locator("th, td").all_text_contents()] for r in table.locator("tbody tr").all()]
    assert rows and svg_texts(figure)[1:] == [cell for row in rows for cell in row]  # label, share, label, share…
    assert any(share == "100%" for _, share in rows), "amira completed level 1: some skill is at 100%"

    page.context.close()
    page = sign_in(browser, hub, "instructor", f"{PROGRESS}/cohorts/{COHORT}")
    figure = page.locator("figure", has=page.locator("svg title", has_text="Module completions over time"))
    figure.locator("details.chart-data summary").click()
    table = figure.locator("details.chart-data table")
    series = table.locator("thead th").all_text_contents()[1:]
    last = [int(c) for c in table.locator("tbody tr").last.locator("td").all_text_contents()]
    texts = svg_texts(figure)
    assert series and all(name in texts for name in series), "each column of the table is a line of the chart"
    assert str(max(last)) in texts, "the chart's top value is the table's largest total"
    page.context.close()


def test_the_certificate_prints_on_one_page_and_reads_in_order(site, browser, hub):
    page = sign_in(browser, hub, "amira", f"{PROGRESS}/me/certificate/1")
    reading = page.locator("main").inner_text()
    order = [reading.index(t) for t in ("Certificate of completion", "This certifies that", "amira",
                                        "has completed level 1", "Awarded 02 November 2026")]
    assert order == sorted(order), reading
    page.emulate_media(media="print")
    expect(page.locator("#print")).to_be_hidden()
    expect(page.locator("#accessibility-link")).to_be_hidden()
    expect(page.locator("#learner")).to_be_visible()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "certificate.pdf").parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "certificate.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the certificate spills onto a second sheet"
    page.context.close()


NOTEBOOKS = sorted((REPO_ROOT / "courses" / "accelerator" / "source").glob("*/*.ipynb"))
HEADING = re.compile(r"^(#{1,6})\s+\S|^<h([1-6])\b", re.M)
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|<img\b([^>]*)>", re.I)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_released_notebook_has_one_title_headings_in_order_and_alt_text(notebook):
    cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "markdown"]
    text = "\n".join("".join(c["source"]) for c in cells)
    levels = [len(m.group(1)) if m.group(1) else int(m.group(2)) for m in HEADING.finditer(text)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, f"one title (#) first: {levels}"
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not skips, f"headings skip a level (screen readers list them as an outline): {skips}"
    no_alt = [m.group(0)[:60] for m in IMAGE.finditer(text)
              if (m.group(1) is not None and not m.group(1).strip())
              or (m.group(2) is not None and not re.search(r'\balt\s*=\s*"[^"]+"', m.group(2)))]
    assert not no_alt, f"images without a text alternative: {no_alt}"


def test_a_learner_can_switch_jupyterlab_to_high_contrast_and_larger_text(site, browser, hub, shots):
    """What the learner's guide (courses/README.md) tells a learner to do, done in the learner's JupyterLab."""
    page = sign_in(browser, hub, "chloe")
    page.goto(f"{hub.url}/hub/spawn/chloe")  # starts her server, then JupyterLab opens
    page.wait_for_selector(".jp-LauncherCard", timeout=180_000)
    ui_size = "() => getComputedStyle(document.body).getPropertyValue('--jp-ui-font-size1').trim()"
    before = page.evaluate(ui_size)

    def choose(item: str) -> None:
        """Settings ▸ Theme ▸ item, as the guide says. JupyterLab redraws its menus while a theme or a
        font size settles, which can pull an open menu from under the pointer: then close it, open again."""
        for attempt in range(4):
            try:
                page.get_by_role("menuitem", name="Settings").click(timeout=10_000)
                page.locator(".lm-Menu-item", has_text=re.compile(r"^Theme")).first.hover(timeout=10_000)
                page.locator(".lm-Menu-item", has_text=re.compile(f"^{re.escape(item)}")).last.click(timeout=10_000)
                return
            except PlaywrightError:
                if attempt == 3:
                    raise
                page.keyboard.press("Escape")

    choose("JupyterLab Dark High Contrast")
    expect(page.locator("body")).to_have_attribute("data-jp-theme-name", "JupyterLab Dark High Contrast",
                                                  timeout=30_000)
    choose("Increase UI Font Size")
    page.wait_for_function(f"() => ({ui_size})() !== {json.dumps(before)}")
    choose("Increase Content Font Size")
    shots(page, "lab-high-contrast-larger-text")
    for undo in ("Decrease UI Font Size", "Decrease Content Font Size", "JupyterLab Light"):  # chloe's settings back
        choose(undo)
    expect(page.locator("body")).to_have_attribute("data-jp-theme-name", "JupyterLab Light", timeout=30_000)
    page.wait_for_function(f"() => ({ui_size})() === {json.dumps(before)}")
    page.context.close()
    hub.session("chloe").stop_server()
