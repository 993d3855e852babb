from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile

from api import policy
from api.auth.deps import CurrentUser
from api.common.idempotency import IdempotencyKey
from api.common.pagination import Limit, Page
from api.common.schemas import MAX_ID, AwareTime, IdPath
from api.db import SessionDep
from api.errors import NotFound, error_responses
from api.shifts import csv_import
from api.shifts import service as shifts_service
from api.shifts.schemas import ShiftCreate, ShiftImportResult, ShiftPublic

router = APIRouter(tags=["shifts"], responses=error_responses(401))

Cursor = Annotated[
    str | None, Query(max_length=200, description="next_cursor of the previous page")
]


@router.post(
    "/shifts",
    status_code=201,
    response_model=ShiftPublic,
    responses=error_responses(403, 404, 409),
)
def create_shift(
    data: ShiftCreate, session: SessionDep, user: CurrentUser, key: IdempotencyKey = None
) -> ShiftPublic:
    """Plan a shift (managers for their store's people; HQ and admins for anyone)."""
    policy.ensure_can_plan_shifts(user)
    return shifts_service.create(session, actor=user, data=data, idempotency_key=key)


@router.post(
    "/shifts/import",
    status_code=201,
    response_model=ShiftImportResult,
    responses=error_responses(403, 413),
)
def import_shifts(
    file: Annotated[
        UploadFile,
        File(
            description="CSV with the header username,starts_at,ends_at (`,` or `;`, UTF-8, "
            f"at most {csv_import.MAX_BYTES // 1024} KB and {csv_import.MAX_ROWS} lines); times "
            "ISO 8601 with an offset or local store time (2026-12-01 09:00)"
        ),
    ],
    session: SessionDep,
    user: CurrentUser,
) -> ShiftImportResult:
    """Import shifts from a CSV file: all of them, or none and a 422 listing every bad line."""
    policy.ensure_can_plan_shifts(user)
    # One byte past the limit is enough to know the file is too large.
    data = file.file.read(csv_import.MAX_BYTES + 1)
    shifts = shifts_service.import_file(session, actor=user, data=data)
    return ShiftImportResult(imported=len(shifts), items=shifts_service.describe(session, shifts))


@router.get("/shifts", response_model=Page[ShiftPublic], responses=error_responses(403))
def list_shifts(
    session: SessionDep,
    user: CurrentUser,
    store_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    start: Annotated[
        AwareTime | None,
        Query(alias="from", description="Shifts ending after this moment (default: now)"),
    ] = None,
    end: Annotated[
        AwareTime | None,
        Query(alias="to", description="Shifts starting before this (default: from + 14 days)"),
    ] = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> Page[ShiftPublic]:
    """List a store's shifts by start time (managers: their store; HQ and admins: any or all)."""
    scope = policy.shifts_store_filter(user, store_id)
    window_start, window_end = shifts_service.schedule_window(start, end)
    shifts, next_cursor = shifts_service.list_schedule(
        session,
        store_id=scope,
        start=window_start,
        end=window_end,
        limit=limit,
        cursor=cursor,
    )
    return Page(items=shifts_service.describe(session, shifts), next_cursor=next_cursor)


@router.delete("/shifts/{shift_id:int}", status_code=204, responses=error_responses(403, 404))
def delete_shift(shift_id: IdPath, session: SessionDep, user: CurrentUser) -> Response:
    """Remove a planned shift."""
    policy.ensure_can_plan_shifts(user)
    shift = shifts_service.get_shift(session, shift_id)
    if not policy.can_plan_shifts_in(user, shift.store_id):
        raise NotFound("Shift not found")
    shifts_service.remove_shift(session, shift=shift)
    return Response(status_code=204)


@router.get("/me/shifts", response_model=Page[ShiftPublic])
def list_my_shifts(
    session: SessionDep, user: CurrentUser, limit: Limit = 20, cursor: Cursor = None
) -> Page[ShiftPublic]:
    """List your shifts, soonest first: those ahead and those of the past week."""
    shifts, next_cursor = shifts_service.list_mine(session, user=user, limit=limit, cursor=cursor)
    return Page(items=shifts_service.describe(session, shifts), next_cursor=next_cursor)
