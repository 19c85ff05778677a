"""The web UI in headless Chromium: what a person waits for after a tap, on a big journal.

    python3 -m uv run --extra test python -m benchmarks --browser

The app runs as `companion --web` on a copy of the cached journal (the file the app
expects, ``<data dir>/journal.sqlite``), started and driven with the browser tests'
own helpers (tests/e2e/harness.py: system Chromium, accessibility tree on, nothing
but loopback reachable). Times are taken inside the page, on the browser's clock:
from the ``pointerdown`` of the tap to the first DOM mutation that puts the awaited
text into Flutter's accessibility tree, which Flutter updates in the frame that
draws it. So they include the websocket round trip, the Python work, Flutter's
layout and the semantics update, and leave out Playwright's polling.

With ``COMPANION_TIMING=1`` the app prints how long each screen's render (build +
page update) and ``on_show`` (loading its data, awaited work in threads included)
took, and how long the background search warm-up took; the transition rows come
from those lines.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks import corpus
from benchmarks.report import Metric, Target
from companion.adapters.paths import VAULT_FILENAME
from companion.kinds.checkin import CHECKIN, CheckIn, describe_feeling
from companion.kinds.journal import Entry, display_title
from companion.vault.vault import Vault

REPO = Path(__file__).resolve().parent.parent
VIEWPORT = (400, 800)  # a phone: bottom navigation bar
CHECKIN_FIRST_STEP = "Where do you notice something in your body?"
UNLOCK_SCREEN_TEXT = "Welcome back"
KEYS = [
    "browser.launch_to_unlock",
    "browser.unlock_to_first_row",
    "browser.open_checkin",
    "browser.screen_python_max",
    "browser.screen_python",
    "browser.warm_search",
]
# A browser that was just started (and the previous run's, closing) keeps both cores busy for
# a moment; a person's browser is idle when they start Companion.
BROWSER_SETTLE_S = 2.0
TIMING_LINE = re.compile(r"^companion-timing (\w+) (\w+) ([0-9.]+)$")

# Whether Flutter's accessibility tree shows ``text`` (as text or as a control's name).
_SHOWS = """
(text) => {
  const host = document.querySelector('flt-semantics-host');
  if (!host) return false;
  if ((host.textContent || '').includes(text)) return true;
  for (const el of host.querySelectorAll('[aria-label]')) {
    if (el.getAttribute('aria-label').includes(text)) return true;
  }
  return false;
}
"""

# Armed just before a tap: remembers the tap's pointerdown and the first moment the
# accessibility tree holds ``text``, both as performance.now().
_ARM = """
(text) => {
  const state = { down: null, seen: null };
  window.__bench = state;
  const found = () => (__SHOWS__)(text);
  const check = () => {
    if (state.down !== null && state.seen === null && found()) {
      state.seen = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['aria-label'],
  });
  window.addEventListener('pointerdown', () => {
    if (state.down === null) { state.down = performance.now(); check(); }
  }, { capture: true, once: true });
}
""".replace("__SHOWS__", _SHOWS.strip())


def _harness() -> ModuleType:
    """tests/e2e/harness.py, loaded by path (a site-packages `tests` package can't shadow it)."""
    name = "companion_benchmark_e2e_harness"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "e2e" / "harness.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("tests/e2e/harness.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def chromium_version() -> str | None:
    path = _harness().find_chromium()
    if path is None:
        return None
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30, check=False)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


# Installed before the page's own scripts: turns Flutter's semantics on the moment its
# placeholder exists (as a screen reader would, instead of when Playwright next looks) and
# notes, on the page's clock, Flutter's first frame and the first moment ``text`` shows.
_LAUNCH = """
(() => {
  const text = %s;
  const state = { firstFrame: null, seen: null };
  window.__launch = state;
  addEventListener('flutter-first-frame', () => { state.firstFrame = performance.now(); }, { once: true });
  const shows = () => (__SHOWS__)(text);
  const enable = setInterval(() => {
    if (document.querySelector('flt-semantics-host flt-semantics')) return;
    const placeholder = document.querySelector('flt-semantics-placeholder');
    if (placeholder) placeholder.click();
  }, 10);
  const observer = new MutationObserver(() => {
    if (state.seen === null && shows()) {
      state.seen = performance.now();
      clearInterval(enable);
      observer.disconnect();
    }
  });
  observer.observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['aria-label'],
  });
})();
""".replace("__SHOWS__", _SHOWS.strip())


def first_row_text(path: Path) -> str:
    """Text the newest timeline row shows (what the person sees first after unlocking)."""
    vault = Vault.unlock(path, corpus.PASSPHRASE)
    try:
        record = vault.list_page(list(corpus.TIMELINE), limit=1).records[0]
    finally:
        vault.lock()
    if record.kind == CHECKIN:
        feelings = CheckIn.from_payload(record.payload).feelings
        return describe_feeling(feelings[0]) if feelings else "Check-in"
    return display_title(Entry.from_record(record))


@dataclass
class Timings:
    """The app's COMPANION_TIMING lines, from a given offset of its log on."""

    log: Path
    offset: int = 0

    def mark(self) -> None:
        self.offset = self.log.stat().st_size if self.log.exists() else 0

    def lines(self) -> list[tuple[str, str, float]]:
        with self.log.open("rb") as f:
            f.seek(self.offset)
            text = f.read().decode("utf-8", errors="replace")
        found = []
        for line in text.splitlines():
            match = TIMING_LINE.match(line.strip())
            if match:
                found.append((match[1], match[2], float(match[3])))
        return found

    def wait_for(self, what: str, subject: str | None = None, timeout_s: float = 60.0) -> float:
        """The first such line since `mark` (``subject`` None: any screen or object)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for event, name, value in self.lines():
                if event == what and subject in (None, name):
                    return value
            time.sleep(0.05)
        raise TimeoutError(f"no 'companion-timing {what} {subject}' in {self.log} within {timeout_s:.0f} s")


def transitions(lines: list[tuple[str, str, float]]) -> list[tuple[str, float]]:
    """(screen, render + on_show ms) for each screen shown: its Python work."""
    pending: dict[str, float] = {}
    out = []
    for event, name, value in lines:
        if event == "render":
            pending[name] = pending.get(name, 0.0) + value  # a resize may render twice
        elif event == "on_show":
            out.append((name, pending.pop(name, 0.0) + value))
    return out


def _tap_and_wait(app: Any, text: str, tap: Any, timeout_ms: float = 60_000) -> float:
    """Seconds from the tap's pointerdown to ``text`` appearing, on the page's clock."""
    page = app.page
    page.evaluate(_ARM, text)
    tap()
    page.wait_for_function("() => window.__bench && window.__bench.seen !== null", timeout=timeout_ms)
    state = page.evaluate("() => window.__bench")
    return (state["seen"] - state["down"]) / 1000.0


def _tab(app: Any, section: str) -> Any:
    """A section's tab in the phone layout's bottom bar (its name is "<label> Tab n of m")."""
    return app.page.get_by_role("tab", name=section).first


def _app_bar_back(app: Any) -> Any:
    """The app bar's Back (a check-in's body map also has a "Back" side)."""
    buttons = app.page.get_by_role("button", name="Back", exact=True)
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        if box is not None and box["y"] < 64:
            return buttons.nth(index)
    raise RuntimeError("no Back button in the app bar")


def _step(timings: Timings, lines: list[tuple[str, str, float]], action: Any) -> None:
    """Do ``action`` and wait until the screen it leads to has loaded (its on_show returned)."""
    timings.mark()
    action()
    timings.wait_for("on_show")
    lines += timings.lines()


def one_run(app: Any, timings: Timings, row_text: str) -> dict[str, Any]:
    h = _harness()
    h.fill(app, "Passphrase", corpus.PASSPHRASE)
    timings.mark()
    result: dict[str, Any] = {}
    result["unlock"] = _tap_and_wait(app, row_text, lambda: h.click_button(app, "Unlock"))
    result["warm_search"] = timings.wait_for("warm_search")  # as a person would, a moment later
    lines = timings.lines()
    timings.mark()
    result["checkin"] = _tap_and_wait(app, CHECKIN_FIRST_STEP, lambda: _tab(app, "Check in").click())
    timings.wait_for("on_show")
    lines += timings.lines()
    # Every other section once (whatever the bottom bar holds), back to the journal,
    # into the newest entry and back out, then Lock: each screen's Python time is logged.
    tabs = app.page.get_by_role("tab")
    for index in range(tabs.count()):
        if tabs.nth(index).get_attribute("aria-selected") != "true":
            _step(timings, lines, tabs.nth(index).click)
    _step(timings, lines, _tab(app, "Journal").click)
    _step(timings, lines, app.page.get_by_text(row_text).first.click)
    _step(timings, lines, lambda: _app_bar_back(app).click())
    _step(timings, lines, lambda: h.click_button(app, "Lock"))
    result["transitions"] = transitions(lines)
    return result


def run(source: Path, work: Path, size: int, reps: int) -> list[Metric]:
    """``reps`` times: start the app on a fresh copy of ``source``, open it in a fresh browser, time."""
    h = _harness()
    chromium = h.find_chromium()
    if chromium is None:
        raise SystemExit("Chromium not found (/usr/bin/chromium or $CHROMIUM_PATH); see tests/e2e/harness.py")
    from playwright.sync_api import sync_playwright

    row_text = first_row_text(source)
    # As a person's first start does (the app runs here with PYTHONDONTWRITEBYTECODE kept):
    # Companion's own bytecode is written before the first timed start.
    compileall.compile_dir(REPO / "companion", quiet=1)
    runs: list[dict[str, Any]] = []
    with h.reserve_dead_port() as dead, sync_playwright() as playwright:
        for number in range(reps):
            # Everything fresh, as when a person starts the app and unlocks. (A second page on
            # the same server works too, but Flutter then keeps the keyboard focus in its own
            # hidden input rather than the passphrase field the test helpers look for.)
            data_dir = work / f"run-{number + 1}"
            data_dir.mkdir(parents=True)
            shutil.copyfile(source, data_dir / VAULT_FILENAME)
            # Chromium and its tab are ready first: the launch row times Companion, not the browser.
            browser = h.launch_browser(playwright, chromium, dead.getsockname()[1])
            tab = h.blank_page(browser, VIEWPORT, init_script=_LAUNCH % json.dumps(UNLOCK_SCREEN_TEXT))
            time.sleep(BROWSER_SETTLE_S)
            launched = time.time()  # wall clock: the page's clock is compared with it
            server = h.start_app(
                data_dir, name=f"benchmark-browser-{number + 1}", log_dir=work / "logs",
                env={"COMPANION_TIMING": "1"},
            )  # fmt: skip
            try:
                served = time.time()
                app = h.load_app(tab, server.url)
                try:
                    app.page.wait_for_function(_SHOWS, arg=UNLOCK_SCREEN_TEXT, polling=20, timeout=60_000)
                    app.page.wait_for_function("() => window.__launch.seen !== null", timeout=60_000)
                    clock = app.page.evaluate(
                        "() => ({ origin: performance.timeOrigin, ...window.__launch })"
                    )
                    result = one_run(app, Timings(server.log_path), row_text)
                    result["launch"] = (clock["origin"] + clock["seen"]) / 1000 - launched
                    result["serving"] = served - launched
                    result["first_frame"] = (clock["origin"] + clock["firstFrame"]) / 1000 - launched
                    runs.append(result)
                except Exception:
                    h.shot(app, f"benchmark-browser-FAILED-{number + 1}")
                    print(server.log_text()[-3000:], file=sys.stderr)
                    raise
                finally:
                    app.close()
            finally:
                browser.close()
                server.stop()
            print(f"  run {number + 1}/{reps} done", file=sys.stderr, flush=True)
    return _metrics(runs, size, row_text)


def _metrics(runs: list[dict[str, Any]], size: int, row_text: str) -> list[Metric]:
    at = f"{size // 1000}k" if size % 1000 == 0 else str(size)
    every = [t for r in runs for t in r["transitions"]]
    slowest: dict[str, float] = {}
    for name, value in every:
        slowest[name] = max(value, slowest.get(name, 0.0))
    worst = sorted(slowest.items(), key=lambda kv: -kv[1])
    per_screen = ", ".join(f"{name} {value:.0f}" for name, value in worst)
    return [
        Metric(
            "browser.launch_to_unlock",
            "browser: start `companion --web` -> unlock screen visible",
            "s",
            [r["launch"] for r in runs],
            Target("<=", 1.5),
            note="from starting the process (Chromium already running) until 'Welcome back' is in the "
            "page's accessibility tree, on the page's own clock (turned on as soon as Flutter offers it): "
            "Python start-up, the web server, Flutter's web client loading from loopback, the websocket "
            "and the first screen; medians: serving HTTP after "
            f"{statistics.median(r['serving'] for r in runs):.2f} s, Flutter's first frame after "
            f"{statistics.median(r['first_frame'] for r in runs):.2f} s",
            extra={
                "serving_s": [r["serving"] for r in runs],
                "first_frame_s": [r["first_frame"] for r in runs],
            },
        ),
        Metric(
            "browser.unlock_to_first_row",
            f"browser: Unlock tap -> first timeline row @{at}",
            "s",
            [r["unlock"] for r in runs],
            Target("<=", 2.0),
            note=f"headless Chromium, {VIEWPORT[0]}x{VIEWPORT[1]}; pointerdown on 'Unlock' until "
            f"'{row_text}' (the newest row) is in the accessibility tree: Argon2id unlock, settings, "
            "the journal screen's first page, the websocket and Flutter's frame",
        ),
        Metric(
            "browser.open_checkin",
            f"browser: 'Check in' tab -> first step @{at}",
            "s",
            [r["checkin"] for r in runs],
            note=f"pointerdown on the tab until '{CHECKIN_FIRST_STEP}' shows; taken after the "
            "background search warm-up finished",
        ),
        Metric(
            "browser.screen_python_max",
            f"browser: slowest screen's Python work, per run @{at}",
            "ms",
            [max(v for _n, v in r["transitions"]) for r in runs],
            Target("<=", 300.0, stat="max"),
            note="COMPANION_TIMING=1: render (build + page update) + on_show (awaited data loading "
            "included) of each screen shown: the journal after unlock, every bottom-bar section, "
            f"the newest entry, back, lock; slowest per screen (ms): {per_screen}",
            extra={"slowest_per_screen_ms": dict(worst)},
        ),
        Metric(
            "browser.screen_python",
            f"browser: any screen's Python work @{at}",
            "ms",
            [v for _n, v in every],
            note=f"all {len(every)} screen changes of all runs",
        ),
        Metric(
            "browser.warm_search",
            f"browser: background search warm-up @{at}",
            "ms",
            [r["warm_search"] for r in runs],
            note="Vault.warm_search in a thread right after the journal shows (not on any screen's path)",
        ),
    ]
