"""Security response headers on every answer: the API's JSON, media, the app shell, errors.

A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware, so the live-update stream
(text/event-stream) passes through unbuffered. A header a route set itself (the shell's CSP) is
kept as the route chose it.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Sent on every answer.
BASE_HEADERS = {
    # A JSON answer or an uploaded image is never run as a script or a page.
    "X-Content-Type-Options": "nosniff",
    # Invite links carry their code in the path (/join/CODE): never hand a URL to another site.
    "Referrer-Policy": "no-referrer",
    # Nothing in the app uses these; a script injected despite the CSP cannot either.
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
    ),
    "X-Frame-Options": "DENY",
}
# The API and media answer data, never documents: nothing in them may load or run anything.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
DATA_PREFIXES = ("/api/", "/media/")
# One year, once the browser has reached us over HTTPS (RFC 6797); only ever sent over HTTPS,
# which behind the proxy uvicorn learns from X-Forwarded-Proto.
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = dict(BASE_HEADERS)
        if str(scope.get("path", "")).startswith(DATA_PREFIXES):
            extra["Content-Security-Policy"] = DATA_CSP
        if scope.get("scheme") == "https":
            extra["Strict-Transport-Security"] = HSTS
        encoded = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in extra.items()
        ]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in encoded if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
