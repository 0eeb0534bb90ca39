"""Values inside BBCode tags (URLs, colours, sizes, fonts): each checked, or refused."""

import html
import re
from collections.abc import Callable

_CSS_COLOUR_NAMES = frozenset(
    {
        "aliceblue",
        "antiquewhite",
        "aqua",
        "aquamarine",
        "azure",
        "beige",
        "bisque",
        "black",
        "blanchedalmond",
        "blue",
        "blueviolet",
        "brown",
        "burlywood",
        "cadetblue",
        "chartreuse",
        "chocolate",
        "coral",
        "cornflowerblue",
        "cornsilk",
        "crimson",
        "cyan",
        "darkblue",
        "darkcyan",
        "darkgoldenrod",
        "darkgray",
        "darkgreen",
        "darkgrey",
        "darkkhaki",
        "darkmagenta",
        "darkolivegreen",
        "darkorange",
        "darkorchid",
        "darkred",
        "darksalmon",
        "darkseagreen",
        "darkslateblue",
        "darkslategray",
        "darkslategrey",
        "darkturquoise",
        "darkviolet",
        "deeppink",
        "deepskyblue",
        "dimgray",
        "dimgrey",
        "dodgerblue",
        "firebrick",
        "floralwhite",
        "forestgreen",
        "fuchsia",
        "gainsboro",
        "ghostwhite",
        "gold",
        "goldenrod",
        "gray",
        "green",
        "greenyellow",
        "grey",
        "honeydew",
        "hotpink",
        "indianred",
        "indigo",
        "ivory",
        "khaki",
        "lavender",
        "lavenderblush",
        "lawngreen",
        "lemonchiffon",
        "lightblue",
        "lightcoral",
        "lightcyan",
        "lightgoldenrodyellow",
        "lightgray",
        "lightgreen",
        "lightgrey",
        "lightpink",
        "lightsalmon",
        "lightseagreen",
        "lightskyblue",
        "lightslategray",
        "lightslategrey",
        "lightsteelblue",
        "lightyellow",
        "lime",
        "limegreen",
        "linen",
        "magenta",
        "maroon",
        "mediumaquamarine",
        "mediumblue",
        "mediumorchid",
        "mediumpurple",
        "mediumseagreen",
        "mediumslateblue",
        "mediumspringgreen",
        "mediumturquoise",
        "mediumvioletred",
        "midnightblue",
        "mintcream",
        "mistyrose",
        "moccasin",
        "navajowhite",
        "navy",
        "oldlace",
        "olive",
        "olivedrab",
        "orange",
        "orangered",
        "orchid",
        "palegoldenrod",
        "palegreen",
        "paleturquoise",
        "palevioletred",
        "papayawhip",
        "peachpuff",
        "peru",
        "pink",
        "plum",
        "powderblue",
        "purple",
        "rebeccapurple",
        "red",
        "rosybrown",
        "royalblue",
        "saddlebrown",
        "salmon",
        "sandybrown",
        "seagreen",
        "seashell",
        "sienna",
        "silver",
        "skyblue",
        "slateblue",
        "slategray",
        "slategrey",
        "snow",
        "springgreen",
        "steelblue",
        "tan",
        "teal",
        "thistle",
        "tomato",
        "turquoise",
        "violet",
        "wheat",
        "white",
        "whitesmoke",
        "yellow",
        "yellowgreen",
    }
)
_HEX_COLOUR = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
# The Discuz! editor writes colours picked in the browser as rgb(r, g, b).
_RGB_COLOUR = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")
# Discuz!'s [size=1]…[size=7] were <font size>; these are the CSS keywords for them.
_SIZE_KEYWORDS = ("x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large")
_SIZE_LENGTH = re.compile(r"(\d{1,3})(?:\.\d{1,2})?(px|pt)")
_FONT_FAMILY = re.compile(r"\w[\w \-,]{0,63}")
_WIDTH = re.compile(r"(\d{1,4})(px|%)")
_ALIGNMENTS = frozenset({"left", "center", "right", "justify"})

_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HTTP_URL = re.compile(r"https?://[^/?#]", re.IGNORECASE)
# Discuz!'s own relative links, such as the forum.php?mod=redirect&goto=findpost&pid=… in every
# reply quote; served from the site root so a redirect view can answer them.
_DISCUZ_PAGE = re.compile(r"[A-Za-z0-9_]+\.php(?:[?#]|$)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}")


def _clamp(number: int, low: int, high: int) -> int:
    return max(low, min(high, number))


def _css_colour(value: str) -> str | None:
    value = value.strip().lower()
    if value in _CSS_COLOUR_NAMES or _HEX_COLOUR.fullmatch(value):
        return value
    rgb = _RGB_COLOUR.fullmatch(value)
    if rgb and all(int(part) <= 255 for part in rgb.groups()):
        return "#" + "".join(f"{int(part):02x}" for part in rgb.groups())
    return None


def _css_font_size(value: str) -> str | None:
    value = value.strip().lower()
    if value in _SIZE_KEYWORDS:
        return value
    length = _SIZE_LENGTH.fullmatch(value)
    if length is None:
        return None
    return f"{_clamp(int(length[1]), 8, 48)}{length[2]}"


def _css_font_family(value: str) -> str | None:
    value = " ".join(value.replace('"', "").replace("'", "").split())
    return value if _FONT_FAMILY.fullmatch(value) else None


def _css_keyword(allowed: frozenset[str]) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        value = value.strip().lower()
        return value if value in allowed else None

    return check


def _css_width(value: str) -> str | None:
    width = _WIDTH.fullmatch(value.strip().lower())
    if width is None:
        return None
    number = int(width[1])
    if width[2] == "%":
        return f"{_clamp(number, 1, 100)}%"
    return f"{_clamp(number, 1, 2000)}px"


def _css_number(unit: str, high: int) -> Callable[[str], str | None]:
    pattern = re.compile(r"(\d{1,3})" + re.escape(unit))

    def check(value: str) -> str | None:
        number = pattern.fullmatch(value.strip().lower())
        return f"{_clamp(int(number[1]), 0, high)}{unit}" if number else None

    return check


# Every style property the renderer writes, with the check its value must pass. The sanitizer
# runs the same checks again, so nothing else can ride along in a style attribute.
_STYLE_PROPERTIES: dict[str, Callable[[str], str | None]] = {
    "color": _css_colour,
    "background-color": _css_colour,
    "font-size": _css_font_size,
    "font-family": _css_font_family,
    "text-align": _css_keyword(_ALIGNMENTS),
    "float": _css_keyword(frozenset({"left", "right"})),
    "width": _css_width,
    "line-height": _css_number("px", 200),
    "text-indent": _css_number("em", 20),
}


def _clean_style(style: str) -> str | None:
    kept = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        check = _STYLE_PROPERTIES.get(name.strip().lower())
        cleaned = check(value) if check and colon else None
        if cleaned:
            kept.append(f"{name.strip().lower()}: {cleaned}")
    return "; ".join(kept) or None


def _style_attribute(**properties: str | None) -> str:
    declarations = [f"{name.replace('_', '-')}: {v}" for name, v in properties.items() if v]
    return f' style="{html.escape("; ".join(declarations))}"' if declarations else ""


def _safe_url(raw: str, *, allow_mailto: bool = True) -> str | None:
    """An http(s), mailto or site-relative URL; None for javascript:, data: and the rest."""
    url = raw.strip()
    if not url or len(url) > 2048 or _URL_FORBIDDEN.search(url):
        return None
    if url[:4].lower() == "www.":  # Discuz! links these as http://
        return "http://" + url
    scheme = _URL_SCHEME.match(url)
    if scheme:
        name = scheme[1].lower()
        url = name + url[len(name) :]
        if name in {"http", "https"}:
            return url if _HTTP_URL.match(url) else None
        if name == "mailto" and allow_mailto:
            return url if _EMAIL.fullmatch(url[7:].partition("?")[0]) else None
        return None
    if url.startswith("/") and not url.startswith("//"):
        return url
    if _DISCUZ_PAGE.match(url):
        return "/" + url
    return None


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)
