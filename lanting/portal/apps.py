from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "lanting.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from lanting.portal import search_documents

        search_documents.connect()
        from lanting.accounts.profile import ProfileSection, add_profile_section
        from lanting.pagecache import counters
        from lanting.portal import selectors
        from lanting.portal.models import Article

        counters.register(selectors.ARTICLE_VIEWS, Article, "views")
        from lanting.portal.services import register_purgers, register_targets

        register_targets()  # article comments in the review queue
        register_purgers()  # and a purged spammer's comments
        add_profile_section(
            ProfileSection(
                template="portal/_profile_section.html", context=selectors.portal_activity_of
            )
        )
