"""Request bodies have a size limit, enforced before they are read: 413, never a full read.

Without it an unauthenticated 30 MB JSON body to /auth/refresh was read whole (and echoed back
in the 422), doubling the server's memory. A declared Content-Length over the limit is refused
before a byte is read; a body without one (chunked) is counted while it streams and refused at
the first byte over.
"""

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The largest valid JSON request is a news post with a body and a translation of 20,000
# characters each (up to 3 bytes apiece in UTF-8) and up to 1,000 store ids: about 130 KB.
MAX_JSON_BYTES = 192 * 1024
# Multipart forms carry one upload (an image, a shift CSV) plus a little form overhead.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"The request body is larger than {limit // 1024} KB")


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_upload_bytes: int) -> None:
        self.app = app
        self.max_multipart_bytes = max_upload_bytes + MULTIPART_OVERHEAD_BYTES

    def limit_for(self, headers: dict[bytes, bytes]) -> int:
        content_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if content_type == b"multipart/form-data":
            return self.max_multipart_bytes
        return MAX_JSON_BYTES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        limit = self.limit_for(headers)
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, limit)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI passes an HTTPException raised while reading the body on to the
                    # error handlers, so this becomes the usual 413 answer.
                    raise too_large(limit)
            return message

        await self.app(scope, counting_receive, send)


async def _refuse(send: Send, limit: int) -> None:
    # Answered here, before the app: the body is never read. The connection is closed after
    # the answer, so the client stops sending.
    body = json.dumps({"detail": too_large(limit).detail, "code": "too_large"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
