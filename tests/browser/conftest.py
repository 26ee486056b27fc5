"""Real-browser tests: Debian's chromium (/usr/bin/chromium, installed by scripts/test) driven
by Playwright's Python package. Never a browser downloaded by Playwright."""

import os
import shutil
from pathlib import Path

import pytest

from ingest.loader import ingest_record
from ingest.record import Identifier, Intervention, TrialRecord

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# The flags a root user needs in a container, and none of Chromium's calls home (the machine's
# network is closed: those calls would only slow every start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def ingest_trial(registry_id: str, title: str, file_name: str, condition: str = "Vitiligo", **fields):
    """A recruiting phase 2 trial of umbilical cord cells (unless `fields` say otherwise), ingested
    as a document of that name."""
    record = {
        "status": "RECRUITING",
        "phases": ("PHASE2",),
        "interventions": (Intervention("Umbilical cord mesenchymal stem cells", "BIOLOGICAL"),),
        **fields,
    }
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", registry_id),),
            brief_title=title,
            conditions_raw=(condition,),
            **record,
        ),
        file_name,
    )


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is missing: scripts/test installs it (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are
    # ordinary synchronous code and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.viewport_name = request.param
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Console errors include Content-Security-Policy violations: none is expected.
    page.on("console", lambda message: message.type == "error" and errors.append(f"console: {message.text}"))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}") or dialog.dismiss())
    yield page
    context.close()
    assert errors == [], errors


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot under test-artifacts/screenshots/ (CI keeps that folder)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{page.viewport_name}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# WCAG 2 contrast of every piece of visible HTML text against the background it sits on
# (4.5:1, or 3:1 for large text). SVG text is left out: its fills are checked by design.
CONTRAST_SCRIPT = """
() => {
  const parse = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour.length === 3 || (colour.length === 4 && colour[3] === 1)) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(element) || element.closest("svg")) continue;
    seen.add(element);
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.visibility === "hidden" || box.width <= 1 || box.height <= 1) continue;
    if (element.closest("details:not([open])") && !element.closest("summary")) continue;
    const fg = luminance(parse(style.color).slice(0, 3));
    const bg = luminance(background(element));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      failures.push(`${element.tagName.toLowerCase()}.${element.className}: ${ratio.toFixed(2)} "${element.textContent.trim().slice(0, 40)}"`);
    }
  }
  return failures;
}
"""


def contrast_failures(page) -> list[str]:
    return page.evaluate(CONTRAST_SCRIPT)
