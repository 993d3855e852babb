"""What travels between processes: a small event naming a thing that changed, never its content.

Listeners load the thing themselves, with their own permissions, so an event carries no data
that a receiver may not see.
"""

import json
import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    NEWS = "news"  # a post became visible (published now, or a scheduled post went out)
    # This person's account was closed: their open streams get this event and end, in every
    # process (the subject is the person, who is its only receiver).
    SIGNED_OUT = "signed_out"


@dataclass(frozen=True)
class LiveEvent:
    kind: Kind
    subject_id: int
    # The same id in every process and on every stream, so a client can drop a duplicate.
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind.value, "subject_id": self.subject_id, "id": self.id})

    @classmethod
    def from_json(cls, raw: str | bytes) -> "LiveEvent | None":
        """The event, or None for anything malformed (a channel is shared; never crash on it)."""
        try:
            data = json.loads(raw)
            kind, subject_id, event_id = Kind(data["kind"]), data["subject_id"], data["id"]
        except (ValueError, TypeError, KeyError):
            return None
        if type(subject_id) is not int or not isinstance(event_id, str) or not event_id.isalnum():
            return None
        return cls(kind=kind, subject_id=subject_id, id=event_id[:64])
