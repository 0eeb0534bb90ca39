"""Discuz! BBCode ("discuzcode") turned into safe HTML.

Discuz! renders BBCode with a chain of regular expressions that swap each tag for HTML on its
own, so ``[b]x`` leaves an open ``<strong>`` and mis-nested tags reach the browser as they are.
Here a tokenizer feeds a stack instead, which keeps the HTML well formed and the work linear:

* A tag that is never closed is shown as the text it was (``[b]bold`` stays ``[b]bold``), and
  so is a stray closing tag, an unknown tag, a tag with a bad value and a tag nested deeper
  than ``MAX_DEPTH``.
* A closing tag closes whatever was opened inside it. The closer of formatting (``[b] [i] [u]
  [s] [color] [size] [font] [backcolor]`` and links) opens the formatting it closed this way
  again after itself, as a browser does with Discuz!'s own mis-nested HTML:
  ``[b][i]x[/b]y[/i]`` renders as ``<strong><i>x</i></strong><i>y</i>``. It cannot reach out
  of a block (``[quote]``, ``[align]``, a table cell ...); there it is shown as text.
* A block's closer ends what was left open inside it for good, and the closer that comes
  for it later is dropped: ``[align=center][b]x[/align][/b]`` is a centred bold x.
* ``[*]``, ``[tr]`` and ``[td]`` close their open sibling, as ``<li>`` and ``<td>`` do in HTML.
* ``[code]``, ``[img]``, ``[url]x[/url]``, ``[attach]`` and the media tags take their contents
  verbatim, up to the first matching closer.

The result is cleaned once more by ``sanitize_bbcode_html``, so callers can trust it.
"""

from lanting.markup.bbcode.render import bbcode_to_html
from lanting.markup.bbcode.sanitize import sanitize_bbcode_html
from lanting.markup.bbcode.tags import HIDDEN_CONTENT_NOTICE, MAX_DEPTH, AttachmentRef
from lanting.markup.smilies import DEFAULT_SMILIES

__all__ = [
    "DEFAULT_SMILIES",
    "HIDDEN_CONTENT_NOTICE",
    "MAX_DEPTH",
    "AttachmentRef",
    "bbcode_to_html",
    "sanitize_bbcode_html",
]
