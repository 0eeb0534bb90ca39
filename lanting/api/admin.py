from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lanting.api.models import ApiToken, Event, Webhook, WebhookDelivery
from lanting.api.webhooks import deliver


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Tokens are made by members on their settings page (shown once): here they are
    reviewed and revoked, never read."""

    list_display = ["name", "member", "scope", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "member__username"]
    readonly_fields = ["member", "name", "scope", "prefix", "created_at", "last_used_at"]
    fields = [*readonly_fields, "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
        messages.success(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", count) % {"n": count},
        )


class WebhookForm(forms.ModelForm[Webhook]):
    url = forms.URLField(label=gettext_lazy("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=gettext_lazy("events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "“A new report” is sent for each report of a post, comment, message or profile."
        ),
    )

    class Meta:
        model = Webhook
        fields = ["url", "description", "events", "secret", "is_active"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin[Webhook]):
    form = WebhookForm
    list_display = ["url", "description", "is_active", "created_at", "delivery_log"]
    list_filter = ["is_active"]
    readonly_fields = ["delivery_log"]

    @admin.display(description=gettext_lazy("delivery log"))
    def delivery_log(self, hook: Webhook) -> str:
        if not hook.pk:
            return "-"
        url = reverse("admin:api_webhookdelivery_changelist") + f"?webhook__id__exact={hook.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Deliveries"))


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = ["event", "webhook", "status", "attempts", "response_code", "created_at"]
    list_filter = ["status", "event", "webhook"]
    readonly_fields = [
        "webhook", "event", "payload", "status", "attempts", "response_code", "last_error",
        "created_at", "delivered_at",
    ]  # fmt: skip
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=gettext_lazy("Send the selected deliveries again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = 0
        for delivery in queryset.exclude(status=WebhookDelivery.Status.DELIVERED):
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                status=WebhookDelivery.Status.PENDING, attempts=0
            )
            deliver.enqueue(delivery.pk)
            count += 1
        messages.success(
            request,
            ngettext("%(n)d delivery queued.", "%(n)d deliveries queued.", count) % {"n": count},
        )
        if not count:
            messages.info(request, _("Delivered ones are not sent again."))
