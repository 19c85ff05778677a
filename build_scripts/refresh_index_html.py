"""Write assets/index.html and assets/assets/FontManifest.json from Flet's web client.

index.html is Flet's page plus Companion's privacy policy, title and preloads; the font
manifest is Flet's without the fonts Companion never draws with. Flet's web server takes
both from the app's assets folder in place of its own.

Run after upgrading Flet:  python build_scripts/refresh_index_html.py
A test checks the committed files equal what this script produces.
"""

from __future__ import annotations

import json
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "assets"
OUT = ASSETS / "index.html"
FONT_MANIFEST = ASSETS / "assets" / "FontManifest.json"

# Flutter's engine downloads every font in the manifest before its first frame. Flet's lists
# 20 math fonts (for Markdown formulas) and Cupertino's icon font, ~900 KB Companion never
# shows: with them gone the unlock screen appears sooner. (Roboto is added back by Flet's
# server.) tests/unit/app/test_cli_and_assets.py checks no code asks for Cupertino icons.
UNUSED_FONT_FAMILIES = ("packages/flutter_math_fork/", "packages/cupertino_icons/")

# Fetched as soon as the page arrives instead of one after another as Flutter's loader asks:
# the wasm build and its renderer (what Chromium-based browsers run; others fall back to
# main.dart.js and only the download is spent), then the two fonts of the first frame,
# listed after the loader's script so they don't hold up its connection.
PRELOAD_CODE = """  <!-- fetched at once rather than when Flutter's loader gets to them -->
  <link rel="modulepreload" href="main.dart.mjs">
  <link rel="modulepreload" href="canvaskit/skwasm.js">
  <link rel="preload" href="main.dart.wasm" as="fetch" crossorigin>
  <link rel="preload" href="canvaskit/skwasm.wasm" as="fetch" crossorigin>
"""
PRELOAD_FONTS = """  <link rel="preload" href="assets/fonts/MaterialIcons-Regular.otf" as="fetch" crossorigin>
  <link rel="preload" href="assets/fonts/roboto.woff2" as="fetch" crossorigin>
"""

CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' blob:; "
    "worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:* blob: data:"
)

ADDITION = f"""  <!-- companion:begin - the browser may talk to this app's own server only. This stops
       the Flutter client's built-in request for a Rive script on a public CDN, and
       anything else that would leave the device. -->
  <meta http-equiv="Content-Security-Policy" content="{CSP}">
  <meta name="referrer" content="no-referrer">
{PRELOAD_CODE}  <!-- companion:end -->
"""

REPLACEMENTS = (
    (
        '<meta name="description" content="Flet application.">',
        '<meta name="description" content="Companion: a private space between therapy sessions.">',
    ),
    ("<title>Flet</title>", "<title>Companion</title>"),
    # Flutter fetches fonts for emoji, CJK, Arabic, Hebrew ... on demand; from our own server
    # (assets/fallback-fonts, made by build_scripts/make_fallback_fonts.py), not Google's CDN.
    ("fontFallbackBaseUrl: null,", 'fontFallbackBaseUrl: "/fallback-fonts/",'),
    # flet-web's server (no_cdn) injects its config here, with fontFallbackBaseUrl set to
    # "assets/fonts/", where it ships no such fonts; ours is set again right after it.
    (
        "  <!-- fletAppConfig -->\n",
        '  <!-- fletAppConfig -->\n  <script>flet.fontFallbackBaseUrl = "/fallback-fonts/";</script>\n',
    ),
    (
        '<meta name="apple-mobile-web-app-title" content="Flet">',
        '<meta name="apple-mobile-web-app-title" content="Companion">',
    ),
    (
        '  <script src="flutter_bootstrap.js" async></script>\n',
        '  <script src="flutter_bootstrap.js" async></script>\n' + PRELOAD_FONTS,
    ),
)


def _upstream(*parts: str) -> str:
    import flet_web

    return Path(flet_web.__file__).parent.joinpath("web", *parts).read_text(encoding="utf-8")


def upstream_index() -> str:
    return _upstream("index.html")


def upstream_font_manifest() -> str:
    return _upstream("assets", "FontManifest.json")


def font_manifest(upstream: str) -> str:
    families = [f for f in json.loads(upstream) if not f["family"].startswith(UNUSED_FONT_FAMILIES)]
    return json.dumps(families, indent=2) + "\n"


def build(upstream: str) -> str:
    marker = '  <meta charset="UTF-8">\n'
    if marker not in upstream:
        raise SystemExit("Flet's index.html changed shape: update build_scripts/refresh_index_html.py")
    page = upstream.replace(marker, marker + ADDITION, 1)
    for old, new in REPLACEMENTS:
        if old not in page:
            raise SystemExit(f"Flet's index.html changed shape ({old.strip()!r} is gone): update this script")
        page = page.replace(old, new)
    return page


if __name__ == "__main__":
    OUT.write_text(build(upstream_index()), encoding="utf-8")
    FONT_MANIFEST.parent.mkdir(exist_ok=True)
    FONT_MANIFEST.write_text(font_manifest(upstream_font_manifest()), encoding="utf-8")
    print(f"wrote {OUT} and {FONT_MANIFEST}")
