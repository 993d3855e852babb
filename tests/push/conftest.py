from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from api.push.message import Message
from api.push.vapid import VapidKey, VapidSigner
from tests.support.push_service import PushService

SUBJECT = "mailto:ops@winkelpraat.example"
MESSAGE = Message(title="Nieuwe kassa-instructie", body="Lees vóór je dienst 🙂", url="/news/7")


@pytest.fixture(scope="session")
def vapid_key() -> VapidKey:
    return VapidKey(ec.generate_private_key(ec.SECP256R1()))


@pytest.fixture
def signer(vapid_key: VapidKey) -> VapidSigner:
    return VapidSigner(vapid_key, subject=SUBJECT)


@pytest.fixture
def push_service(vapid_key: VapidKey) -> Iterator[PushService]:
    with PushService(public_key=vapid_key.public_key) as service:
        yield service
        # Whatever a test expects, the sender never breaks the protocol.
        assert service.problems == []
