from typing import Annotated

from fastapi import Depends

from api.config import AppSettings
from api.push import vapid


async def get_vapid_key(settings: AppSettings) -> vapid.VapidKey:
    configured = settings.vapid_private_key
    return vapid.shared_key(settings.var_dir, configured.get_secret_value() if configured else None)


VapidKeyDep = Annotated[vapid.VapidKey, Depends(get_vapid_key)]
