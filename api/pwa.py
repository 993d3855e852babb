"""Serving the built PWA at `/`, with caching that lets updates through.

Hashed files under assets/ never change, so browsers may keep them for a year; index.html,
the service worker and the manifest must be revalidated on every load, or a release would
never reach people's phones.
"""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Match, Route
from starlette.types import Scope

from api.errors import NotFound

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SHORT = "public, max-age=86400"
ALWAYS_FRESH = {"index.html", "sw.js", "manifest.webmanifest", "registerSW.js"}

# The shell loads only its own scripts; inline styles are allowed for small dynamic bits.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)

NOT_BUILT = """<!doctype html><html lang="nl"><meta charset="utf-8"><title>Winkelpraat</title>
<p>De app is nog niet gebouwd: voer <code>make run</code> uit. /
The app has not been built yet: run <code>make run</code>.</p></html>"""

# Paths that belong to the API server, never to the app's client-side routes.
SERVER_PREFIXES = ("/api/", "/media/", "/docs", "/redoc", "/openapi.json")


class _ShellRoute(Route):
    """The app's catch-all, which never claims a server path: there a wrong method must stay a
    405 and an unknown path a JSON 404."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and scope["path"].startswith(SERVER_PREFIXES):
            return Match.NONE, {}
        return super().matches(scope)


def _headers(relative: str) -> dict[str, str]:
    if relative.startswith("assets/"):
        return {"Cache-Control": IMMUTABLE}
    if relative.endswith(".html"):
        return {"Cache-Control": REVALIDATE, "Content-Security-Policy": CONTENT_SECURITY_POLICY}
    if relative in ALWAYS_FRESH:
        return {"Cache-Control": REVALIDATE}
    return {"Cache-Control": SHORT}


def mount_pwa(app: FastAPI, dist: Path) -> None:
    root = dist.resolve()

    def serve_pwa(path: str) -> Response:
        index = root / "index.html"
        candidate = (root / path).resolve()
        # resolve() + is_relative_to keeps ../ tricks inside dist/.
        if path and candidate.is_file() and candidate.is_relative_to(root):
            relative = candidate.relative_to(root).as_posix()
            return FileResponse(candidate, headers=_headers(relative))
        if path.startswith("assets/") or not index.is_file():
            if not index.is_file():
                return HTMLResponse(NOT_BUILT, status_code=503, headers=_headers("index.html"))
            raise NotFound("Not found")
        # Any other path is a client-side route of the app.
        return FileResponse(index, headers=_headers("index.html"))

    async def endpoint(request: Request) -> Response:
        return serve_pwa(request.path_params["path"])

    app.router.routes.append(_ShellRoute("/{path:path}", endpoint, methods=["GET", "HEAD"]))
