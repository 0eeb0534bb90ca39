from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from lanting.operations import access, health, metrics


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when every part answers, 503 when one does not; each part timed."""
    if not access.may_look(request):
        raise Http404
    checks = health.run_checks()
    ok = all(check.ok for check in checks.values())
    body = {
        "status": "ok" if ok else "failing",
        "checks": {
            name: {"ok": check.ok, "ms": check.ms, **check.detail} for name, check in checks.items()
        },
    }
    return JsonResponse(body, status=200 if ok else 503)


@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not access.may_look(request):
        raise Http404
    payload, content_type = metrics.exposition()
    return HttpResponse(payload, content_type=content_type)
