"""Every screen, walked through the accessibility tree a screen reader sees.

On each screen the test fails on any button, text field, checkbox, switch, tab or menu item
without a name, at phone size on any of them smaller than 24x24 CSS px (WCAG 2.2, 2.5.8: a
fingertip needs that much), and saves a screenshot (phone and desktop size, light and dark) to look at. The
journal is a few weeks of sample data, so the screens show what a client who uses the app would
see. The dark walk asks for dark the way a device does (the Theme setting's default follows it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .flows import go_to, lock, scroll_to, unlock
from .harness import AppPage, OpenPage, StartApp, click_button, settle, shot

pytestmark = pytest.mark.e2e

ROLES = ("button", "textbox", "checkbox", "switch", "tab", "menuitem", "menuitemcheckbox", "radio", "slider")

_UNNAMED_SCRIPT = """
(roles) => {
  const out = [];
  for (const el of document.querySelectorAll('flt-semantics[role]')) {
    const role = el.getAttribute('role');
    if (!roles.includes(role)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    let name = (el.getAttribute('aria-label') || '').trim();
    if (!name) name = (el.textContent || '').trim();
    if (!name && el.querySelector('input, textarea')) {
      const field = el.querySelector('input, textarea');
      name = (field.getAttribute('aria-label') || field.getAttribute('placeholder') || '').trim();
    }
    if (!name && el.getAttribute('aria-labelledby')) {
      const ref = document.getElementById(el.getAttribute('aria-labelledby'));
      name = ref ? (ref.textContent || '').trim() : '';
    }
    if (!name) out.push(role + ' at ' + Math.round(rect.x) + ',' + Math.round(rect.y));
  }
  for (const field of document.querySelectorAll('input, textarea')) {
    const rect = field.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const name = (field.getAttribute('aria-label') || field.getAttribute('placeholder') || '').trim();
    const owner = field.closest('flt-semantics');
    const ownerName = owner ? (owner.getAttribute('aria-label') || '').trim() : '';
    if (!name && !ownerName) out.push('text field at ' + Math.round(rect.x) + ',' + Math.round(rect.y));
  }
  return out;
}
"""


MIN_TARGET = 24  # CSS px, WCAG 2.2, 2.5.8 (minimum target size)

# Controls smaller than MIN_TARGET in either direction, with their names. Flutter gives a control
# scrolled half out of its list only the part that shows, so a node cut by the screen's edge or
# lying flush with an edge of a larger container around it (a list's top or bottom) is a
# partly scrolled control, not a small one: only whole controls count.
_SMALL_SCRIPT = """
([roles, min]) => {
  const out = [];
  const vw = window.innerWidth, vh = window.innerHeight;
  const cut = (el, r) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (up.tagName !== 'FLT-SEMANTICS' && up.tagName !== 'FLT-SEMANTICS-CONTAINER') continue;
      const a = up.getBoundingClientRect();
      if (a.height <= r.height + 8) continue;
      if (Math.abs(r.top - a.top) < 1.5 || Math.abs(r.bottom - a.bottom) < 1.5) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('flt-semantics[role]')) {
    if (!roles.includes(el.getAttribute('role'))) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.top < 0 || r.left < 0 || r.bottom > vh || r.right > vw) continue;
    if ((r.width < min || r.height < min) && !cut(el, r)) {
      const name = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
      out.push(`${el.getAttribute('role')} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return out;
}
"""


def see(app: AppPage, text: str) -> None:
    """Wait for ``text`` as visible text, a field's label or part of a group's name."""
    page = app.page
    target = (
        page.get_by_text(text)
        .or_(page.get_by_role("textbox", name=text))
        .or_(page.locator(f'flt-semantics[aria-label*="{text}"]'))
    )
    expect(target.first).to_be_visible(timeout=30_000)


def unnamed(app: AppPage) -> list[str]:
    return app.page.evaluate(_UNNAMED_SCRIPT, list(ROLES))


def too_small(app: AppPage) -> list[str]:
    return app.page.evaluate(_SMALL_SCRIPT, [list(ROLES), MIN_TARGET])


def check(app: AppPage, screen: str, problems: dict[str, list[str]]) -> None:
    settle(app, 500)
    found = [f"no name: {where}" for where in unnamed(app)]
    if app.viewport[0] <= 400:
        found += [f"under {MIN_TARGET}px: {what}" for what in too_small(app)]
    if found:
        problems[screen] = found
    look = "-dark" if app.page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") else ""
    shot(app, f"a11y{look}-{app.viewport[0]}-{screen}")


@pytest.mark.parametrize("look", ["light", "dark"])
@pytest.mark.parametrize(
    "viewport", [pytest.param((400, 800), id="phone"), pytest.param((1280, 800), id="desktop")]
)
def test_every_screen_names_every_control(
    start_app: StartApp,
    open_page: OpenPage,
    demo_journal_dir: Path,
    tmp_path: Path,
    viewport: tuple[int, int],
    look: str,
) -> None:
    def open_(url: str) -> AppPage:
        page = open_page(url, viewport=viewport)
        page.page.emulate_media(color_scheme=look)
        return page

    problems: dict[str, list[str]] = {}
    fresh = start_app(tmp_path / "fresh")
    app = open_(fresh.url)
    see(app, "Welcome to Companion")
    check(app, "welcome", problems)
    app.close()

    server = start_app(demo_journal_dir)
    app = open_(server.url)
    expect(app.page.get_by_role("button", name="Unlock")).to_be_visible(timeout=30_000)
    check(app, "unlock", problems)
    unlock(app)
    check(app, "journal", problems)
    click_button(app, "New entry")
    see(app, "What's on your mind?")
    check(app, "editor", problems)
    click_button(app, "Back")
    click_button(app, "Patterns")
    see(app, "What your own check-ins show")
    see(app, "Where in your body")
    check(app, "patterns", problems)
    click_button(app, "Back")
    # a past check-in opens to read
    past = app.page.get_by_role("button", name=re.compile(r"^Check-in"))
    scroll_to(app, past)
    past.first.click()
    see(app, "What I noticed")
    check(app, "checkin-view", problems)
    click_button(app, "Back")

    go_to(app, "Check in")
    see(app, "Where do you notice something in your body?")
    check(app, "checkin-body", problems)
    for step, text in (("2. Feelings", "What are you feeling?"), ("3. Needs", "What might you need")):
        click_button(app, step)
        see(app, text)
        check(app, f"checkin-{step[3:].lower()}", problems)
    click_button(app, "4. Review")
    check(app, "checkin-review", problems)

    go_to(app, "Session")
    see(app, "What I'm bringing")
    check(app, "session", problems)
    for button, text, name in (
        ("Prepare for my session", "Parts of the summary", "prepare"),
        ("Session card", "What I'm bringing", "card"),
        ("Homework", "Small practices", "homework"),
        ("New feedback", "What happened?", "composer"),
        ("Sessions", "Add session", "sessions"),
        ("Reflect on a session", "What helped, or a moment I felt met", "reflection"),
    ):
        click_button(app, button)
        see(app, text)
        check(app, name, problems)
        click_button(app, "Back")

    go_to(app, "Settle")
    see(app, "Breathe along with the circle")
    check(app, "settle", problems)
    go_to(app, "Settings")
    settle(app, 500)
    check(app, "settings", problems)
    for button, text, name in (
        ("Change passphrase", "Current passphrase", "change-passphrase"),
        ("Make a new recovery code", "passphrase", "new-recovery-code"),
        ("Save a backup", "backup", "save-backup"),
        ("Restore from a backup", "backup", "restore-backup"),
        ("Make a homework card", "card", "card-maker"),
    ):
        target = app.page.get_by_role("button", name=button, exact=True)
        scroll_to(app, target)
        target.first.click()
        see(app, text)
        check(app, name, problems)
        click_button(app, "Back")
        go_to(app, "Settings")
    click_button(app, "Need help now")
    see(app, "If you are in danger right now")
    check(app, "help", problems)
    click_button(app, "Back")
    lock(app)
    click_button(app, "Need help now")
    see(app, "If you are in danger right now")
    check(app, "help-locked", problems)

    # the detector itself must be able to fail: a nameless button planted in the tree is found
    app.page.evaluate(
        """() => { const b = document.createElement('flt-semantics'); b.id = 'planted';
        b.setAttribute('role', 'button');
        b.style.cssText = 'position:fixed;left:5px;top:5px;width:20px;height:20px';
        document.body.appendChild(b); }"""
    )
    assert "button at 5,5" in unnamed(app)
    assert any(found.startswith('button "" 20x20') for found in too_small(app))
    app.page.evaluate("() => document.getElementById('planted').remove()")

    assert not problems, f"controls without a name or too small: {problems}"


def test_a_screen_reader_turned_on_after_the_page_loads_can_type_the_passphrase(
    start_app: StartApp, open_page: OpenPage, demo_journal_dir: Path
) -> None:
    """A screen reader turns on the accessibility tree only once the page has loaded: the
    unlock screen is already showing by then, and its passphrase field must still take focus
    and keys (an autofocused field could not, in a browser)."""
    server = start_app(demo_journal_dir)
    app = open_page(server.url, accessibility_after_ms=2_500)
    unlock(app)
