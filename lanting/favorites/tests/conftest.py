"""The same board, thread, reply and English pages as the reactions' tests."""

from lanting.reactions.tests.conftest import (  # noqa: F401  (fixtures, found by name)
    _in_english,
    author,
    board,
    first_post,
    hide,
    media_root,
    reply,
    thread,
)
