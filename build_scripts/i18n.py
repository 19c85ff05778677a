"""Keep the translation catalogues in step with the code (Babel).

    python build_scripts/i18n.py            # extract, update de/es, compile (the usual run)
    python build_scripts/i18n.py merge DIR  # fill empty translations from DIR/*.json
    python build_scripts/i18n.py compile    # .po -> .mo only

The .po files are what translators edit; the .mo files are committed beside them so the app
needs no build step (tests/unit/core/test_catalogues.py checks they match and are complete).
A fragment for ``merge`` is JSON: {"English text": {"de": "...", "es": "..."}}; for counted
text the key is "singular|plural" and each value a list of forms.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "companion"
LOCALE_DIR = PACKAGE / "locale"
TEMPLATE = LOCALE_DIR / "companion.pot"
TRANSLATED = ("de", "es")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHOD_MAP = [("**.py", "python")]


def extract() -> Catalog:
    """Every wrapped text in the package, with the "Translators:" comments beside it."""
    catalog = Catalog(project="Companion", charset="utf-8", fuzzy=False)
    found = extract_from_dir(
        str(PACKAGE), METHOD_MAP, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


_DATED = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')


def _undated(text: bytes) -> list[bytes]:
    return [line for line in text.splitlines() if not line.startswith(_DATED)]


def _write(catalog: Catalog, path: Path) -> None:
    """Write only when a message changed, so a run over unchanged code leaves git quiet."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, omit_header=False)
    if path.exists() and _undated(path.read_bytes()) == _undated(buffer.getvalue()):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _read(path: Path, language: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=language, project="Companion", fuzzy=False)
    with path.open("rb") as source:
        return read_po(source, locale=language)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "companion.po"


def update(template: Catalog) -> None:
    """Bring each language's catalogue up to the template (kept translations stay)."""
    _write(template, TEMPLATE)
    for language in TRANSLATED:
        catalog = _read(po_path(language), language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _write(catalog, po_path(language))


def compile_all() -> None:
    for language in TRANSLATED:
        catalog = _read(po_path(language), language)
        with po_path(language).with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)


def merge(fragments: Path) -> None:
    """Fill empty translations from fragment files (written while the code was wrapped)."""
    table: dict[str, dict[str, object]] = {}
    for file in sorted(fragments.glob("*.json")):
        table.update(json.loads(file.read_text(encoding="utf-8")))
    for language in TRANSLATED:
        catalog = _read(po_path(language), language)
        for message in catalog:
            if not message.id:
                continue
            key = "|".join(message.id) if isinstance(message.id, tuple) else message.id
            given = table.get(key, {}).get(language)
            if not given:
                continue
            if isinstance(message.id, tuple):
                if not any(message.string):
                    message.string = tuple(given) if isinstance(given, list) else (given, given)
            elif not message.string:
                message.string = str(given)
        _write(catalog, po_path(language))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command == "all":
        update(extract())
        compile_all()
    elif command == "compile":
        compile_all()
    elif command == "merge" and len(argv) == 2:
        update(extract())
        merge(Path(argv[1]))
        compile_all()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
