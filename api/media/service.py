"""Storing uploaded images by content hash.

The type is decided from the file's first bytes, never from its name or the Content-Type the
client sent, so a script renamed to .png is refused. The name is the SHA-256 of the content:
unguessable, and the same picture uploaded twice is stored once.
"""

import hashlib
from pathlib import Path

from api.errors import InvalidField, PayloadTooLarge

# Magic numbers of the image formats phones produce and browsers show.
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"\xff\xd8\xff", 0, "jpg"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"WEBP", 8, "webp"),
)
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


def image_kind(head: bytes) -> str | None:
    for signature, offset, kind in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if kind == "webp" and not head.startswith(b"RIFF"):
                continue
            return kind
    return None


def store_image(data: bytes, *, media_dir: Path, max_bytes: int) -> str:
    """Save an image and return its file name (hash.ext)."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"Images can be {max_bytes // (1024 * 1024)} MB at most")
    if not data:
        raise InvalidField(("body", "file"), "The file is empty")
    kind = image_kind(data[:16])
    if kind is None:
        raise InvalidField(("body", "file"), "Only PNG, JPEG, GIF and WebP images can be uploaded")
    name = f"{hashlib.sha256(data).hexdigest()}.{kind}"
    media_dir.mkdir(parents=True, exist_ok=True)
    target = media_dir / name
    if not target.exists():
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)  # atomic: a reader never sees half a file
    return name


def find_image(name: str, *, media_dir: Path) -> Path | None:
    """The stored file for a name we handed out, or None (no path tricks get through)."""
    stem, _, kind = name.partition(".")
    if (
        kind not in CONTENT_TYPES
        or len(stem) != 64
        or not all(c in "0123456789abcdef" for c in stem)
    ):
        return None
    path = media_dir / name
    return path if path.is_file() else None
