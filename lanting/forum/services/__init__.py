"""Writing to the forum, by subject; counters and last-post data change in the same transaction.

``posting`` starts threads, replies, quotes and edits; ``attachments`` checks and stores
files; ``moderation`` holds moderators' actions and counter repairs. Callers use this
package (``services.create_thread``); the modules are where each rule lives.
"""

from lanting.forum.services.attachments import (
    ATTACHMENTS_MAX,
    FILE_EXTENSIONS,
    IMAGE_TYPES,
    MAX_IMAGE_PIXELS,
    THUMBNAIL_SIZE,
    PreparedUpload,
    prepare_uploads,
    save_attachments,
)
from lanting.forum.services.moderation import (
    close_thread,
    delete_post,
    delete_thread,
    digest_thread,
    ensure_moderator,
    merge_threads,
    move_thread,
    recount_board,
    recount_thread,
    restore_post,
    restore_thread,
    split_thread,
    stick_thread,
)
from lanting.forum.services.posting import (
    BODY_MAX,
    THREAD_VIEWS,
    TITLE_MAX,
    clean_classified_fields,
    clean_text,
    count_thread_view,
    create_thread,
    edit_post,
    quote_source,
    reply_to_thread,
    touch_threads,
)

__all__ = [
    "ATTACHMENTS_MAX",
    "BODY_MAX",
    "FILE_EXTENSIONS",
    "IMAGE_TYPES",
    "MAX_IMAGE_PIXELS",
    "THREAD_VIEWS",
    "THUMBNAIL_SIZE",
    "TITLE_MAX",
    "PreparedUpload",
    "clean_classified_fields",
    "clean_text",
    "close_thread",
    "count_thread_view",
    "create_thread",
    "delete_post",
    "delete_thread",
    "digest_thread",
    "edit_post",
    "ensure_moderator",
    "merge_threads",
    "move_thread",
    "prepare_uploads",
    "quote_source",
    "recount_board",
    "recount_thread",
    "reply_to_thread",
    "restore_post",
    "restore_thread",
    "save_attachments",
    "split_thread",
    "stick_thread",
    "touch_threads",
]
