"""The Redis names the page cache writes outside Django's cache API, in one place.

Views are counted inside Redis by ``redispages``' script and by ``counters``; both
read these names from here, so neither module needs the other's.
"""

PENDING_PREFIX = "lanting:views:"  # a hash of pending views per kind (and ":total")
SEEN_PREFIX = "lanting:seen:"  # each object's seen count (see ``counters``)
SEEN_SECONDS = 7200  # longer than any cached page lives (``guests.PAGE_SECONDS``)
CHECK_PREFIX = "lanting:pagecheck:"  # beside each guest page: its tags' versions and counter
