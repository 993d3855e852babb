from typing import Annotated

from fastapi import APIRouter, File, Path, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel

from api import policy
from api.auth.deps import CurrentUser
from api.config import AppSettings
from api.errors import NotFound, error_responses
from api.media import service as media_service

router = APIRouter(prefix="/media", tags=["media"])
# Served outside /api/v1: <img> tags cannot send a bearer token; the hash names are the secret.
files_router = APIRouter()


class UploadedImage(BaseModel):
    url: str
    content_type: str
    size: int


@router.post(
    "", status_code=201, response_model=UploadedImage, responses=error_responses(401, 403, 413)
)
async def upload_image(
    file: Annotated[UploadFile, File(description="A PNG, JPEG, GIF or WebP image")],
    user: CurrentUser,
    settings: AppSettings,
) -> UploadedImage:
    """Upload an image for a post; use the returned url in the Markdown body."""
    policy.ensure_can_upload_media(user)
    # Read one byte past the limit: enough to know it is too large without reading it all.
    data = await file.read(settings.media_max_bytes + 1)
    name = media_service.store_image(
        data, media_dir=settings.var_dir / "media", max_bytes=settings.media_max_bytes
    )
    kind = name.rsplit(".", 1)[1]
    return UploadedImage(
        url=f"/media/{name}", content_type=media_service.CONTENT_TYPES[kind], size=len(data)
    )


@files_router.get("/media/{name}", include_in_schema=False)
def serve_image(name: Annotated[str, Path(max_length=80)], settings: AppSettings) -> FileResponse:
    path = media_service.find_image(name, media_dir=settings.var_dir / "media")
    if path is None:
        raise NotFound("Image not found")
    kind = name.rsplit(".", 1)[1]
    return FileResponse(
        path,
        media_type=media_service.CONTENT_TYPES[kind],
        headers={
            "Cache-Control": "public, max-age=31536000, immutable",
            "X-Content-Type-Options": "nosniff",
        },
    )
