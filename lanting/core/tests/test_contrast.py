"""Colour contrast of site.css, light and dark, against WCAG 2.x AA (4.5:1 for body text)."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[1] / "static" / "core" / "site.css"
AA_TEXT = 4.5

# (foreground, background): text, quieter text and links on the page and on
# the soft background of the header, footer and panels; button and nav text.
PAIRS = [
    ("--text", "--bg"),
    ("--muted", "--bg"),
    ("--accent", "--bg"),
    ("--text", "--bg-soft"),
    ("--muted", "--bg-soft"),
    ("--accent", "--bg-soft"),
    ("--accent-text", "--accent"),
    ("--error", "--bg"),
    ("--digest", "--bg-soft"),
]


def _variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;", block))


def _schemes() -> dict[str, dict[str, str]]:
    css = CSS.read_text()
    light = re.search(r"^:root\s*\{(.*?)\}", css, re.MULTILINE | re.DOTALL)
    dark = re.search(
        r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", css, re.DOTALL
    )
    assert light and dark, "site.css has no light :root block or no dark one"
    light_colours = _variables(light.group(1))
    return {"light": light_colours, "dark": {**light_colours, **_variables(dark.group(1))}}


def _luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(2 * digit for digit in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted([_luminance(first), _luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#fff", "#fff") == pytest.approx(1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("foreground", "background"), PAIRS)
def test_text_colours_meet_wcag_aa(scheme, foreground, background):
    colours = _schemes()[scheme]
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= AA_TEXT, (
        f"{scheme}: {foreground} {colours[foreground]} on {background} {colours[background]} "
        f"is {ratio:.2f}:1, below {AA_TEXT}:1"
    )


def test_both_schemes_define_every_colour_they_use():
    light, dark = _schemes()["light"], _schemes()["dark"]
    css = CSS.read_text()
    dark_block = css[css.index("prefers-color-scheme: dark") :]
    dark_own = _variables(dark_block[: dark_block.index("}")])
    used = {name for pair in PAIRS for name in pair}
    assert used <= set(light)
    assert used <= set(dark_own), "a colour keeps its light value in the dark scheme"
    assert light != dark
