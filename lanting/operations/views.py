from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from lanting.operations import access, health, metrics


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the site can serve ("ok", or "degraded" without Redis), 503 when it cannot."""
    if not access.may_look(request):
        raise Http404
    checks = health.run_checks()
    state = health.status(checks)
    body = {
        "status": state,
        "checks": {
            name: {"ok": check.ok, "ms": check.ms, **check.detail} for name, check in checks.items()
        },
    }
    return JsonResponse(body, status=503 if state == "failing" else 200)


@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not access.may_look(request):
        raise Http404
    payload, content_type = metrics.exposition()
    return HttpResponse(payload, content_type=content_type)
