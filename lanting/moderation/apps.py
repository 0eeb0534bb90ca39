from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "lanting.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from lanting.accounts.profile import ProfileSection, add_profile_section
        from lanting.moderation import selectors, signals  # noqa: F401  (cache invalidation)
        from lanting.pagecache.guests import add_gate

        add_gate(selectors.IP_BANS_CACHE_KEY, selectors.admits_to_cached_page)

        from lanting.accounts.textcheck import set_checker
        from lanting.moderation.wordfilter import check

        def member_text_check(text: str) -> tuple[list[str], list[str], str]:
            verdict = check(text)
            return verdict.banned, verdict.review_words, verdict.text

        set_checker(member_text_check)

        from lanting.moderation.profiles import register_targets

        register_targets()  # profiles can be reported

        add_profile_section(
            ProfileSection(
                template="moderation/_profile_section.html",
                context=selectors.moderation_facts_for,
                order=-10,
            )
        )
