"""The JSON API: OpenAPI 3.1 at /api/openapi.json, its interactive docs at /api/docs."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

# write and community add their operations to read.router
from lanting.api import community, errors, read, write  # noqa: F401


class LantingAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Each operation lists the one error shape for each refusal it can give."""
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
            errors.error_schema()
        )
        error_body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status in errors.ERROR_STATUSES:
                    responses.setdefault(
                        status,
                        {"description": errors.CODES[status], "content": error_body},
                    )
                if method == "get":
                    responses.setdefault(304, {"description": "Not modified (If-None-Match)"})
        return schema


api = LantingAPI(
    title="Lanting API",
    version="1",
    description=str(
        _(
            "Read what a guest can read; with a personal token (Authorization: Bearer …, made "
            "on your settings page) read as yourself and post. Lists go on with ?cursor=."
        )
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/", read.router)
# ninja's own handlers (a 404 page, a 422 of its own shape) give way to the one error shape.
for kind in errors.HANDLED:
    api.add_exception_handler(kind, errors.handle)
