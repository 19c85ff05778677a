"""Write assets/fallback-fonts/: local copies of the fonts Flutter's web engine fetches for
characters its own fonts lack, at the exact paths it asks for under ``fontFallbackBaseUrl``.

Flutter downloads these on demand from Google's font CDN by default; Companion's
Content-Security-Policy blocks that, so emoji, CJK, Arabic and Hebrew showed as boxes.
assets/index.html points ``fontFallbackBaseUrl`` at ``/fallback-fonts/`` instead, and this
script fills that folder (paths decoded by build_scripts/flutter_font_fallbacks.py):

- emoji: every "Noto Color Emoji" slice is cut from our black-and-white Noto Emoji (OFL,
  assets/fonts). The colour slices of ``@fontsource/noto-color-emoji`` 5.3.2 have the engine's
  slicing, but they are COLRv1 and were drawn blank by the web client (CanvasKit), so they are
  off (``COLOUR_SLICES``); a colour set would need CBDT files (e.g. Debian's
  fonts-noto-color-emoji) cut to the same slices;
- CJK: Droid Sans Fallback cut into the engine's Noto Sans SC slices (a browser not set to
  Japanese, Korean or traditional Chinese picks SC for ideographs and kana);
- Arabic, Hebrew: DejaVu Sans cut to the engine's Noto Sans Arabic / Hebrew coverage;
- Noto Sans (the font the engine picks for Devanagari, polytonic Greek, Cyrillic and Latin
  beyond what flet-web's Roboto has: on a tie it takes the font listed first, and Noto Sans
  comes before Noto Sans Devanagari): Google Fonts' full Noto Sans from
  ``@expo-google-fonts/noto-sans`` (``400Regular/NotoSans_400Regular.ttf``) cut to the engine's
  coverage; modern Greek and Cyrillic are already in Roboto and fetch nothing;
- Devanagari (Vedic signs and the rest Noto Sans lacks), Thai: the Devanagari and Thai subsets
  of ``@fontsource/noto-sans-devanagari`` and ``@fontsource/noto-sans-thai``, unchanged (they
  cover all the engine fetches them for that Roboto lacks).

Every file is a TrueType or WOFF2 font whatever its name says; CanvasKit reads fonts by their
content. Cut fonts are written as WOFF2 where the ``brotli`` module can be imported, else as
TrueType. Licences: assets/fonts/LICENSES.md (all OFL, Apache 2.0 or the Bitstream Vera licence).

Run:  .venv/bin/python build_scripts/make_fallback_fonts.py [node_modules folder holding
      @fontsource/noto-color-emoji, @fontsource/noto-sans-devanagari, @fontsource/noto-sans-thai
      and @expo-google-fonts/noto-sans]
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flutter_font_fallbacks import load  # noqa: E402 - the sibling script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "fallback-fonts"
FONTS = ROOT / "assets" / "fonts"
COLOUR_SLICES: range = range(0)  # COLRv1 slices to copy as they are: none (drawn blank)
# Engine font name -> a file of an npm package copied unchanged (a woff2 subset that covers all
# the engine fetches the font for, less what Roboto has).
COPIED = {
    "Noto Sans Devanagari": "@fontsource/noto-sans-devanagari/files/"
    "noto-sans-devanagari-devanagari-400-normal.woff2",
    "Noto Sans Thai": "@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff2",
}
NOTO_SANS = "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"


def coverage() -> dict[str, tuple[str, set[int]]]:
    """Each engine font's name -> (its path, the code points the engine fetches it for)."""
    table = load()
    covered: dict[str, tuple[str, set[int]]] = {name: (path, set()) for name, path in table.fonts}
    start = 0
    for end, component in zip(table.bounds, table.range_components, strict=True):
        for font in table.components[component]:
            covered[table.fonts[font][0]][1].update(range(start, end))
        start = end
    return covered


def cut(source: Path, codes: set[int], target: Path) -> bool:
    """Write ``source`` cut down to ``codes`` (keeping its shaping tables) as a TrueType file."""
    with TTFont(source, lazy=True) as font:
        wanted = codes & set(font.getBestCmap())
    if not wanted:
        return False
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    if importlib.util.find_spec("brotli"):
        options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    return True


def main(node_modules: Path) -> None:
    colour_package = node_modules / "@fontsource" / "noto-color-emoji"
    if OUT.exists():
        shutil.rmtree(OUT)
    written = 0
    for name, (path, codes) in coverage().items():
        target = OUT / path
        if name.startswith("Noto Color Emoji "):
            number = int(name.rsplit(" ", 1)[1])
            if number in COLOUR_SLICES:
                target.parent.mkdir(parents=True, exist_ok=True)
                source = colour_package / "files" / f"noto-color-emoji-{number}-400-normal.woff2"
                shutil.copyfile(source, target)
                written += 1
            else:
                written += cut(FONTS / "NotoEmoji-Regular.ttf", codes, target)
        elif name.startswith("Noto Sans SC "):
            written += cut(FONTS / "DroidSansFallback.ttf", codes, target)
        elif name in ("Noto Sans Arabic", "Noto Sans Hebrew"):
            written += cut(FONTS / "DejaVuSans.ttf", codes, target)
        elif name == "Noto Sans":
            written += cut(node_modules / NOTO_SANS, codes, target)
        elif name in COPIED:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(node_modules / COPIED[name], target)
            written += 1
    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"wrote {written} files, {size / 1e6:.1f} MB, under {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("node_modules"))
