from pydantic import BaseModel


class SubjectRef(BaseModel):
    """The `data` of an event: which thing changed. Load it with its own endpoint."""

    id: int
