"""Image uploads for posts: checked by content, stored by hash, served with long caching."""

import struct
import zlib

import pytest
from fastapi.testclient import TestClient

from tests.conftest import World

UPLOAD = "/api/v1/media"


def tiny_png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def upload(client: TestClient, headers: dict[str, str], data: bytes, name: str = "foto.png"):  # type: ignore[no-untyped-def]
    return client.post(UPLOAD, files={"file": (name, data, "image/png")}, headers=headers)


def test_manager_uploads_an_image_and_anyone_can_load_it(client: TestClient, world: World) -> None:
    png = tiny_png()
    response = upload(client, world.headers("manager"), png)
    assert response.status_code == 201
    body = response.json()
    assert body["content_type"] == "image/png" and body["size"] == len(png)
    assert body["url"].startswith("/media/") and body["url"].endswith(".png")
    image = client.get(body["url"])
    assert image.status_code == 200 and image.content == png
    assert image.headers["content-type"] == "image/png"
    assert "immutable" in image.headers["cache-control"]
    assert image.headers["x-content-type-options"] == "nosniff"
    again = upload(client, world.headers("hq"), png, "other-name.png")
    assert again.json()["url"] == body["url"]  # stored once, by content


@pytest.mark.parametrize(
    "data",
    [b"<script>alert(1)</script>", b"%PDF-1.7 not an image", b"GIF8", b"RIFF\x00\x00\x00\x00WAVE"],
)
def test_files_that_are_not_images_are_422_whatever_their_name(
    client: TestClient, world: World, data: bytes
) -> None:
    response = upload(client, world.headers("hq"), data, "evil.png")
    assert response.status_code == 422


def test_empty_and_too_large_files_are_refused(client: TestClient, world: World, settings) -> None:  # type: ignore[no-untyped-def]
    assert upload(client, world.headers("hq"), b"").status_code == 422
    settings.media_max_bytes = 100
    big = tiny_png() + b"\x00" * 200
    response = upload(client, world.headers("hq"), big)
    assert response.status_code == 413 and response.json()["code"] == "too_large"
    assert not (settings.var_dir / "media").exists() or not any(
        (settings.var_dir / "media").iterdir()
    )


def test_staff_cannot_upload(client: TestClient, world: World) -> None:
    assert upload(client, world.headers("staff"), tiny_png()).status_code == 403
    assert upload(client, {}, tiny_png()).status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/media/nothing.png",
        "/media/..%2F..%2Fsecret.key",
        "/media/" + "a" * 64 + ".exe",
        "/media/" + "g" * 64 + ".png",
    ],
)
def test_only_stored_images_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_uploaded_image_shows_in_a_post(client: TestClient, world: World) -> None:
    url = upload(client, world.headers("hq"), tiny_png()).json()["url"]
    post = client.post(
        "/api/v1/news",
        json={"title": "Nieuwe etalage", "body": f"![etalage]({url})"},
        headers=world.headers("hq"),
    ).json()
    assert f'<img src="{url}" alt="etalage">' in post["body_html"]
