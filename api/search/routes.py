from typing import Annotated

from fastapi import APIRouter, Query

from api.auth.deps import CurrentUser
from api.common.pagination import Limit, Page, invalid_cursor, pack_cursor, unpack_cursor
from api.db import SessionDep
from api.errors import error_responses
from api.search import service as search_service
from api.search.schemas import SearchHit

router = APIRouter(prefix="/search", tags=["search"], responses=error_responses(401))

# Ranked results page by position; deeper than this nobody reads.
MAX_OFFSET = 500


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    offset = unpack_cursor(cursor)
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 < offset <= MAX_OFFSET:
        raise invalid_cursor()
    return offset


@router.get("", response_model=Page[SearchHit])
def search(
    session: SessionDep,
    user: CurrentUser,
    q: Annotated[str, Query(min_length=1, max_length=200, description="What to look for")],
    limit: Limit = 20,
    cursor: Annotated[
        str | None, Query(max_length=200, description="next_cursor of the previous page")
    ] = None,
) -> Page[SearchHit]:
    """News and questions you may see that match `q`, best first, with the matches marked."""
    hits, next_offset = search_service.search(
        session, viewer=user, text=q, limit=limit, offset=_offset(cursor)
    )
    next_cursor = (
        pack_cursor(next_offset) if next_offset is not None and next_offset <= MAX_OFFSET else None
    )
    return Page(items=hits, next_cursor=next_cursor)
