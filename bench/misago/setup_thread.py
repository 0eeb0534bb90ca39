"""Give Misago the same thread Lanting serves: 20 posts, the same words, the same HTML.

Run with Misago's Python, bench/misago on PYTHONPATH:
    python setup_thread.py POSTS.json   (title, posts: author, text, html)
Migrates the database first; creates the thread once (found again by its title).
Prints one JSON line: the thread's URL and its post count.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "misago_settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from misago.categories.models import Category  # noqa: E402
from misago.threads.checksums import update_post_checksum  # noqa: E402
from misago.threads.models import Post, Thread  # noqa: E402
from misago.threads.test import post_thread, reply_thread  # noqa: E402
from misago.users.models import User  # noqa: E402
from misago.users.test import create_test_user  # noqa: E402

# Local addresses: the page must not point the reader's browser anywhere else.
AVATARS = [{"size": size, "url": f"/media/avatars/{size}.png"} for size in (400, 200, 100)]


def main() -> None:
    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    call_command("migrate", interactive=False, verbosity=0)
    User.objects.filter(avatars__isnull=True).update(avatars=AVATARS)  # an older run's members
    thread = Thread.objects.filter(title=data["title"]).first()
    if thread is None:
        thread = create_thread(data)
    print(
        json.dumps(
            {"url": thread.get_absolute_url(), "posts": Post.objects.filter(thread=thread).count()}
        )
    )


def create_thread(data: dict[str, object]) -> Thread:
    posts = data["posts"]
    assert isinstance(posts, list)
    members: dict[str, User] = {}
    for item in posts:
        name = str(item["author"])
        if name not in members:
            # Misago's usernames are Latin letters and digits only.
            username = f"poster{len(members) + 1}"
            member = User.objects.filter(username=username).first() or create_test_user(
                username, f"{username}@bench.invalid", "bench-pass-2026", avatars=AVATARS
            )
            members[name] = member
    category = Category.objects.all_categories().first()
    first = posts[0]
    thread = post_thread(category, title=str(data["title"]), poster=members[str(first["author"])])
    opening = Post.objects.get(thread=thread)
    opening.original, opening.parsed = str(first["text"]), str(first["html"])
    update_post_checksum(opening)
    opening.save()
    for item in posts[1:]:
        post = reply_thread(thread, poster=members[str(item["author"])], message=str(item["html"]))
        post.original = str(item["text"])
        update_post_checksum(post)
        post.save()
    return thread


if __name__ == "__main__":
    main()
