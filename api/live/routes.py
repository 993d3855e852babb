import asyncio
from collections.abc import AsyncIterable
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.sse import EventSourceResponse, ServerSentEvent

from api.auth.deps import CurrentUser
from api.db import SessionDep
from api.errors import AppError
from api.live.hub import Hub, HubUnavailable
from api.live.schemas import SubjectRef

router = APIRouter(tags=["live"])


def _json_errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Errors come before the stream starts, as JSON (not as text/event-stream)."""
    schema = {"$ref": "#/components/schemas/ErrorResponse"}
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {"application/json": {"schema": schema}},
        }
        for status in statuses
    }


# Tell EventSource-style clients how long to wait before reconnecting (milliseconds).
RETRY_MS = 5000
# A stream ends after this long and the client reconnects with its current token: a logged-out
# or expired login keeps no stream open for longer, and proxies see a connection end.
MAX_STREAM_SECONDS = 600.0


class LiveUnavailable(AppError):
    status_code = 503
    code = "live_unavailable"


async def get_hub(request: Request) -> Hub:
    hub: Hub = request.app.state.live
    try:
        await hub.start()
    except HubUnavailable as exc:
        raise LiveUnavailable("Live updates are unavailable right now; try again later") from exc
    return hub


def get_listener(session: SessionDep, user: CurrentUser) -> int:
    """The caller's id. The request's database transaction ends here: an open stream holds no
    database connection (each event is checked in a short session of its own)."""
    assert user.id is not None
    user_id = user.id
    session.rollback()
    return user_id


@router.get(
    "/events",
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": (
                '`event: news` with `data: {"id": <post id>}` when a post you may see goes '
                "live; `: ping` comments every 15 s; ends after `max_seconds` or on shutdown. "
                '`event: signed_out` (`data: {"id": <your id>}`) when your account was closed; '
                "the stream ends right after it. "
                "No replay: after reconnecting, reload what you show."
            ),
        },
        **_json_errors(400, 401, 503),
    },
)
async def stream_events(
    hub: Annotated[Hub, Depends(get_hub)],
    user_id: Annotated[int, Depends(get_listener)],
    max_seconds: Annotated[
        float,
        Query(gt=0, le=MAX_STREAM_SECONDS, description="End the stream after this many seconds"),
    ] = MAX_STREAM_SECONDS,
) -> AsyncIterable[ServerSentEvent]:
    """Stream live updates (Server-Sent Events) about things you may see."""
    loop = asyncio.get_running_loop()
    ends_at = loop.time() + max_seconds
    async with hub.connect(user_id) as stream:
        yield ServerSentEvent(comment="connected", retry=RETRY_MS)
        while (remaining := ends_at - loop.time()) > 0:
            event = await stream.next(timeout=remaining)
            if event is None and stream.closed:
                return
            if event is not None:
                yield ServerSentEvent(
                    event=event.kind.value, data=SubjectRef(id=event.subject_id), id=event.id
                )
