from collections.abc import Iterator, Sequence

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from api.push import sender
from api.push.message import Message
from api.push.sender import Delivery, Limits, PushOptions, Result, Target
from api.push.vapid import VapidKey, VapidSigner
from tests.support.push_service import PushService

SUBJECT = "mailto:ops@winkelpraat.example"
MESSAGE = Message(title="Nieuwe kassa-instructie", body="Lees vóór je dienst 🙂", url="/news/7")


def send(
    targets: Sequence[Target],
    *,
    signer: VapidSigner,
    message: Message = MESSAGE,
    options: PushOptions = PushOptions(),
    limits: Limits = Limits(),
) -> list[Result]:
    """One message to every target, from synchronous code, as a job's delivery does it."""
    deliveries = [Delivery(target, message, options) for target in targets]
    return sender.run_blocking(sender.send_each(deliveries, signer=signer, limits=limits))


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
