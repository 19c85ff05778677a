"""Which fallback font files Flutter's web engine (as shipped in flet-web) would fetch for some text.

The Flutter web client draws characters its own fonts lack (emoji, CJK, Arabic, Hebrew, ...)
with Noto fonts it downloads on demand from ``fontFallbackBaseUrl`` + a path compiled into
``main.dart.js``, e.g. ``notosansarabic/v28/<hash>.woff2`` (default base
``https://fonts.gstatic.com/s/``, which Companion's Content-Security-Policy blocks, so those
characters show as boxes). To serve local copies we must know those exact paths. The engine
keeps them in three compact tables (``font_fallback_data`` in the Flutter engine): the font
list (name, path), the "components" (sets of fonts that cover the same code points) and a
run-length map from code point ranges to components. This script decodes them.

Run:  .venv/bin/python build_scripts/flutter_font_fallbacks.py "😢🙂 今日は حزين שלום"

For each character it prints the candidate fonts and their paths. When several fonts cover a
character (CJK: Noto Sans SC, TC, HK, JP and KR slices) the engine picks by the browser's
language first (zh-Hans/zh-CN -> SC, zh-Hant/zh-TW -> TC, zh-HK -> HK, ja -> JP, ko -> KR),
otherwise the font covering the most missing characters, then Noto Sans Symbols, then SC.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ALL_CODE_POINTS = 0x110000


@dataclass(frozen=True)
class FallbackTable:
    fonts: list[tuple[str, str]]  # (name, path under fontFallbackBaseUrl)
    components: list[list[int]]  # each: indexes into fonts
    bounds: list[int]  # exclusive upper code point of each range
    range_components: list[int]  # the component of each range

    def fonts_for(self, code: int) -> list[tuple[str, str]]:
        index = bisect.bisect_right(self.bounds, code)
        return [self.fonts[f] for f in self.components[self.range_components[index]]]


def main_dart_js() -> Path:
    import flet_web

    return Path(flet_web.__file__).parent / "web" / "main.dart.js"


def _quoted_after(source: str, marker: str) -> str:
    start = source.index(marker) + len(marker)
    return source[start : source.index('"', start)]


def _font_set(item: str) -> list[int]:
    """One component: lowercase letters are steps (with a decimal prefix x26) to the next font."""
    fonts, last, prefix = [], -1, 0
    for char in item:
        if "a" <= char <= "z":
            last = last + prefix * 26 + (ord(char) - 97) + 1
            fonts.append(last)
            prefix = 0
        else:
            prefix = prefix * 10 + int(char)
    return fonts


def _ranges(encoded: str) -> tuple[list[int], list[int]]:
    """Uppercase letter: a range of the current length for component (prefix x26 + letter);
    lowercase letter: the next range's length (prefix x26 + letter + 2); digits: a prefix."""
    bounds, components = [], []
    end, prefix, length = 0, 0, 1
    for char in encoded:
        if "A" <= char <= "Z":
            end += length
            bounds.append(end)
            components.append(prefix * 26 + ord(char) - 65)
            prefix, length = 0, 1
        elif "a" <= char <= "z":
            length = prefix * 26 + ord(char) - 97 + 2
            prefix = 0
        else:
            prefix = prefix * 10 + int(char)
    if end != ALL_CODE_POINTS:
        raise SystemExit("main.dart.js changed shape: the code point map does not cover Unicode")
    return bounds, components


@cache
def load(path: Path | None = None) -> FallbackTable:
    source = (path or main_dart_js()).read_text(encoding="utf-8")
    start = source.index('A.z("Noto Color Emoji 0"')  # the font list starts with the emoji slices
    end = source.index("])", start)
    fonts = re.findall(r'A\.z\("([^"]+)","([^"]+)"\)', source[start:end])
    components = [_font_set(item) for item in _quoted_after(source, 'f.b4u("').split(",")]
    bounds, range_components = _ranges(_quoted_after(source, 'A.do1("'))
    return FallbackTable(fonts, components, bounds, range_components)


def main(texts: list[str]) -> None:
    table = load()
    print(f"{len(table.fonts)} fonts, {len(table.components)} components, {len(table.bounds)} ranges")
    for text in texts:
        for char in dict.fromkeys(text):
            if ord(char) < 160:
                continue  # the engine never looks these up
            paths = [f"{name}: {path}" for name, path in table.fonts_for(ord(char))]
            print(f"U+{ord(char):04X} {char}  " + ("; ".join(paths) or "(no fallback font)"))


if __name__ == "__main__":
    main(sys.argv[1:])
