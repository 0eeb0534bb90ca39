from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "lanting.forum"
    label = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from lanting.forum import search_documents

        search_documents.connect()
        from lanting.accounts.profile import ProfileSection, add_profile_section
        from lanting.forum import selectors, signals  # noqa: F401  (cache invalidation)
        from lanting.forum.models import Thread
        from lanting.forum.services import THREAD_VIEWS
        from lanting.pagecache import counters

        counters.register(THREAD_VIEWS, Thread, "views")
        from lanting.forum.services.review import register_purgers, register_targets

        register_targets()  # forum posts in the review queue
        register_purgers()  # and a purged spammer's threads and replies
        add_profile_section(
            ProfileSection(
                template="forum/_profile_section.html", context=selectors.forum_activity_of
            )
        )
