"""axe-core (from npm, see package.json) run in a Playwright page, and the page helpers the accessibility tests
share."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from conftest import log_in

from academy.hub.settings import REPO_ROOT

AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0-2.2 A and AA, plus axe's best practices (landmarks, heading order): what the statement promises.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Finding:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.impact} {self.rule}: {self.help} at {', '.join(self.targets[:3])}"


def run_axe(page) -> list[Finding]:
    """Every axe-core violation on the page as it is now."""
    assert AXE_JS.exists(), f"{AXE_JS} is missing: `make install` runs npm install, which installs axe-core"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [Finding(v["id"], v["impact"] or "minor", v["help"], tuple(", ".join(n["target"]) for n in v["nodes"]))
            for v in result["violations"]]


def sign_in(browser, hub, name: str, next_url: str = "/hub/home", **context):
    """A page signed in as ``name`` (through the log-in form), landed on ``next_url`` without starting JupyterLab."""
    page = log_in(browser, hub, name, next_url, **({"viewport": {"width": 1280, "height": 900}} | context))
    arrived(page, next_url)
    return page


def arrived(page, path: str, timeout: float = 120_000) -> None:
    """Wait until the page is at ``path`` itself (the log-in page's own address names it too, in ?next=)."""
    page.wait_for_url(lambda url: urlparse(url).path.startswith(path.split("?")[0]), timeout=timeout)


def overflows_sideways(page) -> list[str]:
    """What makes the page scroll sideways (WCAG 1.4.10): elements reaching past the window's right edge,
    except inside their own scrolling box (a wide data table may scroll inside one)."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width + 1) { return []; }
      const inScroller = e => { for (let p = e.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll') { return true; } } return false; };
      const out = [...document.body.querySelectorAll('*')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.right > width + 1 && r.width > 0 && !inScroller(e);
      });
      const innermost = out.filter(e => !out.some(o => o !== e && e.contains(o)));
      return (innermost.length ? innermost : ['the page']).slice(0, 5).map(e => e.tagName ?
        e.tagName + (e.id ? '#' + e.id : '') + ': ' + (e.textContent || '').trim().slice(0, 40) : e);
    }""")


def focused(page) -> dict:
    """What has keyboard focus, and whether it shows (an outline or a ring at least 2px)."""
    return page.evaluate("""() => {
      const e = document.activeElement; const s = getComputedStyle(e);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
        || (s.boxShadow && s.boxShadow !== 'none');
      const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
      const text = (e.getAttribute('aria-label') || label || e.innerText || '').trim().slice(0, 60);
      return {tag: e.tagName, id: e.id, text, name: e.name || '', value: e.value || '', visible: Boolean(ring)};
    }""")


def tab_to(page, wanted, limit: int = 40) -> dict:
    """Press Tab until ``wanted(focused)`` holds; every stop on the way must show its focus, in page order."""
    page.evaluate("() => { window.__lastFocus = null; }")
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["visible"], f"focus is not visible on {now}"
        forward = page.evaluate("""() => { const e = document.activeElement, p = window.__lastFocus;
            window.__lastFocus = e;
            return !p || Boolean(p.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
        assert forward, f"focus jumped backwards to {now}"
        if wanted(now):
            return now
    raise AssertionError(f"{limit} presses of Tab never reached the control wanted (last: {now})")
