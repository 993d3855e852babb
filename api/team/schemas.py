from pydantic import Field

from api.org.schemas import UserPublic


class TeamMember(UserPublic):
    """A person as the team screen lists them."""

    shifts_this_week: int = Field(
        description="Shifts starting this week (Monday to Sunday, the store's time zone)"
    )
