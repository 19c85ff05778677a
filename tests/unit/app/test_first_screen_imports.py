"""The first screen shows before the storage layer loads (SQLModel/SQLAlchemy: most of a cold start).

Run in a fresh interpreter each time: this test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
STORAGE = ("sqlmodel", "sqlalchemy")

PROBE = """
import json, sys
from types import SimpleNamespace
import companion.ui.app
from companion.ui.shell import routes
shell = SimpleNamespace(page=SimpleNamespace(web=False, platform=None), demo=False, home_dir=None,
                        prepare_demo=None, data_dir=None, stores=None)
built = []
for route in ("welcome", "unlock"):
    screen = routes.screen_class(route)(shell)
    screen.build()
    built.append(route)
storage = ("sqlmodel", "sqlalchemy")
domain = ("companion.kinds", "companion.vault", "companion.export", "companion.reference",
          "companion.services")
phone = ("flet_local_auth", "flet_secure_storage", "flet_notifications", "flet_permission_handler")
print(json.dumps({"built": built, "loaded": sorted(m for m in storage if m in sys.modules),
                  "babel": "babel" in sys.modules,
                  "domain": sorted(m for m in sys.modules if m.startswith(domain)),
                  "phone": sorted(m for m in sys.modules if m.startswith(phone))}))
"""


def run_probe(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_first_screens_do_not_import_the_storage_layer() -> None:
    result = run_probe(PROBE)
    assert result["built"] == ["welcome", "unlock"]
    assert result["loaded"] == [], f"the first screen imported {result['loaded']}"
    assert result["phone"] == []  # the phone extensions load only on a phone, in the background
    assert result["babel"] is False  # dates and numbers load Babel when one is first shown
    # no record kinds, vault, export, vocabulary or services: reminders and the rest load after
    # unlock. The welcome screen needs the passphrase rules (its strength hint), a small module.
    needed = ["companion.vault", "companion.vault.passphrase"]
    assert result["domain"] == needed, f"the first screen imported {result['domain']}"


def test_the_probe_would_see_the_storage_layer() -> None:
    """The check above can fail: importing the access module does pull SQLModel in."""
    code = (
        "import json, sys, companion.services.access\n"
        "print(json.dumps(sorted(m for m in ('sqlmodel', 'sqlalchemy') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == sorted(STORAGE)
