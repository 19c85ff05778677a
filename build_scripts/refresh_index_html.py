"""Write assets/index.html: Flet's web page plus Companion's privacy policy and title.

Run after upgrading Flet:  python build_scripts/refresh_index_html.py
A test checks the committed file equals what this script produces.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "assets" / "index.html"

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
  <!-- companion:end -->
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
)


def upstream_index() -> str:
    import flet_web

    return (Path(flet_web.__file__).parent / "web" / "index.html").read_text(encoding="utf-8")


def build(upstream: str) -> str:
    marker = '  <meta charset="UTF-8">\n'
    if marker not in upstream:
        raise SystemExit("Flet's index.html changed shape: update build_scripts/refresh_index_html.py")
    page = upstream.replace(marker, marker + ADDITION, 1)
    for old, new in REPLACEMENTS:
        page = page.replace(old, new)
    return page


if __name__ == "__main__":
    OUT.write_text(build(upstream_index()), encoding="utf-8")
    print(f"wrote {OUT}")
