"""What a push carries: the few fields the service worker needs to show a notification."""

import json
from dataclasses import asdict, dataclass

# Push services accept 4096 bytes of ciphertext (RFC 8030 section 7.2) and aes128gcm adds 103
# bytes of its own. Staying far below keeps every push valid; the app fetches the rest.
MAX_PAYLOAD_BYTES = 3000


@dataclass(frozen=True)
class Message:
    """The payload `{"title","body","url","tag"?,"count"?}` (see API.md, "Push and shifts")."""

    title: str
    body: str
    url: str
    tag: str | None = None  # notifications with one tag replace each other on the device
    count: int | None = None  # summaries: how many held items this push stands for

    def payload(self) -> bytes:
        """The JSON the service worker receives, with a long body shortened to fit."""
        body = self.body
        data = self._json(body)
        while len(data) > MAX_PAYLOAD_BYTES:
            # Each character is at least one byte, the ellipsis three: one cut is enough.
            keep = len(body) - (len(data) - MAX_PAYLOAD_BYTES) - 3
            if keep <= 0:
                raise ValueError("title, url and tag alone are too long for a push message")
            body = body[:keep] + "…"
            data = self._json(body)
        return data

    def _json(self, body: str) -> bytes:
        fields = {key: value for key, value in asdict(self).items() if value is not None}
        fields["body"] = body
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
