"""Delivery against a real local push service that checks VAPID and decrypts every message."""

import asyncio
import http.client
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from api.push import sender
from api.push.message import MAX_PAYLOAD_BYTES, Message
from api.push.sender import Delivery, Limits, Outcome, PushOptions, Result, Target, Urgency
from api.push.vapid import VapidKey, VapidSigner
from tests.push.conftest import MESSAGE, SUBJECT, send
from tests.support.push_service import PushService, Subscriber

# Tests wait milliseconds, not the production seconds.
QUICK = Limits(first_backoff=0.01, max_backoff=2.0, attempts=3, timeout=2.0)


def _send(
    signer: VapidSigner,
    devices: list[Subscriber],
    message: Message = MESSAGE,
    options: PushOptions = PushOptions(),
    limits: Limits = QUICK,
) -> list[Result]:
    targets = [device.target(number) for number, device in enumerate(devices, start=1)]
    return send(targets, signer=signer, message=message, options=options, limits=limits)


def test_a_push_arrives_decrypted_exactly_as_sent(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    message = Message(title="3 updates", body="Sinds je laatste dienst", url="/", tag="s", count=3)

    [result] = _send(signer, [device], message)

    assert push_service.messages(device) == [
        {
            "title": "3 updates",
            "body": "Sinds je laatste dienst",
            "url": "/",
            "tag": "s",
            "count": 3,
        }
    ]
    assert (result.subscription_id, result.outcome, result.status) == (1, Outcome.DELIVERED, 201)
    assert result.host == "127.0.0.1"
    [attempt] = result.attempts
    assert attempt.status == 201 and attempt.seconds > 0 and attempt.at.tzinfo is not None


def test_optional_fields_are_left_out_and_text_is_not_mangled(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    _send(signer, [device])
    assert push_service.messages(device) == [
        {"title": MESSAGE.title, "body": MESSAGE.body, "url": MESSAGE.url}
    ]


def test_every_push_carries_a_real_ttl_and_an_urgency(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    _send(signer, [device])
    [received] = push_service.requests_for(device)
    assert received.headers["ttl"] == "86400"  # never 0: sleeping phones would lose it
    assert received.headers["urgency"] == "normal"
    assert "topic" not in received.headers
    assert received.headers["content-encoding"] == "aes128gcm"


def test_urgent_pushes_and_summaries_set_urgency_ttl_and_topic(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    options = PushOptions(ttl=3600, urgency=Urgency.HIGH, topic="summary-2026-11-26")
    _send(signer, [device], options=options)
    [received] = push_service.requests_for(device)
    assert (received.headers["ttl"], received.headers["urgency"], received.headers["topic"]) == (
        "3600",
        "high",
        "summary-2026-11-26",
    )


@pytest.mark.parametrize(
    "options",
    [
        {"ttl": 0},
        {"ttl": -5},
        {"topic": "x" * 33},
        {"topic": "has space"},
        {"topic": "plus+slash/"},
        {"topic": ""},
    ],
)
def test_ttl_zero_and_malformed_topics_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        PushOptions(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [404, 410])
def test_a_push_service_that_forgot_the_device_means_gone(
    signer: VapidSigner, push_service: PushService, status: int
) -> None:
    device = push_service.subscribe()
    push_service.answer(device, status)
    [result] = _send(signer, [device])
    assert (result.outcome, result.status, len(result.attempts)) == (Outcome.GONE, status, 1)


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_signature_raises_the_alarm_once_with_the_host_only(
    signer: VapidSigner,
    push_service: PushService,
    caplog: pytest.LogCaptureFixture,
    status: int,
) -> None:
    devices = [push_service.subscribe() for _ in range(3)]
    for device in devices:
        push_service.answer(device, status)
    caplog.set_level(logging.DEBUG)

    results = _send(signer, devices)

    assert {(r.outcome, len(r.attempts)) for r in results} == {(Outcome.AUTH_ALARM, 1)}
    alarms = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(alarms) == 1  # one line per push service, not one per device
    assert "127.0.0.1" in alarms[0].getMessage() and "3 subscription" in alarms[0].getMessage()
    for device in devices:
        for secret in (device.token, device.p256dh, device.auth, device.endpoint):
            assert secret not in caplog.text


def test_429_waits_for_retry_after_then_delivers(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    push_service.answer(device, 429, 201, retry_after="1")

    [result] = _send(signer, [device])

    assert result.outcome is Outcome.DELIVERED
    assert [attempt.status for attempt in result.attempts] == [429, 201]
    waited = result.attempts[1].at - result.attempts[0].at
    assert waited >= timedelta(seconds=0.95)
    assert len(push_service.messages(device)) == 1


def test_a_retry_after_beyond_the_cap_is_left_to_the_caller(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    push_service.answer(device, 429, retry_after="3600")
    [result] = _send(signer, [device])
    assert (result.outcome, result.retry_after, len(result.attempts)) == (
        Outcome.RETRY,
        3600.0,
        1,
    )


def test_500_is_retried_with_backoff_and_ends_as_retry(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    push_service.answer(device, 500)
    [result] = _send(signer, [device])
    assert result.outcome is Outcome.RETRY
    assert [attempt.status for attempt in result.attempts] == [500, 500, 500]
    assert push_service.messages(device) == []


def test_a_503_that_recovers_is_delivered(signer: VapidSigner, push_service: PushService) -> None:
    device = push_service.subscribe()
    push_service.answer(device, 503, 502, 201)
    [result] = _send(signer, [device])
    assert [attempt.status for attempt in result.attempts] == [503, 502, 201]
    assert result.outcome is Outcome.DELIVERED


@pytest.mark.parametrize("status", [400, 413, 302])
def test_other_answers_fail_at_once_and_redirects_are_not_followed(
    signer: VapidSigner, push_service: PushService, status: int
) -> None:
    device = push_service.subscribe()
    push_service.answer(device, status)
    [result] = _send(signer, [device])
    assert (result.outcome, result.status, len(result.attempts)) == (Outcome.FAILED, status, 1)


def test_a_push_service_that_does_not_answer_in_time_is_retried(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    push_service.answer(device, 201, delay=1.0)
    limits = Limits(timeout=0.2, attempts=2, first_backoff=0.01)

    [result] = _send(signer, [device], limits=limits)

    assert result.outcome is Outcome.RETRY
    assert [(a.status, a.error) for a in result.attempts] == [(None, "TimeoutError")] * 2
    assert all(a.seconds < 0.9 for a in result.attempts)


def test_a_push_service_that_is_down_is_retried_with_the_error_recorded(
    signer: VapidSigner,
) -> None:
    target = Target(1, "http://127.0.0.1:9/push/nobody-listens", *_keys())
    [result] = send([target], signer=signer, limits=QUICK)
    assert result.outcome is Outcome.RETRY
    assert [(a.status, a.error) for a in result.attempts] == [(None, "ClientConnectorError")] * 3


def _keys() -> tuple[str, str]:
    with PushService(public_key="unused") as service:
        device = service.subscribe()
    return device.p256dh, device.auth


def test_unusable_keys_fail_that_device_only(
    signer: VapidSigner, push_service: PushService
) -> None:
    good = push_service.subscribe()
    broken = Target(2, f"{push_service.origin}/push/{good.token}", good.p256dh, "not base64!")

    results = send([good.target(1), broken], signer=signer, limits=QUICK)

    assert [(r.outcome, len(r.attempts)) for r in results] == [
        (Outcome.DELIVERED, 1),
        (Outcome.FAILED, 0),
    ]
    assert len(push_service.requests_for(good)) == 1  # the broken one never left the building


def test_one_jwt_per_push_service_for_a_whole_fan_out(
    vapid_key: VapidKey, signer: VapidSigner, push_service: PushService
) -> None:
    with PushService(public_key=vapid_key.public_key) as other_service:
        here = [push_service.subscribe() for _ in range(20)]
        there = [other_service.subscribe() for _ in range(20)]

        results = _send(signer, here + there)

        assert {r.outcome for r in results} == {Outcome.DELIVERED}
        assert signer.signatures == 2
        # Each service saw its own audience (it checks aud against its origin) and one token.
        for service in (push_service, other_service):
            assert len({r.headers["authorization"] for r in service.received}) == 1
        assert other_service.problems == []


def test_sending_is_concurrent_bounded_and_over_reused_connections(
    signer: VapidSigner, push_service: PushService
) -> None:
    devices = [push_service.subscribe() for _ in range(12)]
    for device in devices:
        push_service.answer(device, 201, delay=0.1)
    limits = Limits(concurrency=3, timeout=5.0)

    async def send_over_one_pool() -> list[Result]:
        async with sender.new_client(limits) as client:
            deliveries = [Delivery(device.target(n), MESSAGE) for n, device in enumerate(devices)]
            return await sender.send_each(deliveries, signer=signer, limits=limits, client=client)

    started = datetime.now(UTC)
    results = sender.run_blocking(send_over_one_pool())
    elapsed = (datetime.now(UTC) - started).total_seconds()

    assert {r.outcome for r in results} == {Outcome.DELIVERED}
    assert push_service.max_in_flight == 3
    assert len({r.connection for r in push_service.received}) <= 3
    assert 0.35 < elapsed < 1.0  # 12 requests of 0.1 s, three at a time


def test_a_long_body_is_shortened_to_fit_a_push(
    signer: VapidSigner, push_service: PushService
) -> None:
    device = push_service.subscribe()
    long = Message(title="Lang", body="Heel lang verhaal, met één accent. " * 400, url="/news/1")
    assert len(long.payload()) <= MAX_PAYLOAD_BYTES

    [result] = _send(signer, [device], long)

    assert result.outcome is Outcome.DELIVERED  # the service refuses more than 4096 bytes
    [received] = push_service.messages(device)
    assert received["body"].endswith("…") and long.body.startswith(received["body"][:-1])


def test_a_message_that_cannot_fit_is_refused_before_sending() -> None:
    with pytest.raises(ValueError):
        Message(title="T" * 4000, body="b", url="/").payload()


def test_retry_after_may_be_seconds_or_an_http_date() -> None:
    assert sender.retry_after_seconds("120") == 120.0
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)
    assert 55 < (sender.retry_after_seconds(in_a_minute) or 0) <= 60
    assert sender.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert sender.retry_after_seconds("soon") is None
    assert sender.retry_after_seconds(None) is None


def test_what_is_encrypted_only_the_subscriber_can_read_and_each_message_has_its_own_key(
    push_service: PushService,
) -> None:
    device = push_service.subscribe()
    payload = MESSAGE.payload()

    first, second = (sender.encrypt(payload, device.target(1)) for _ in range(2))

    for body in (first, second):
        assert (
            http_ece.decrypt(
                body,
                private_key=device.private_key,
                auth_secret=device.auth_secret,
                version="aes128gcm",
            )
            == payload
        )
    # RFC 8188 section 2.1: salt (16), record size (4), key id length (1), then the key id, here
    # the sender's ephemeral public key (RFC 8291 section 4): fresh for every message.
    assert first[20] == second[20] == 65
    assert first[21:86] != second[21:86] and first[:16] != second[:16]
    other = push_service.subscribe()
    with pytest.raises(http_ece.ECEException):
        http_ece.decrypt(
            first, private_key=other.private_key, auth_secret=other.auth_secret, version="aes128gcm"
        )


def test_a_delivered_push_logs_no_endpoint_key_or_token_even_at_debug(
    signer: VapidSigner, push_service: PushService, caplog: pytest.LogCaptureFixture
) -> None:
    device = push_service.subscribe()
    caplog.set_level(logging.DEBUG)

    [result] = _send(signer, [device])

    assert result.outcome is Outcome.DELIVERED
    [received] = push_service.requests_for(device)
    jwt = received.headers["authorization"].removeprefix("vapid t=").split(",")[0]
    for secret in (device.token, device.p256dh, device.auth, device.endpoint, jwt):
        assert secret not in caplog.text


def test_the_local_push_service_refuses_a_signature_from_another_key(
    vapid_key: VapidKey,
) -> None:
    impostor = VapidSigner(VapidKey(ec.generate_private_key(ec.SECP256R1())), subject=SUBJECT)
    with PushService(public_key=vapid_key.public_key) as service:
        device = service.subscribe()
        [result] = _send(impostor, [device])
        assert (result.outcome, result.status) == (Outcome.AUTH_ALARM, 403)
        assert service.problems == [
            "k is not the application server key the device subscribed with"
        ]


def test_the_local_push_service_refuses_what_a_real_one_would(vapid_key: VapidKey) -> None:
    with PushService(public_key=vapid_key.public_key) as service:
        device = service.subscribe()
        connection = http.client.HTTPConnection(service.origin.removeprefix("http://"))
        connection.request("POST", f"/push/{device.token}", body=b"plain text")
        assert connection.getresponse().status == 401  # no VAPID header
        connection.close()
        assert service.messages(device) == [] and len(service.problems) == 1


def test_blocking_send_works_inside_a_thread_that_runs_an_event_loop(
    push_service: PushService, signer: VapidSigner
) -> None:
    """Job code is synchronous; it must not care whether its thread already runs a loop."""
    device = push_service.subscribe()

    async def synchronous_caller_inside_a_loop() -> list[Result]:
        return send([device.target(1)], signer=signer)

    # A thread of its own: pytest's main thread may already hold a loop (Playwright's sync API).
    with ThreadPoolExecutor(max_workers=1) as thread:
        [result] = thread.submit(asyncio.run, synchronous_caller_inside_a_loop()).result()
    assert result.outcome is Outcome.DELIVERED
    assert [m["title"] for m in push_service.messages(device)] == [MESSAGE.title]
