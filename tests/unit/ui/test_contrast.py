"""Text and borders in both themes meet WCAG 2.x AA contrast, on the colours Flutter really draws.

The app's colours come from Flutter's ``ColorScheme.fromSeed`` (Flet 1.0.5 passes
``color_scheme_seed`` straight to ``ThemeData``): Material's tonal-spot scheme at the standard
contrast level, from Google's material_color_utilities. The Flutter web client Flet 1.0.5 ships
uses that package's 2021 colour spec (its compiled client carries no 2025 spec), so the
colours are computed here with the Python port (``materialyoucolor``) on the 2021 spec. The
port's own default is the 2025 spec, whose colours differ; tests/e2e/test_theme_render.py checks
in a real browser that the rendered page matches these numbers.

Any role the app overrides in ``theme.py`` (an ``ft.ColorScheme``) replaces the computed one.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import pytest
from materialyoucolor.dynamiccolor.material_dynamic_colors import MaterialDynamicColors
from materialyoucolor.hct.hct import Hct
from materialyoucolor.scheme.scheme_tonal_spot import SchemeTonalSpot

from companion.ui.kit import theme

FLUTTER_SPEC = "2021"  # material_color_utilities 0.11.x, as in Flutter 3.x
FLUTTER_CONTRAST_LEVEL = 0.0  # ColorScheme.fromSeed's default

AA_TEXT = 4.5  # normal text
AA_LARGE = 3.0  # large text (18 pt, or 14 pt bold) and user-interface components, e.g. borders

# (foreground, background, minimum ratio, where the app uses it)
PAIRS: list[tuple[str, str, float, str]] = [
    ("on_surface", "surface", AA_TEXT, "body text and headings"),
    ("on_surface_variant", "surface", AA_TEXT, "muted small text (common.small, body(muted=True))"),
    ("primary", "surface", AA_TEXT, "TextButtons and links"),
    ("on_primary", "primary", AA_TEXT, "FilledButton labels"),
    ("on_secondary_container", "secondary_container", AA_TEXT, "cards like What I'm bringing, chips"),
    ("on_surface", "secondary_container", AA_TEXT, "plain text inside secondary-container cards"),
    ("on_surface_variant", "secondary_container", AA_TEXT, "small() notes inside those cards"),
    ("on_primary_container", "primary_container", AA_TEXT, "primary-container surfaces"),
    ("on_surface", "primary_container", AA_LARGE, "the breathing phase word on the circle (large)"),
    ("on_surface", "tertiary_container", AA_TEXT, "the demo notes"),
    ("on_surface", "error_container", AA_TEXT, "the 'in danger right now' box on Need help now"),
    ("on_surface", "surface_container_highest", AA_TEXT, "journal tags"),
    ("on_surface_variant", "surface_container_highest", AA_TEXT, "field labels on filled surfaces"),
    ("on_surface", "surface_container_high", AA_TEXT, "dialog text"),
    ("primary", "surface_container_high", AA_TEXT, "dialog buttons"),
    ("on_surface_variant", "surface_container", AA_TEXT, "navigation bar labels"),
    ("inverse_on_surface", "inverse_surface", AA_TEXT, "snack bar text"),
    ("inverse_primary", "inverse_surface", AA_TEXT, "snack bar action (Undo)"),
    ("error", "surface", AA_TEXT, "error messages, Delete buttons"),
    ("on_error", "error", AA_TEXT, "the confirmed Delete everything button"),
    ("outline", "surface", AA_LARGE, "borders of fields, menus and outlined buttons"),
]

MODES = ("light", "dark")


def _camel(snake: str) -> str:
    return re.sub(r"_(\w)", lambda m: m.group(1).upper(), snake)


@cache
def flutter_scheme(mode: str) -> dict[str, str]:
    """Every colour role of ``ColorScheme.fromSeed(theme.SEED)`` as "#RRGGBB", by snake_case name."""
    scheme = SchemeTonalSpot(
        Hct.from_int(0xFF000000 | int(theme.SEED.lstrip("#"), 16)),
        is_dark=mode == "dark",
        contrast_level=FLUTTER_CONTRAST_LEVEL,
        spec_version=FLUTTER_SPEC,
    )
    colors = MaterialDynamicColors(spec=FLUTTER_SPEC)
    roles = {
        "surface",
        "on_surface",
        "on_surface_variant",
        "surface_container",
        "surface_container_low",
        "surface_container_high",
        "surface_container_highest",
        "inverse_surface",
        "inverse_on_surface",
        "inverse_primary",
        "outline",
        "outline_variant",
        *(
            f"{on}{part}{suffix}"
            for part in ("primary", "secondary", "tertiary", "error")
            for on in ("", "on_")
            for suffix in ("", "_container")
        ),
    }
    return {role: "#%06X" % (getattr(colors, _camel(role)).get_argb(scheme) & 0xFFFFFF) for role in roles}


def app_scheme(mode: str) -> dict[str, str]:
    """Flutter's colours with whatever theme.py overrides on top."""
    colors = dict(flutter_scheme(mode))
    built = theme.light() if mode == "light" else theme.dark()
    if built.color_scheme is not None:
        for field in dataclasses.fields(built.color_scheme):
            value = getattr(built.color_scheme, field.name)
            if isinstance(value, str) and value.startswith("#"):
                colors[field.name] = value.upper()
    return colors


def relative_luminance(hex_color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    value = hex_color.lstrip("#")

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast_table() -> str:
    """A Markdown table of every pair; ``pytest tests/test_contrast.py -s -k table`` prints it."""
    lines = ["| foreground / background | light | dark | needs |", "|---|---|---|---|"]
    light, dark = app_scheme("light"), app_scheme("dark")
    for fg, bg, minimum, _where in PAIRS:
        lines.append(
            f"| {fg} / {bg} | {contrast(light[fg], light[bg]):.2f} ({light[fg]} on {light[bg]}) "
            f"| {contrast(dark[fg], dark[bg]):.2f} ({dark[fg]} on {dark[bg]}) | {minimum} |"
        )
    return "\n".join(lines)


# --- the calculator itself ---------------------------------------------------------------------


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_scheme_is_flutters_2021_tonal_spot_not_the_ports_2025_default() -> None:
    """Known values of ColorScheme.fromSeed(#3F7F78) (the light surface is also the splash colour)."""
    light, dark = flutter_scheme("light"), flutter_scheme("dark")
    assert light["surface"] == "#F4FBF8"
    assert light["primary"] == "#006A63"
    assert light["on_surface_variant"] == "#3F4947"
    assert dark["surface"] == "#0E1514"
    assert dark["primary"] == "#81D5CB"
    assert dark["on_surface_variant"] == "#BEC9C6"


# --- the app's colours ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("fg", "bg", "minimum", "where"), PAIRS, ids=[f"{p[0]}-on-{p[1]}" for p in PAIRS])
def test_colour_pair_meets_wcag_aa(mode: str, fg: str, bg: str, minimum: float, where: str) -> None:
    colors = app_scheme(mode)
    ratio = contrast(colors[fg], colors[bg])
    assert ratio >= minimum, (
        f"{mode}: {fg} {colors[fg]} on {bg} {colors[bg]} is {ratio:.2f}:1, needs {minimum}:1 ({where})"
    )


def test_print_contrast_table() -> None:
    table = contrast_table()
    print("\n" + table)
    assert table.count("\n") == len(PAIRS) + 1
