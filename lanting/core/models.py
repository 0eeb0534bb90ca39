from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# Search engines need not crawl forms, the admin or the per-reader language
# switch; the sitemap lists everything worth indexing.
DEFAULT_ROBOTS_TXT = """User-agent: *
Disallow: /admin/
Disallow: /accounts/
Disallow: /language/
Disallow: /search/

Sitemap: /sitemap.xml
"""


class SiteSettings(models.Model):
    """The one row of site-wide settings (name, slogan, footer, registration)."""

    class Registration(models.TextChoices):
        OPEN = "open", _("Open: anyone may register")
        APPROVAL = "approval", _("Open, but staff approve each new member")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("site name"), max_length=80, default="Lanting")
    slogan = models.CharField(_("slogan"), max_length=120, blank=True)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("Shown at the end of the footer.")
    )
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)
    registration = models.CharField(
        _("registration"), max_length=10, choices=Registration.choices, default=Registration.OPEN
    )
    registration_captcha = models.BooleanField(
        _("captcha on registration"),
        default=False,
        help_text=_(
            "New members' browsers solve a small proof-of-work puzzle (ALTCHA) before the form "
            "is accepted: no pictures to read, no third-party service. Needs JavaScript."
        ),
    )
    # Discuz!'s seccode ``minposts``: members with fewer posts than this answer the captcha.
    posting_captcha_posts = models.PositiveSmallIntegerField(
        _("captcha when posting, for members with fewer posts than"),
        default=0,
        help_text=_(
            "Members with fewer forum posts than this solve the same proof-of-work puzzle "
            "when they start a thread, reply, comment on an article or send a private "
            "message; 0 turns it off. Staff and moderators never see it. While it is on, a "
            "new member whose post is refused for its links or images may solve it too: "
            "the post then waits for review instead. Such members cannot post through the "
            "API until they pass the number."
        ),
    )
    robots_txt = models.TextField(
        _("robots.txt"),
        default=DEFAULT_ROBOTS_TXT,
        help_text=_(
            "What search engines may crawl, served at /robots.txt. A Sitemap line may give "
            "a path (/sitemap.xml): it is completed with this site's address."
        ),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.pk = 1  # one row only: the admin edits it, never adds a second
        super().save(*args, **kwargs)  # type: ignore[arg-type]  # passes Django's own kwargs


class Page(models.Model):
    """A static page (Contact Us, About us) edited in the admin."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("body"), help_text=_("HTML; cleaned of scripts when saved."))
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("core:page", kwargs={"slug": self.slug})


class NavItem(models.Model):
    """A link in the header or footer navigation."""

    class Location(models.TextChoices):
        HEADER = "header", _("Top bar (partner links)")
        MAIN = "main", _("Main navigation")
        FOOTER = "footer", _("Footer")

    class Section(models.TextChoices):
        HOME = "portal:home", _("Home")
        MOBILE = "core:mobile", _("Mobile version")
        DARKROOM = "moderation:darkroom", _("Banned members (darkroom)")
        ARCHIVER = "archiver:index", _("Archiver")
        FORUM = "forum:index", _("Forum")
        SEARCH = "search:search", _("Search")

    label = models.CharField(_("label"), max_length=60)
    location = models.CharField(
        _("location"), max_length=10, choices=Location.choices, default=Location.HEADER
    )
    section = models.CharField(
        _("internal section"), max_length=40, choices=Section.choices, blank=True
    )
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, null=True, blank=True
    )
    url = models.URLField(_("external URL"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    new_tab = models.BooleanField(_("open in a new tab"), default=False)
    is_visible = models.BooleanField(_("visible"), default=True)

    class Meta:
        verbose_name = _("navigation item")
        verbose_name_plural = _("navigation items")
        ordering = ["location", "order", "pk"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        targets = [bool(self.section), self.page_id is not None, bool(self.url)]
        if sum(targets) != 1:
            raise ValidationError(_("Choose exactly one of: internal section, page, external URL."))

    @property
    def href(self) -> str:
        """The link's address, or "" when its section is not installed on this site."""
        if self.url:
            return self.url
        if self.page is not None:
            return self.page.get_absolute_url()
        try:
            return reverse(self.section)
        except NoReverseMatch:
            return ""
