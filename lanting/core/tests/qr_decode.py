"""Read back the QR code a page shows: rasterize segno's SVG path, then decode it."""

import re

import zxingcpp
from PIL import Image, ImageDraw


def _find(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, f"{pattern} not in the SVG"
    return match.group(1)


def svg_to_image(svg: str, module_px: int = 8) -> Image.Image:
    """Draw segno's one-path SVG ("M x y" then runs of "h n" and "m dx dy")."""
    width = int(_find(r'viewBox="0 0 (\d+) \d+"', svg))
    scale = float(_find(r"scale\(([\d.]+)\)", svg))
    modules = round(width / scale)
    path = _find(r'class="qr-line"[^>]* d="([^"]+)"', svg)
    image = Image.new("L", (modules * module_px, modules * module_px), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, args in re.findall(r"([Mmh])([-\d.\s]+)", path):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:  # a horizontal run of dark modules on the row whose centre is y
            row = int(y - 0.5)
            draw.rectangle(
                [
                    x * module_px,
                    row * module_px,
                    (x + numbers[0]) * module_px - 1,
                    (row + 1) * module_px - 1,
                ],
                fill=0,
            )
            x += numbers[0]
    return image


def decode_svg(svg: str) -> str:
    results = zxingcpp.read_barcodes(svg_to_image(svg))
    assert results, "no QR code found"
    return str(results[0].text)
