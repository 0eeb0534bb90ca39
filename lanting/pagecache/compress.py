"""Pages sent compressed (gzip) when the browser accepts it; off with ``LANTING_COMPRESS=0``.

A guest's kept page is compressed once, when it is kept, and every hit sends that copy.
Its view counter changes at every hit, so the copy is kept in two pieces, the text before
the counter and the text after it, each compressed on its own (the first ends with a full
flush, so the second can follow it). A hit writes the count between them as a stored
(uncompressed) deflate block of a few bytes and works out the gzip trailer's CRC-32 from
the pieces' own: CRC-32 is linear, so the CRC of ``head + count`` carried past the tail's
length is a fixed linear map of 32 bits (``_carry``), made once per tail length.

Everything else (members' pages, guests' pages that are not kept, JSON) is compressed as
it goes out, with Django's BREACH mitigation (random padding in the gzip header): a
member's page carries a CSRF token. A guest's kept page carries no secret.
"""

import struct
import zlib
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string

LEVEL = 6  # zlib's default: most of level 9's gain at a third of its time
MIN_BYTES = 200  # smaller bodies can grow when compressed
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time
_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/manifest+json",
    "application/javascript",
    "image/svg+xml",
)
_GZIP = _lazy_re_compile(r"(?:^|,)\s*(?:gzip|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*(?=,|$)", 0)

# A kept page's compressed copy: (head, tail, head CRC, head length, tail CRC, tail length,
# the count it was rendered with); a page with no counter is (whole gzip, b"", 0, 0, 0, 0, b"").
GzipCopy = tuple[bytes, bytes, int, int, int, int, bytes]


@lru_cache(maxsize=64)
def accepts_gzip(accept_encoding: str) -> bool:
    """``Accept-Encoding`` allows gzip (by name or ``*``, with a q above 0)."""
    for match in _GZIP.finditer(accept_encoding.lower()):
        quality = match[1]
        try:
            if quality is None or float(quality) > 0:
                return True
        except ValueError:
            continue
    return False


def wants_gzip(meta: Any) -> bool:
    return bool(settings.LANTING_COMPRESS) and accepts_gzip(meta.get("HTTP_ACCEPT_ENCODING", ""))


def gzip_etag(etag: str) -> str:
    """The ETag of a page's gzip copy (another representation: another tag, as Apache does)."""
    return f'{etag[:-1]}-gzip"' if etag.endswith('"') else etag


def _deflate(data: bytes, mode: int, before: bytes = b"") -> bytes:
    if before:  # what comes before: the data may point back into it
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=before)
    else:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(mode)


def keep_gzip(body: bytes, counter_at: tuple[int, int] | None) -> GzipCopy:
    """The compressed copy of a kept page; ``counter_at`` is where its view count stands."""
    if counter_at is None:
        return (zlib.compress(body, LEVEL, wbits=31), b"", 0, 0, 0, 0, b"")
    start, end = counter_at
    head, tail = body[:start], body[end:]
    # The tail may point back into the head across the count, so a count of the same width
    # must stand between them (the NULs, which no page holds, can be no match's source);
    # a count of another width (999 → 1000 views) renders the page afresh (``gzip_body``).
    before = b"" if b"\x00" in tail else (head + bytes(end - start))[-(1 << zlib.MAX_WBITS) :]
    return (
        _GZIP_HEADER + _deflate(head, zlib.Z_FULL_FLUSH),
        _deflate(tail, zlib.Z_FINISH, before),
        zlib.crc32(head),
        len(head),
        zlib.crc32(tail),
        len(tail),
        body[start:end],
    )


def gzip_body(copy: GzipCopy, count: bytes | None = None) -> bytes | None:
    """The gzip body of a kept page showing ``count`` (None: the count it was rendered with);
    None when the count is wider or narrower than the one it was rendered with."""
    head, tail, head_crc, head_length, tail_crc, tail_length, rendered = copy
    if not tail:
        return head
    digits = rendered if count is None else count
    if len(digits) != len(rendered):
        return None
    crc = _carry(zlib.crc32(digits, head_crc), tail_length) ^ tail_crc
    size = (head_length + len(digits) + tail_length) & 0xFFFFFFFF
    length = len(digits)  # a stored block: BFINAL 0, BTYPE 00, then LEN and its complement
    stored = b"\x00" + struct.pack("<HH", length, length ^ 0xFFFF) + digits
    return b"".join((head, stored, tail, struct.pack("<II", crc, size)))


def gzip_size(copy: GzipCopy | None) -> int:
    return 0 if copy is None else len(copy[0]) + len(copy[1])


def _carry(crc: int, length: int) -> int:
    """How a CRC-32 moves when ``length`` more bytes follow: ``crc32(tail, crc)`` is
    ``_carry(crc, len(tail)) ^ crc32(tail)``."""
    t = _carry_tables(length)
    return (
        t[crc & 15]
        ^ t[16 | (crc >> 4 & 15)]
        ^ t[32 | (crc >> 8 & 15)]
        ^ t[48 | (crc >> 12 & 15)]
        ^ t[64 | (crc >> 16 & 15)]
        ^ t[80 | (crc >> 20 & 15)]
        ^ t[96 | (crc >> 24 & 15)]
        ^ t[112 | (crc >> 28)]
    )


_POLY = 0xEDB88320  # CRC-32's polynomial, bit-reversed as zlib holds it


@lru_cache(maxsize=2048)
def _carry_tables(length: int) -> tuple[int, ...]:
    """The linear map ``_carry`` applies, as eight tables of sixteen (one per four bits).

    ``crc32(zeros, c) == M(c) ^ crc32(zeros, 0)``: M multiplies by x^(8·length) modulo the
    polynomial. Bit 31 stands for x^0 and each lower bit for one more power of x, so M's
    column for bit i - 1 is its column for bit i times x: one shift and one xor each.
    """
    zeros = bytes(length)
    column = zlib.crc32(zeros, 1 << 31) ^ zlib.crc32(zeros, 0)
    columns = [0] * 32
    for bit in range(31, -1, -1):
        columns[bit] = column
        column = (column >> 1) ^ _POLY if column & 1 else column >> 1
    tables = [0] * 128
    for value in range(1, 128):  # value's table entry: one column more than a smaller one's
        low = (value & 15) & -(value & 15)
        if low:
            tables[value] = tables[value ^ low] ^ columns[4 * (value >> 4) + low.bit_length() - 1]
    return tuple(tables)


def compress_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Compress what goes out as it goes (a member's page, JSON), when it pays."""
    if (
        not settings.LANTING_COMPRESS
        or getattr(response, "streaming", False)
        or response.has_header("Content-Encoding")
        or not response.get("Content-Type", "").startswith(_TYPES)
        or len(response.content) < MIN_BYTES
    ):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    if not accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return response
    compressed = compress_string(response.content, max_random_bytes=100)
    if len(compressed) >= len(response.content):
        return response
    response.content = compressed
    response["Content-Length"] = str(len(compressed))
    response["Content-Encoding"] = "gzip"
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = gzip_etag(etag)
    return response
