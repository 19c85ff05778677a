"""Draw Companion's icon, splash images and favicon into assets/.

    python build_scripts/make_icons.py          # rewrite the files
    python build_scripts/make_icons.py --check  # exit 1 if a committed file differs

The mark is two soft circles leaning on each other; where they overlap they make a
leaf. One geometry (``Mark``) feeds both the PNGs, drawn with Pillow at 4x and scaled
down for smooth edges, and ``assets/icon.svg``, so the vector source always matches.

``flet build`` reads ``assets/icon.png`` (transparent, the mark nearly fills it) and
frames it per platform itself; the colour behind it where a platform needs an opaque
icon is ``icon_background`` in pyproject.toml, which must equal ``BACKGROUND`` here.
``splash.png`` / ``splash_dark.png`` are the launch images on a light and a dark
background (``[tool.flet.splash]`` colours). ``favicon.png`` is what ``companion --web``
shows in the browser tab (Flet serves assets/ ahead of its own files).
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SUPERSAMPLE = 4

SEED = "#3F7F78"  # companion/ui/kit/theme.py
BACKGROUND = "#E4F1ED"  # pale mint: iOS/macOS tile, Android adaptive background, maskable web icons


@dataclass(frozen=True)
class Palette:
    back: str  # the circle further away
    front: str  # the circle nearer
    leaf: str  # where they overlap
    vein: str


LIGHT = Palette(back="#B4D8D1", front="#86BDB3", leaf=SEED, vein="#6FA89F")
DARK = Palette(back="#27504B", front="#356760", leaf="#9AD3C9", vein="#79B3AA")


@dataclass(frozen=True)
class Mark:
    """Two equal circles whose centres sit on the top-left/bottom-right diagonal.

    All lengths are fractions of the canvas side. Their overlap is a lens whose long
    axis runs bottom-left to top-right: a leaf lifting to the right.
    """

    radius: float = 0.26
    half_gap: float = 0.195  # distance from the canvas centre to each circle centre
    vein_width: float = 0.012

    def centres(self, side: float) -> tuple[tuple[float, float], tuple[float, float]]:
        d = self.half_gap * side / math.sqrt(2)
        c = side / 2
        return (c - d, c - d), (c + d, c + d)

    def leaf_tips(self, side: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """Where the two circles cross: the ends of the leaf."""
        half_len = math.sqrt(self.radius**2 - self.half_gap**2) * side / math.sqrt(2)
        c = side / 2
        return (c - half_len, c + half_len), (c + half_len, c - half_len)

    def extent(self) -> float:
        """Distance from the centre to the farthest painted point, as a fraction of half the side."""
        return (self.half_gap + self.radius) / 0.5


MARK = Mark()


def _disc(size: int, centre: tuple[float, float], radius: float) -> Image.Image:
    mask = Image.new("L", (size, size), 0)
    x, y = centre
    ImageDraw.Draw(mask).ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    return mask


def draw_mark(size: int, palette: Palette, scale: float = 1.0, background: str | None = None) -> Image.Image:
    """The mark on a ``size`` square, shrunk by ``scale`` about the centre."""
    big = size * SUPERSAMPLE
    art = round(big * scale)
    offset = (big - art) / 2
    (ax, ay), (bx, by) = MARK.centres(art)
    r = MARK.radius * art
    back = _disc(big, (ax + offset, ay + offset), r)
    front = _disc(big, (bx + offset, by + offset), r)
    leaf = ImageChops.multiply(back, front)

    canvas = Image.new("RGBA", (big, big), background or (0, 0, 0, 0))
    canvas.paste(palette.back, (0, 0), back)
    canvas.paste(palette.front, (0, 0), front)
    canvas.paste(palette.leaf, (0, 0), leaf)

    # A thin midrib along the leaf, stopping short of both tips.
    (tx1, ty1), (tx2, ty2) = MARK.leaf_tips(art)
    inset = 0.22
    p1 = (tx1 + (tx2 - tx1) * inset + offset, ty1 + (ty2 - ty1) * inset + offset)
    p2 = (tx2 - (tx2 - tx1) * inset + offset, ty2 - (ty2 - ty1) * inset + offset)
    width = max(1, round(MARK.vein_width * art))
    vein = Image.new("L", (big, big), 0)
    vd = ImageDraw.Draw(vein)
    vd.line((p1, p2), fill=255, width=width)
    for x, y in (p1, p2):
        vd.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=255)
    canvas.paste(palette.vein, (0, 0), ImageChops.multiply(vein, leaf))

    # Average each 4x4 block with premultiplied alpha, so soft edges don't pick up
    # the colour of the transparent pixels around them.
    return canvas.convert("RGBa").reduce(SUPERSAMPLE).convert("RGBA")


def svg(palette: Palette = LIGHT, side: int = 1024) -> str:
    """The same mark as SVG (transparent background, like icon.png)."""
    (ax, ay), (bx, by) = MARK.centres(side)
    r = MARK.radius * side
    (tx1, ty1), (tx2, ty2) = MARK.leaf_tips(side)
    inset = 0.22
    p1 = (tx1 + (tx2 - tx1) * inset, ty1 + (ty2 - ty1) * inset)
    p2 = (tx2 - (tx2 - tx1) * inset, ty2 - (ty2 - ty1) * inset)

    def f(v: float) -> str:
        return f"{v:.2f}".rstrip("0").rstrip(".")

    # The leaf: the short arc of one circle from tip to tip, and back along the other's.
    leaf = (
        f"M {f(tx1)} {f(ty1)} A {f(r)} {f(r)} 0 0 1 {f(tx2)} {f(ty2)} "
        f"A {f(r)} {f(r)} 0 0 1 {f(tx1)} {f(ty1)} Z"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" '
        f'viewBox="0 0 {side} {side}">\n'
        "  <title>Companion</title>\n"
        "  <!-- Generated by build_scripts/make_icons.py: edit that, not this. -->\n"
        f'  <circle cx="{f(ax)}" cy="{f(ay)}" r="{f(r)}" fill="{palette.back}"/>\n'
        f'  <circle cx="{f(bx)}" cy="{f(by)}" r="{f(r)}" fill="{palette.front}"/>\n'
        f'  <path d="{leaf}" fill="{palette.leaf}"/>\n'
        f'  <line x1="{f(p1[0])}" y1="{f(p1[1])}" x2="{f(p2[0])}" y2="{f(p2[1])}" '
        f'stroke="{palette.vein}" stroke-width="{f(MARK.vein_width * side)}" stroke-linecap="round"/>\n'
        "</svg>\n"
    )


# name -> (size, how to draw it). The splash mark is kept inside the circle Android 12
# shows (2/3 of its canvas), so Android uses it whole instead of shrinking it again.
SPLASH_SCALE = 0.62
ICON_SIZE = 1024
SPLASH_SIZE = 1152  # Android 12 draws its splash icon at 288dp = 1152px on xxxhdpi
FAVICON_SIZE = 64


def render_all() -> dict[str, bytes]:
    images = {
        "icon.png": draw_mark(ICON_SIZE, LIGHT),
        "splash.png": draw_mark(SPLASH_SIZE, LIGHT, scale=SPLASH_SCALE),
        "splash_dark.png": draw_mark(SPLASH_SIZE, DARK, scale=SPLASH_SCALE),
        "favicon.png": draw_mark(FAVICON_SIZE, LIGHT),
    }
    out: dict[str, bytes] = {}
    for name, image in images.items():
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        out[name] = buf.getvalue()
    out["icon.svg"] = svg().encode("utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the files in assets/")
    args = parser.parse_args(argv)
    stale = []
    for name, data in render_all().items():
        path = ASSETS / name
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.write_bytes(data)
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python build_scripts/make_icons.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
