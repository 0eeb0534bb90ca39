import io
from functools import lru_cache

import segno


@lru_cache(maxsize=2048)
def qr_svg(url: str, *, title: str = "") -> str:
    """An inline SVG QR code of ``url`` (made once per URL and kept in memory).

    "" for an address too long for any QR code (a 404 for a 5,000-character
    link must not become a 500).
    """
    try:
        code = segno.make(url, error="m")
    except segno.DataOverflowError:
        return ""
    out = io.BytesIO()
    # No fixed width and height: the viewBox lets CSS size the code to its box.
    code.save(
        out,
        omitsize=True,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=3,
        border=2,
        title=title or None,
        svgclass="qr",
        lineclass="qr-line",
        dark="#1a1a1a",
        light="#fff",
    )
    return out.getvalue().decode()
