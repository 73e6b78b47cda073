"""Due dates, late work and extensions in Debian's chromium through the real hub, as an instructor and a learner
see them: the instructor makes module 1 due yesterday with late work refused; the learner's Submit in the
Assignments tab is refused in words; the instructor gives her an extension; her next Submit is taken, on time,
and her own page shows it graded. axe-core checks both pages; screenshots are saved at each step."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest
from a11y import BLOCKING, overflows_sideways, run_axe, sign_in
from playwright.sync_api import expect

from academy.exchange.pages import UK, from_uk_input, uk_time
from academy.hub import accessibility
from academy.testing.exchange import COURSE, Caller
from academy.testing.hubs import wait_for

PAGES = f"/services/exchange/courses/{COURSE}"
MODULE = "m01"
LEARNER = "chloe"  # the other browser tests leave her work alone
KNOWN = {issue.rule for issue in accessibility.KNOWN_ISSUES}


def findings(page) -> list[str]:
    """What axe-core finds: nothing at all, as the accessibility statement lists no known issue."""
    page.wait_for_load_state("networkidle")
    return [str(f) for f in run_axe(page) if f.impact in BLOCKING or f.rule not in KNOWN]


@pytest.fixture
def callers(hub):
    """The instructor's and the learner's own hub tokens; the module's policy and the learner's extension are put
    back as they were afterwards, as the hub is shared with the other tests."""
    teacher = Caller(hub.url, hub.session("instructor").token())
    learner = Caller(hub.url, hub.session(LEARNER).token())
    before = teacher.course("GET", f"assignments/{MODULE}/policy").json()
    yield teacher, learner
    body = {k: before[k] for k in ("late_policy", "late_penalty", "grade_on_submit", "max_submissions")}
    put = teacher.course("PUT", f"assignments/{MODULE}/policy", json.dumps({**body, "due": before["due"] or ""})
                         .encode())
    assert put.status_code == 200, put.text
    teacher.course("DELETE", f"allowances/{LEARNER}/{MODULE}")


def submit_in_the_assignments_tab(lab) -> None:
    lab.get_by_role("menuitem", name="Nbgrader").click()
    lab.get_by_role("menuitem", name="Assignment List").click()
    lab.locator("#fetched_assignments_list").get_by_role("button", name="Submit").click()


def test_late_work_refused_then_an_extension_and_the_grade_on_the_learners_page(browser, hub, shots, callers):
    teacher_api, learner_api = callers
    yesterday = (datetime.now(UK) - timedelta(days=1)).replace(hour=17, minute=0, second=0, microsecond=0)
    due_field = f"{yesterday:%Y-%m-%dT%H:%M}"

    # The instructor makes module 1 due yesterday at five, late work refused, graded on submit.
    teacher = sign_in(browser, hub, "instructor", f"{PAGES}/deadlines", locale="en-GB")
    expect(teacher.locator("h1")).to_have_text(f"Due dates and extensions · {COURSE}")
    assert findings(teacher) == []
    teacher.get_by_label(f"{MODULE}: due date (UK time)").fill(due_field)
    teacher.get_by_label(f"{MODULE}: after the due date").select_option("refuse")
    grading = teacher.get_by_label(f"{MODULE}: grade each submission as it arrives")
    grading.check()
    teacher.get_by_label(f"{MODULE}: most submissions (empty: no limit)").fill("")
    shots(teacher, "instructor-sets-the-due-date")
    teacher.get_by_role("button", name=f"Save {MODULE}", exact=True).click()
    expect(teacher.locator("#done")).to_have_text(
        f"Saved {MODULE}: due {uk_time(from_uk_input(due_field))}; late work refused; graded on submit.")
    expect(teacher.get_by_label(f"{MODULE}: due date (UK time)")).to_have_value(due_field)
    shots(teacher, "instructor-saved")

    # Her own page says so, in UK time and plain words; the instructors' page is not hers to open.
    me = sign_in(browser, hub, LEARNER, f"{PAGES}/me", locale="en-GB")
    due = me.locator(f'#due-dates tr[data-module="{MODULE}"]')
    expect(due.locator(".due")).to_contain_text(uk_time(from_uk_input(due_field)))
    expect(due.locator(".due")).to_contain_text("The due date has passed")
    expect(due.locator(".policy")).to_contain_text("Work is not accepted after the due date")
    expect(due.locator(".policy")).to_contain_text("ask your instructor for an extension")
    assert findings(me) == []
    shots(me, "learner-sees-the-due-date-passed")
    me.goto(f"{hub.url}{PAGES}/deadlines")
    expect(me.locator("#message")).to_have_text(f"only the instructors of {COURSE} may set its due dates and give "
                                                "extensions")
    me.goto(f"{hub.url}{PAGES}/me?student=amira")
    expect(me.locator("#message")).to_have_text("you may see only your own work")

    # Submit in the Assignments tab: refused, in the exchange's words.
    before = len(learner_api.submissions(assignment=MODULE))
    lab = me.context.new_page()
    lab.set_default_timeout(60_000)
    lab.goto(f"{hub.url}/hub/user-redirect/academy/open/{MODULE}")
    lab.wait_for_url(f"**/user/{LEARNER}/lab/tree/{MODULE}/**", timeout=180_000)
    lab.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)  # opened
    submit_in_the_assignments_tab(lab)
    refusal = lab.locator("#submission-message")  # after the upload is read and refused: not Playwright's 5 s
    expect(refusal).to_contain_text(f"was due at {uk_time(from_uk_input(due_field))} (UK time) and late work is "
                                    "not accepted for it, so this was not submitted", timeout=60_000)
    expect(refusal).to_contain_text("Ask your instructor for an extension")
    shots(lab, "learner-submit-refused")
    lab.locator(".jp-Dialog .jp-mod-accept").click()
    assert len(learner_api.submissions(assignment=MODULE)) == before

    # The instructor gives her three days more.
    extension = teacher.locator("#extension-form")
    extension.get_by_label("Learner").fill(LEARNER)
    extension.get_by_label("Module").select_option(MODULE)
    extension.get_by_label("Extra hours").fill("72")
    extension.get_by_label("Note (optional)").fill("Off sick on the day it was due.")
    shots(teacher, "instructor-gives-an-extension")
    teacher.get_by_role("button", name="Give the extension").click()
    own_due = uk_time(from_uk_input(due_field) + timedelta(hours=72))
    expect(teacher.locator("#done")).to_have_text(f"Gave {LEARNER} 72 more hours on {MODULE}: their due date is now "
                                                  f"{own_due}.")
    row = teacher.locator(f'#allowances tr[data-student="{LEARNER}"][data-module="{MODULE}"]')
    expect(row).to_contain_text("72 hours more")
    expect(row).to_contain_text("Off sick on the day it was due.")
    assert findings(teacher) == []
    shots(teacher, "instructor-extension-given")

    # Now her Submit is taken, on time, and her page shows it graded (it updates itself while grading runs).
    lab.bring_to_front()
    submit_in_the_assignments_tab(lab)
    assert wait_for(lambda: len(learner_api.submissions(assignment=MODULE)) > before, timeout=60), \
        "the second Submit never reached the exchange"
    shots(lab, "learner-submitted")
    newest = learner_api.submissions(assignment=MODULE)[-1]
    assert newest["late"] is False
    me.bring_to_front()
    me.goto(f"{hub.url}{PAGES}/me")
    expect(due.locator(".due")).to_contain_text(own_due)
    expect(due.locator(".due")).to_contain_text("with the extra time you were given")
    expect(due.locator(".due")).not_to_contain_text("The due date has passed")
    latest = me.locator(f'section[data-module="{MODULE}"] tr[data-submission="{newest["id"]}"]')
    expect(latest).to_contain_text("On time")
    shots(me, "learner-submitted-on-time")
    expect(latest.locator(".grading .state")).to_have_text(re.compile(r"Graded: [\d.]+ of [\d.]+$"),
                                                      timeout=240_000)  # graded on submit, on a busy machine
    # The feedback pages follow the grade; the page goes on updating itself until they are there.
    expect(latest.locator(".feedback")).to_contain_text("Fetch Feedback", timeout=120_000)
    assert findings(me) == []
    shots(me, "learner-graded")

    # With grading on submit off, her next submission waits for the instructor, who grades it from the page.
    teacher.reload()
    teacher.get_by_label(f"{MODULE}: grade each submission as it arrives").uncheck()
    teacher.get_by_role("button", name=f"Save {MODULE}", exact=True).click()
    expect(teacher.locator("#done")).to_contain_text("held for you to mark")
    lab.bring_to_front()
    submit_in_the_assignments_tab(lab)
    assert wait_for(lambda: len(learner_api.submissions(assignment=MODULE)) > before + 1, timeout=60)
    held = learner_api.submissions(assignment=MODULE)[-1]
    me.bring_to_front()
    me.reload()
    mine = me.locator(f'tr[data-submission="{held["id"]}"] .grading .state')
    expect(mine).to_have_text("Held for your instructor to mark")
    teacher.reload()
    waiting = teacher.locator(f'#held tr[data-submission="{held["id"]}"]')
    expect(waiting).to_contain_text(f"Held: grading on submit is off for {MODULE}")
    assert findings(teacher) == []
    shots(teacher, "instructor-sees-a-held-submission")
    waiting.get_by_role("button", name=f"Grade now ({LEARNER}'s {MODULE})").click()
    expect(teacher.locator("#done")).to_have_text(f"{LEARNER}'s {MODULE} is on its way to be graded.")
    expect(waiting).to_have_count(0)
    me.reload()
    expect(mine).to_have_text(re.compile(r"Graded: [\d.]+ of [\d.]+$"), timeout=240_000)
    shots(me, "learner-graded-after-grade-now")

    # The instructor takes the extension back again; the page says so.
    teacher.reload()
    teacher.get_by_role("button", name=f"Withdraw {LEARNER}'s extension on {MODULE}").click()
    expect(teacher.locator("#done")).to_have_text(f"Withdrew {LEARNER}'s extension on {MODULE}.")
    expect(teacher.locator(f'#allowances tr[data-student="{LEARNER}"][data-module="{MODULE}"]')).to_have_count(0)
    shots(teacher, "instructor-withdrew-the-extension")
    for page in (teacher, me):
        page.context.close()


def test_the_due_date_pages_reflow_at_400_percent_zoom(browser, hub, shots):
    """1280 CSS px at 400% is a 320 px wide window: the text and forms wrap; only a data table may scroll."""
    zoom = {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4}
    sideways = {}
    for name, path in ((LEARNER, f"{PAGES}/me"), ("instructor", f"{PAGES}/deadlines")):
        page = sign_in(browser, hub, name, path, **zoom)
        page.wait_for_load_state("networkidle")
        shots(page, f"zoomed-{name}")
        if found := overflows_sideways(page):
            sideways[path] = found
        page.context.close()
    assert not sideways, f"text scrolls sideways at 400% zoom: {sideways}"
