"""Fixtures for browser tests: a Companion server per test, one Chromium per session.

Loaded for the whole suite by tests/conftest.py (``pytest_plugins``), so browser tests in
tests/redteam/ use the same fixtures, watchdog and rerun rule as those in tests/e2e/.

Typical use::

    def test_something(app_server, open_page):
        app = open_page(app_server.url)            # 400x800, accessibility on
        fill(app, "Passphrase", "correct horse")
        click_button(app, "Create my journal")
        app_server.stop()
        again = start_app(app_server.data_dir)     # same journal, new server

Browser tests carry the `e2e` marker (`pytest -m "not e2e"` skips them).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from . import harness
from .harness import FIRST_FRAME_TIMEOUT_MS, AppPage, AppProcess, OpenPage, StartApp, shot

E2E_DIR = Path(__file__).resolve().parent
BROWSER_FIXTURES = {"open_page", "browser", "app_server", "start_app"}
E2E_RERUNS = int(os.environ.get("COMPANION_E2E_RERUNS", "1"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: drives the web UI in a real Chromium (slow; needs /usr/bin/chromium)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark everything under tests/e2e, so `-m "not e2e"` works even if a test forgets.

    Browser tests also get one more try: Flutter's web client now and then drops a
    keystroke or a frame on a loaded 2-core machine. A rerun shows as "R" in the
    log and in the summary, so a test that starts needing it gets noticed; a test
    failing twice fails the run.

    They also run after every other test (see the end).
    """
    in_browser: list[pytest.Item] = []
    others: list[pytest.Item] = []
    for item in items:
        in_e2e = E2E_DIR in Path(str(item.path)).resolve().parents
        if in_e2e or BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.flaky(reruns=E2E_RERUNS, reruns_delay=1))
            in_browser.append(item)
        else:
            others.append(item)
    # Browser tests last: Playwright's sync API keeps an event loop running on the main
    # thread for the rest of the session, and every later `asyncio.run()` in a unit test
    # would fail with "cannot be called from a running event loop".
    items[:] = others + in_browser


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the item so fixtures can react to failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _test_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", request.node.name).strip("_")[:80]


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The system Chromium; a missing browser fails under CI instead of hiding tests."""
    path = harness.find_chromium()
    if path is None:
        message = (
            "Chromium not found at /usr/bin/chromium (or $CHROMIUM_PATH). "
            "Install it with `sudo apt-get install -y chromium`, or run `sh tests/run.sh`, "
            "which does that for you. Do not run `playwright install`."
        )
        if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
            pytest.fail(message + " [CI is set, so this is a failure, not a skip]", pytrace=False)
        pytest.skip(message)
    return path


# A browser test that takes longer than this is stuck, not slow: the longest one (a
# reminder that has to arrive) needs about 90 s here. The watchdog then kills the
# test's Chromium, which fails the stuck Playwright call at once; pytest-timeout
# (pyproject.toml) stays the last resort for a stuck Python process.
E2E_TEST_BUDGET_S = float(os.environ.get("COMPANION_E2E_BUDGET_S", "420"))
CLOSE_BUDGET_S = 30.0


class _Browsers:
    """One headless Chromium shared by consecutive tests, replaced when it has died.

    A test the watchdog stopped leaves its browser killed; the next test gets a new
    one instead of inheriting the wreck.
    """

    def __init__(self, playwright: Playwright, executable: str, dead_port: int) -> None:
        self._playwright = playwright
        self._executable = executable
        self._dead_port = dead_port
        self._browser: Browser | None = None
        self.tag = ""

    def current(self) -> Browser:
        if self._browser is None or not self._browser.is_connected():
            self.close()
            self.tag = f"{os.getpid()}-{secrets.token_hex(4)}"
            self._browser = harness.launch_browser(
                self._playwright, self._executable, self._dead_port, tag=self.tag
            )
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            with contextlib.suppress(Exception):
                self._browser.close()
            self._browser = None


def _kill_stuck_browser(browsers: _Browsers, why: str) -> None:
    killed = harness.kill_tagged_browser(browsers.tag)
    print(f"\n[e2e watchdog] {why}: killed the browser ({killed} processes)", file=sys.stderr, flush=True)


@pytest.fixture(scope="session")
def _browsers(chromium_executable: str) -> Iterator[_Browsers]:
    with harness.reserve_dead_port() as dead_port, sync_playwright() as playwright:
        browsers = _Browsers(playwright, chromium_executable, dead_port.getsockname()[1])
        try:
            yield browsers
        finally:
            browsers.close()


@pytest.fixture
def browser(_browsers: _Browsers) -> Iterator[Browser]:
    """Headless Chromium (shared while it lives; each page gets its own context), watched:
    a test still running after E2E_TEST_BUDGET_S gets its browser killed and fails."""
    current = _browsers.current()
    fired = threading.Event()

    def stop_stuck_test() -> None:
        fired.set()
        _kill_stuck_browser(_browsers, f"still running after {E2E_TEST_BUDGET_S:.0f} s")

    watchdog = threading.Timer(E2E_TEST_BUDGET_S, stop_stuck_test)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield current
    finally:
        watchdog.cancel()
    if fired.is_set():
        pytest.fail(f"stopped by the e2e watchdog after {E2E_TEST_BUDGET_S:.0f} s", pytrace=False)


@pytest.fixture
def start_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StartApp]:
    """Factory: ``start_app(data_dir=None) -> AppProcess``; every server stops at teardown.

    Pass an earlier server's ``data_dir`` to restart on the same journal. Logs go
    to test-output/logs/<test>-<n>.log (and .netlog).
    """
    started: list[AppProcess] = []

    def start(data_dir: Path | None = None, *, env: Mapping[str, str] | None = None) -> AppProcess:
        name = f"{_test_name(request)}-{len(started) + 1}"
        app = harness.start_app(data_dir or tmp_path / "data", name=name, env=env)
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()


@pytest.fixture
def app_server(start_app: StartApp) -> AppProcess:
    """A Companion server on a fresh data dir under tmp_path."""
    return start_app()


@pytest.fixture
def open_page(request: pytest.FixtureRequest, browser: Browser, _browsers: _Browsers) -> Iterator[OpenPage]:
    """Factory: ``open_page(url, viewport=(400, 800)) -> AppPage``, ready to query.

    Pages still open when the test fails are screenshotted as
    test-output/screenshots/FAILED-<test>-<n>.png before being closed.
    """
    pages: list[AppPage] = []

    def open_(
        url: str,
        viewport: tuple[int, int] = (400, 800),
        *,
        timeout_ms: float = FIRST_FRAME_TIMEOUT_MS,
        locale: str = "en-GB",
        accessibility_after_ms: float = 0,
    ) -> AppPage:
        page = harness.open_page(
            browser,
            url,
            viewport,
            timeout_ms=timeout_ms,
            locale=locale,
            accessibility_after_ms=accessibility_after_ms,
        )
        pages.append(page)
        return page

    yield open_
    report = getattr(request.node, "rep_call", None)
    # "rerun" is how pytest-rerunfailures reports a failed first try
    failed = report is not None and (report.failed or report.outcome == "rerun")
    # Closing a context now and then never returns (seen with Chromium 156 after a
    # failed step); past CLOSE_BUDGET_S the browser is killed and the next test
    # gets a new one.
    rescue = threading.Timer(CLOSE_BUDGET_S, _kill_stuck_browser, args=(_browsers, "closing its pages"))
    rescue.daemon = True
    rescue.start()
    try:
        for number, page in enumerate(pages, start=1):
            if failed and not page.page.is_closed():
                # A failing screenshot must not mask the test's own failure.
                with contextlib.suppress(Exception):
                    shot(page, f"FAILED-{_test_name(request)}-{number}")
            page.close()
    finally:
        rescue.cancel()


@pytest.fixture(scope="session")
def _demo_journal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from companion.adapters.paths import vault_path
    from companion.core.records import now_us
    from companion.demo import fill_demo
    from companion.vault.vault import Vault

    from .flows import PASSPHRASE

    folder = tmp_path_factory.mktemp("demo-journal")
    vault, _ = Vault.create(vault_path(folder), PASSPHRASE, with_recovery_code=False)
    fill_demo(vault, now_us(), weeks=3)
    vault.lock()
    return folder


@pytest.fixture
def demo_journal_dir(_demo_journal_template: Path, tmp_path: Path) -> Path:
    """A data folder with three weeks of sample data (flows.PASSPHRASE): this test's own copy,
    so a setting one test changes (text size, theme) never leaks into another."""
    import shutil

    return Path(shutil.copytree(_demo_journal_template, tmp_path / "demo-journal"))
