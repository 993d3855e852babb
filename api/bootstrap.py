"""Getting a database ready: migrations and the bootstrap admin."""

import logging

from alembic.config import Config
from sqlalchemy import Engine
from sqlmodel import Session

from alembic import command
from api.auth.passwords import hash_password
from api.config import PROJECT_ROOT, Settings
from api.errors import Conflict
from api.org import service as org_service
from api.org.models import Role

log = logging.getLogger(__name__)


def alembic_config(url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    # ConfigParser would read "%" in a URL as interpolation.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str) -> None:
    """Upgrade the database to the newest schema."""
    command.upgrade(alembic_config(url), "head")


def create_admin(session: Session, *, username: str, password: str, name: str = "Admin") -> bool:
    """Create an admin account unless the username exists; True when created."""
    if org_service.find_user_by_username(session, username):
        return False
    try:
        org_service.add_user(
            session,
            username=username.strip().lower(),
            name=name,
            password_hash=hash_password(password),
            role=Role.ADMIN,
            store_id=None,
        )
    except Conflict:  # another worker created it at the same moment
        session.rollback()
        return False
    session.commit()
    return True


def ensure_admin(settings: Settings, engine: Engine) -> None:
    """Create the bootstrap admin from WINKELPRAAT_ADMIN_USERNAME/_PASSWORD when both are set."""
    password = settings.admin_password.get_secret_value()
    if not settings.admin_username or not password:
        return
    with Session(engine) as session:
        if create_admin(session, username=settings.admin_username, password=password):
            log.info("created bootstrap admin %r", settings.admin_username)
