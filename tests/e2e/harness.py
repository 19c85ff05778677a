"""Drive Companion's Flet web UI in a real Chromium through Playwright.

Flutter web paints everything on a canvas, so the DOM holds nothing to query until
Flutter's accessibility tree is switched on. These helpers start the app on a free
loopback port, open it, wait for the first Flutter frame, switch the accessibility
tree on and then find controls the way a screen reader would: a TextField's
``label`` is its input's ``aria-label``, a button's text is its accessible name.

Privacy is a feature of the app, so every page also records each request that
leaves loopback; tests assert that list is empty.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    Request,
    WebSocket,
    expect,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO_ROOT / "test-output"
SCREENSHOT_DIR = OUTPUT_DIR / "screenshots"
LOG_DIR = OUTPUT_DIR / "logs"

LOOPBACK = "127.0.0.1"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)

# Marks the processes of one launched browser (see launch_browser).
BROWSER_TAG_SWITCH = "--companion-e2e-browser"

# Generous: the first Flutter frame takes 3-8 s on a busy 2-core machine and
# CI runners can be slower still. Waits end as soon as the condition holds.
STARTUP_TIMEOUT_S = 90.0
FIRST_FRAME_TIMEOUT_MS = 60_000
DEFAULT_TIMEOUT_MS = 30_000
# For tests that wait for the one-minute auto-lock: the app's quiet-time clock runs four times
# as fast, so the minute is 15 seconds (plus the app's 5 s check) instead of a real minute.
FAST_IDLE_CLOCK = {"COMPANION_TEST_IDLE_CLOCK_RATE": "4"}
SETTLE_MS = 150
ATTACH_TIMEOUT_MS = 5_000

# The Flet 1.0.5 web client bundles the Rive extension, whose start-up hook
# (`rive_native`'s web loader) injects
#   <script src="https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@44.0.0/wasm/rive_native.js">
# on every page load, whether or not the app uses Rive. The URL is a constant
# compiled into main.dart.js / main.dart.wasm; `no_cdn` does not change it. Only
# the app can keep it inside the browser, with a Content-Security-Policy (the
# request is then reported with failure "csp" and not counted as outside). The
# test browser's dead proxy stops it here; tests tolerate exactly this URL.
KNOWN_CLIENT_REQUESTS: tuple[str, ...] = ("https://cdn.jsdelivr.net/npm/@rive-app/flutter-native-wasm@",)

_IS_FOCUSED_SCRIPT = "el => el === document.activeElement"

# When Flutter attaches its text editing to a focused input it (re)writes the
# input's autocomplete/autocorrect attributes, then its own text and selection.
# Armed before the click, this resolves once that has happened (or times out).
_ARM_ATTACH_SCRIPT = """
(el, timeoutMs) => {
  el.__companionAttached = new Promise(resolve => {
    const done = ok => { observer.disconnect(); clearTimeout(timer); resolve(ok); };
    const observer = new MutationObserver(() => done(true));
    observer.observe(el, { attributes: true, attributeFilter: ['autocomplete', 'autocorrect'] });
    const timer = setTimeout(() => done(false), timeoutMs);
  });
}
"""

_FIRST_FRAME_SCRIPT = """
window.__companionFirstFrame = false;
window.addEventListener('flutter-first-frame', () => {
  window.__companionFirstFrame = true;
}, { once: true });
"""

# Clicks Flutter's hidden "enable accessibility" button until the semantics
# tree exists. Repeating is harmless: the placeholder removes itself once used.
# Page scripts here are written as functions, never bare expressions: Playwright
# eval()s expressions in the page, which a Content-Security-Policy without
# 'unsafe-eval' (one way to stop the Rive request) forbids.
# Flutter's "enable accessibility" placeholder is there, or semantics are on already (an
# init script may have used the placeholder, which then removes itself).
_SEMANTICS_OFFERED_SCRIPT = """
() => !!document.querySelector('flt-semantics-placeholder, flt-semantics-host flt-semantics')
"""

_ENABLE_SEMANTICS_SCRIPT = """
() => {
  if (document.querySelector('flt-semantics-host flt-semantics')) return true;
  const placeholder = document.querySelector('flt-semantics-placeholder');
  if (placeholder) placeholder.click();
  return false;
}
"""


# --------------------------------------------------------------------------- chromium


def find_chromium() -> str | None:
    """Path of the system Chromium, or None.

    `CHROMIUM_PATH` wins so a developer on another distribution can point the
    suite at their browser; we never download one (`playwright install`).
    """
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return override if os.access(override, os.X_OK) else None
    if os.access(DEFAULT_CHROMIUM, os.X_OK):
        return DEFAULT_CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def reserve_dead_port() -> socket.socket:
    """Bind, but never listen on, a loopback port.

    Connections to it are refused at once, which makes it a proxy that fails
    every request. Keep the socket open for as long as the port is in use.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((LOOPBACK, 0))
    return sock


def launch_browser(
    playwright: Playwright, executable: str, dead_proxy_port: int, *, tag: str = ""
) -> Browser:
    """Start headless Chromium that cannot reach anything but loopback.

    All non-loopback traffic goes to a proxy port that refuses connections
    (Chromium bypasses proxies for loopback by default). Outside requests are
    still *recorded* by `open_page` because Chromium reports them before
    connecting, but the suite never depends on, or leaks to, the internet.

    ``tag`` goes on Chromium's command line (Chromium ignores switches it doesn't
    know) so `kill_tagged_browser` can find this browser's processes: Playwright
    doesn't say which process is its browser.
    """
    args = [*CHROMIUM_ARGS, f"--proxy-server=http://{LOOPBACK}:{dead_proxy_port}"]
    if tag:
        args.append(f"{BROWSER_TAG_SWITCH}={tag}")
    return playwright.chromium.launch(executable_path=executable, headless=True, args=args)


def kill_tagged_browser(tag: str) -> int:
    """SIGKILL every process whose command line carries ``tag``; how many were signalled.

    The way out of a stuck page: Playwright's calls without a timeout of their own
    (mouse, keyboard, close) then fail at once with "browser has been closed",
    instead of waiting for ever. Linux only (reads /proc); elsewhere it does nothing.
    """
    needle = f"{BROWSER_TAG_SWITCH}={tag}".encode()
    killed = 0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if needle not in (entry / "cmdline").read_bytes().split(b"\0"):
                continue
            os.kill(int(entry.name), signal.SIGKILL)
            killed += 1
        except (OSError, ValueError):
            continue  # gone already, or not ours to read
    return killed


# --------------------------------------------------------------------------- app process


def free_port() -> int:
    """A loopback port that was free a moment ago (start_app retries on a clash)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def app_command() -> list[str]:
    """The installed `companion` entry point of the running interpreter's env."""
    script = Path(sys.executable).with_name("companion")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "companion"]


@dataclass
class AppProcess:
    """A running `companion --web` server and the files it writes for tests."""

    url: str
    port: int
    data_dir: Path
    log_path: Path
    netlog_path: Path
    process: subprocess.Popen[bytes]
    _log_file: BinaryIO | None = field(repr=False, default=None)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def netlog_entries(self) -> list[str]:
        """Outside connection attempts the app itself logged (COMPANION_NETLOG)."""
        if not self.netlog_path.exists():
            return []
        text = self.netlog_path.read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if line.strip()]

    def log_text(self) -> str:
        """Everything the server printed so far, for failure messages."""
        with contextlib.suppress(OSError):
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        return ""

    def stop(self, timeout: float = 10.0) -> int | None:
        """Terminate the whole process group; kill it if it does not exit in time.

        Idempotent, so fixtures can call it again at teardown.
        """
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait(timeout=timeout)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        return self.process.returncode


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start_app(
    data_dir: Path,
    *,
    name: str = "app",
    log_dir: Path = LOG_DIR,
    env: Mapping[str, str] | None = None,
    startup_timeout: float = STARTUP_TIMEOUT_S,
) -> AppProcess:
    """Start `companion --web` on a free port and wait until it serves HTTP.

    Output goes to ``<log_dir>/<name>.log``; ``COMPANION_NETLOG`` points the app
    at ``<log_dir>/<name>.netlog``. The server runs in its own process group so
    `AppProcess.stop` can end it together with any children.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}.log"
    netlog_path = log_dir / f"{name}.netlog"
    netlog_path.unlink(missing_ok=True)

    child_env = dict(os.environ)
    child_env.pop("COMPANION_DATA_DIR", None)
    # The computer's language is the app's first guess: tests choose it (English unless a
    # test passes LANG), whatever the machine running them speaks.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        child_env.pop(variable, None)
    child_env["LANG"] = "C.UTF-8"
    child_env.update(
        {
            "COMPANION_NETLOG": str(netlog_path),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if env:
        child_env.update(env)

    last_error = ""
    for _attempt in range(3):
        port = free_port()
        url = f"http://{LOOPBACK}:{port}"
        log_file = log_path.open("wb")
        process = subprocess.Popen(
            [*app_command(), "--web", "--port", str(port), "--data-dir", str(data_dir)],
            cwd=REPO_ROOT,
            env=child_env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        app = AppProcess(url, port, data_dir, log_path, netlog_path, process, log_file)
        deadline = time.monotonic() + startup_timeout
        while time.monotonic() < deadline and app.running:
            if _http_ok(url + "/"):
                return app
            time.sleep(0.02)  # a browser test (or benchmark) goes on the moment it serves
        app.stop()
        last_error = app.log_text()
        if "address already in use" not in last_error.lower():
            break
    raise RuntimeError(
        f"Companion did not start serving within {startup_timeout:.0f} s "
        f"(see {log_path}). Last output:\n{last_error[-3000:]}"
    )


class StartApp(Protocol):
    """Type of the `start_app` fixture: pass an old `data_dir` to restart on it."""

    def __call__(
        self, data_dir: Path | None = None, *, env: Mapping[str, str] | None = None
    ) -> AppProcess: ...


# --------------------------------------------------------------------------- pages


def is_loopback_url(url: str) -> bool:
    """Whether a request stays on this computer (blob:/data: URLs never leave)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"data", "about"}:
        return True
    if scheme == "blob":
        return is_loopback_url(parts.path)
    if scheme in {"http", "https", "ws", "wss"}:
        return (parts.hostname or "").lower() in LOOPBACK_HOSTS
    return False


@dataclass
class OutsideRequest:
    """A request the page made to anything but loopback."""

    url: str
    resource_type: str
    failure: str | None = None

    @property
    def blocked_by_csp(self) -> bool:
        """Chromium refused it before any network access (Content-Security-Policy)."""
        return self.failure is not None and "csp" in self.failure.lower()


@dataclass
class AppPage:
    """A Playwright page showing the app, plus what it did on the network."""

    page: Page
    context: BrowserContext
    url: str
    viewport: tuple[int, int]
    outside_requests: list[OutsideRequest] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def unexpected_outside_requests(
        self, allowed: Iterable[str] = KNOWN_CLIENT_REQUESTS
    ) -> list[OutsideRequest]:
        """Outside requests other than known Flutter-client ones and CSP-blocked ones."""
        prefixes = tuple(allowed)
        return [r for r in self.outside_requests if not r.blocked_by_csp and not r.url.startswith(prefixes)]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()


def _record_request(app: AppPage, request: Request) -> None:
    if not is_loopback_url(request.url):
        app.outside_requests.append(OutsideRequest(request.url, request.resource_type))


def _record_failure(app: AppPage, request: Request) -> None:
    for entry in reversed(app.outside_requests):
        if entry.url == request.url and entry.failure is None:
            entry.failure = request.failure or "failed"
            return


def _record_websocket(app: AppPage, ws: WebSocket) -> None:
    if not is_loopback_url(ws.url):
        app.outside_requests.append(OutsideRequest(ws.url, "websocket"))


def _record_console(app: AppPage, message: ConsoleMessage) -> None:
    if message.type == "error":
        app.console_errors.append(message.text)


def enable_accessibility(page: Page | AppPage, timeout_ms: float = FIRST_FRAME_TIMEOUT_MS) -> None:
    """Turn on Flutter's semantics tree so Playwright can find controls by role and text."""
    _pw(page).wait_for_function(_ENABLE_SEMANTICS_SCRIPT, polling=250, timeout=timeout_ms)


def open_page(
    browser: Browser,
    url: str,
    viewport: tuple[int, int] = (400, 800),
    *,
    timeout_ms: float = FIRST_FRAME_TIMEOUT_MS,
    locale: str = "en-GB",
    accessibility_after_ms: float = 0,
) -> AppPage:
    """Open `url` in a fresh context, wait for Flutter's first frame, enable semantics.

    Each call gets its own context (no shared storage), sized to `viewport`, in a browser
    whose language is `locale` (the app follows it, as it follows a phone's).
    ``accessibility_after_ms`` waits that long after the first frame before turning the
    accessibility tree on, as a screen reader does once the page has loaded.
    The caller closes it (`AppPage.close`), or the `open_page` fixture does.
    """
    app = blank_page(browser, viewport, locale=locale)
    return load_app(app, url, timeout_ms=timeout_ms, accessibility_after_ms=accessibility_after_ms)


def blank_page(
    browser: Browser, viewport: tuple[int, int] = (400, 800), *, locale: str = "en-GB", init_script: str = ""
) -> AppPage:
    """A fresh context and page, not yet pointed at the app (`load_app` does that).

    Apart from `open_page` so a benchmark can have the browser tab ready before the app
    starts, as a person's browser is. ``init_script`` runs in the page before its own scripts.
    """
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(_FIRST_FRAME_SCRIPT)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    app = AppPage(page=page, context=context, url="", viewport=viewport)
    context.on("request", lambda request: _record_request(app, request))
    context.on("requestfailed", lambda request: _record_failure(app, request))
    page.on("websocket", lambda ws: _record_websocket(app, ws))
    page.on("console", lambda message: _record_console(app, message))
    page.on("pageerror", lambda error: app.page_errors.append(str(error)))
    return app


def load_app(
    app: AppPage, url: str, *, timeout_ms: float = FIRST_FRAME_TIMEOUT_MS, accessibility_after_ms: float = 0
) -> AppPage:
    """Go to `url` in `app`'s page, wait for Flutter's first frame, enable semantics."""
    app.url = url
    page = app.page
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
        page.wait_for_function("() => window.__companionFirstFrame === true", polling=100, timeout=timeout_ms)
        page.wait_for_function(_SEMANTICS_OFFERED_SCRIPT, polling=100, timeout=timeout_ms)
        if accessibility_after_ms:
            page.wait_for_timeout(accessibility_after_ms)
        enable_accessibility(page, timeout_ms)
    except Exception:
        app.close()
        raise
    return app


class OpenPage(Protocol):
    """Type of the `open_page` fixture."""

    def __call__(
        self,
        url: str,
        viewport: tuple[int, int] = (400, 800),
        *,
        timeout_ms: float = FIRST_FRAME_TIMEOUT_MS,
        locale: str = "en-GB",
        accessibility_after_ms: float = 0,
    ) -> AppPage: ...


# --------------------------------------------------------------------------- actions


def _pw(page: Page | AppPage) -> Page:
    return page.page if isinstance(page, AppPage) else page


def textbox(page: Page | AppPage, label: str) -> Locator:
    """The text field whose label is exactly `label`.

    Exact on purpose: Playwright matches names by substring otherwise, so
    "Passphrase" would also find "Repeat passphrase".
    """
    return _pw(page).get_by_role("textbox", name=label, exact=True)


def fill(page: Page | AppPage, label: str, text: str, *, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Type into the text field labelled `label`, replacing what it held.

    Types key by key (not `Locator.fill`) because that is what a person does and
    what Flutter's keyboard handling expects. Flutter only starts listening a
    moment after the input gets DOM focus, and on attaching it writes its own
    idea of the text back into the input, wiping keys typed in between; so we
    wait for that attach before typing, then check the input shows the text.
    """
    pw_page = _pw(page)
    box = textbox(pw_page, label)
    # A click that lands while Flutter is still laying out a new screen can miss the
    # field; a person would simply tap again, and so do we (a few times at most).
    for attempt in range(4):
        if box.evaluate(_IS_FOCUSED_SCRIPT, timeout=timeout_ms):
            break
        if attempt:
            # Flutter may hold focus on the field (autofocus) without the DOM input
            # having it; a tap on empty space first lets the next tap focus it afresh.
            # The title bar's middle holds at most the (inert) title; the middle of the
            # page's left edge can have a chip or a checkbox's reach under it.
            width = pw_page.viewport_size["width"] if pw_page.viewport_size else 400
            pw_page.mouse.click(width // 2, 28)
        box.evaluate(_ARM_ATTACH_SCRIPT, ATTACH_TIMEOUT_MS)
        box.click(timeout=timeout_ms)
        # False means Flutter never re-applied its input configuration (e.g. a
        # future engine does it differently); the value check below still holds.
        box.evaluate("el => el.__companionAttached")
        with contextlib.suppress(AssertionError):
            expect(box).to_be_focused(timeout=3_000)
    expect(box).to_be_focused(timeout=timeout_ms)
    # Once in a while (a busy machine, a browser that has run many pages) Flutter web hands
    # the browser's focus elsewhere mid-word and the rest of the keys go nowhere. A person
    # would notice and type it again; so do we, once. A field that never takes the text
    # still fails below.
    for attempt in range(2):
        for _ in range(3):
            if box.input_value() == "":
                break
            pw_page.keyboard.press("ControlOrMeta+a")
            pw_page.keyboard.press("Backspace")
        expect(box).to_have_value("", timeout=timeout_ms)
        pw_page.keyboard.type(text)
        if attempt == 0:
            with contextlib.suppress(AssertionError):
                expect(box).to_have_value(text, timeout=3_000)
                return
            # Tap again and wait for Flutter to re-attach: until then the input can read
            # empty while Flutter still holds the keys that did land, and typing again
            # added to them ("The walk The walk by the river"). So clear it regardless.
            box.evaluate(_ARM_ATTACH_SCRIPT, ATTACH_TIMEOUT_MS)
            box.click(timeout=timeout_ms)
            box.evaluate("el => el.__companionAttached")
            expect(box).to_be_focused(timeout=timeout_ms)
            pw_page.keyboard.press("ControlOrMeta+a")
            pw_page.keyboard.press("Backspace")
    expect(box).to_have_value(text, timeout=timeout_ms)


def click_button(page: Page | AppPage, name: str, *, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Click the button whose accessible name is exactly `name`.

    A Flet button's name is its text. Icon-only buttons (e.g. the eye that
    `can_reveal_password` adds) have no name unless the app gives them one.
    """
    _pw(page).get_by_role("button", name=name, exact=True).click(timeout=timeout_ms)


def expect_text(
    page: Page | AppPage,
    text: str | re.Pattern[str],
    *,
    timeout_ms: float = DEFAULT_TIMEOUT_MS,
    exact: bool = False,
) -> None:
    """Wait until `text` is on screen (substring, case-insensitive, unless `exact`).

    Substring by default because Flutter merges neighbouring Text controls into
    one accessibility node: on the welcome screen "Create your journal" is part
    of a single paragraph-long node, so an exact match would never find it.
    """
    # Only visible matches: a route being animated away can keep its text in the tree.
    locator = _pw(page).get_by_text(text, exact=exact).locator("visible=true").first
    expect(locator).to_be_visible(timeout=timeout_ms)


def expect_said(page: Page | AppPage, text: str, *, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Like `expect_text`, but also finds text Flutter folded into its group's accessible name.

    A card or column holding texts and buttons becomes one group whose aria-label carries
    the texts; `get_by_text` cannot see those, a screen reader (and this) can.
    """
    pw = _pw(page)
    spoken = pw.locator(f'flt-semantics[aria-label*="{text}"]')
    expect(pw.get_by_text(text).or_(spoken).first).to_be_visible(timeout=timeout_ms)


def expect_no_text(page: Page | AppPage, text: str, *, timeout_ms: float = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until no element shows `text` (for example after leaving a screen)."""
    expect(_pw(page).get_by_text(text)).to_have_count(0, timeout=timeout_ms)


def shot(page: Page | AppPage, name: str) -> Path:
    """Save a PNG to test-output/screenshots/<name>.png (repo root) and return its path."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    pw_page = _pw(page)
    settle(pw_page)
    pw_page.screenshot(path=str(path))
    return path


def settle(page: Page | AppPage, ms: float = SETTLE_MS) -> None:
    """Let Flutter put the current frame on screen.

    The accessibility tree updates before the pixels do: the skwasm renderer
    draws in a worker, so a screenshot taken right after `expect_text` passed
    can still show the previous frame. Two animation frames plus a tiny pause
    close that gap. Only for pictures; assertions never need it.
    """
    pw_page = _pw(page)
    pw_page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    pw_page.wait_for_timeout(ms)
