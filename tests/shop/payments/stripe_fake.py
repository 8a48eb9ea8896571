"""Stripe at the HTTP layer, without a network.

``RecordedStripe`` is a ``stripe.HTTPClient``: the official library builds each request
(form-encoded body, headers, idempotency key) and parses each answer exactly as in production;
only the socket is replaced. Answers are the recorded Stripe API objects in
``stripe_responses/`` (a Checkout Session, its expired form, a refund, error bodies), with the
fields Stripe echoes from the request (amounts, metadata, URLs, expiry) filled in from that
request, and Stripe's idempotency imitated: the same ``Idempotency-Key`` gets the same successful
answer (a request Stripe refused leaves no result behind, so a retry is a new try).

Webhook deliveries are the recorded event objects, signed the way Stripe signs them:
``Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>``.
"""

import copy
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import stripe

RESPONSES = Path(__file__).parent / "stripe_responses"
WEBHOOK_SECRET = "whsec_test_5f2b8c1d9e3a7f6b4c2d8e1a9b7c3d5e0f1a2b3c"
WEBHOOK_URL = "/payments/stripe/webhook/"


def recorded(name: str) -> dict:
    return json.loads((RESPONSES / f"{name}.json").read_text(encoding="utf-8"))


class Headers(dict):
    """Case-insensitive response/request headers, as the library expects from requests."""

    def __init__(self, data=()):
        super().__init__((k.lower(), v) for k, v in dict(data).items())

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower())

    def get(self, key, default=None):
        return super().get(key.lower(), default)


@dataclass
class Request:
    method: str
    path: str
    headers: Headers
    params: dict = field(default_factory=dict)

    @property
    def idempotency_key(self):
        return self.headers.get("Idempotency-Key")


class RecordedStripe(stripe.HTTPClient):
    name = "recorded"

    def __init__(self):
        super().__init__()
        self.requests: list[Request] = []
        self._queued: dict[tuple[str, str], list[tuple[int, dict]]] = {}
        self._by_key: dict[str, tuple[int, dict]] = {}
        self._ids = itertools.count(1)

    # -- what tests set up and look at ---------------------------------------------------------
    def fail_next(self, method: str, path: str, error: str, status: int = 400):
        """The next request to ``path`` gets the recorded error body ``error``."""
        self._queued.setdefault((method, path), []).append((status, recorded(error)))

    def answer_next(self, method: str, path: str, body: dict, status: int = 200):
        self._queued.setdefault((method, path), []).append((status, body))

    def calls(self, method: str, path_prefix: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path.startswith(path_prefix)]

    # -- stripe.HTTPClient ---------------------------------------------------------------------
    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        assert parts.netloc == "api.stripe.com", url
        body = post_data.decode() if isinstance(post_data, bytes) else (post_data or "")
        params = dict(parse_qsl(body or parts.query, keep_blank_values=True))
        request = Request(method.lower(), parts.path, Headers(headers), params)
        self.requests.append(request)
        key = request.idempotency_key if request.method == "post" else None
        if key and key in self._by_key:
            status, answer = self._by_key[key]
        else:
            queued = self._queued.get((request.method, request.path))
            status, answer = queued.pop(0) if queued else self._route(request)
            if key and status < 400:  # Stripe keeps no result for a refused request
                self._by_key[key] = (status, answer)
        response_headers = Headers(
            {"Request-Id": f"req_test{len(self.requests):06d}", "Content-Type": "application/json"}
        )
        if key:
            response_headers["idempotency-key"] = key
        return json.dumps(answer), status, response_headers

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise AssertionError("the payments code never streams from Stripe")

    def close(self):
        pass

    # -- recorded answers, echoing the request as Stripe does ----------------------------------
    def _route(self, request: Request) -> tuple[int, dict]:
        p = request.params
        if (request.method, request.path) == ("post", "/v1/checkout/sessions"):
            session = recorded("checkout_session_open")
            n = next(self._ids)
            session["id"] = f"{session['id'][:-3]}{n:03d}"
            session["url"] = f"https://checkout.stripe.com/c/pay/{session['id']}#fidkdWxOYHwnPyd1"
            total, i = 0, 0
            while f"line_items[{i}][price_data][unit_amount]" in p:
                total += int(p[f"line_items[{i}][price_data][unit_amount]"]) * int(
                    p.get(f"line_items[{i}][quantity]", "1")
                )
                i += 1
            session.update(
                amount_subtotal=total,
                amount_total=total,
                client_reference_id=p.get("client_reference_id"),
                metadata={"order_number": p.get("metadata[order_number]")},
                expires_at=int(p["expires_at"]),
                created=int(time.time()),
                locale=p.get("locale"),
                success_url=p.get("success_url"),
                cancel_url=p.get("cancel_url"),
                customer_email=p.get("customer_email"),
            )
            return 200, session
        if request.method == "get" and request.path.startswith("/v1/checkout/sessions/"):
            session = recorded("checkout_session_open")
            session["id"] = request.path.rsplit("/", 1)[1]
            return 200, session
        if request.method == "post" and request.path.endswith("/expire"):
            session = recorded("checkout_session_expired")
            session["id"] = request.path.split("/")[-2]
            return 200, session
        if (request.method, request.path) == ("post", "/v1/refunds"):
            refund = recorded("refund_succeeded")
            refund.update(
                id=f"re_test{next(self._ids):06d}",
                amount=int(p["amount"]),
                payment_intent=p["payment_intent"],
                metadata={k[9:-1]: v for k, v in p.items() if k.startswith("metadata[")},
            )
            return 200, refund
        return 404, {
            "error": {
                "code": "resource_missing",
                "type": "invalid_request_error",
                "message": f"Unrecognized request URL ({request.method.upper()}: {request.path}).",
            }
        }


# --- Webhooks ---------------------------------------------------------------------------------


def signature(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def event_payload(
    name: str,
    payment=None,
    *,
    order_number: str | None = None,
    event_id: str | None = None,
    **object_fields,
) -> str:
    """A recorded event, pointed at ``payment`` (its order number, session, amount)."""
    event = copy.deepcopy(recorded(name))
    obj = event["data"]["object"]
    number = order_number or (payment.order.number if payment else None)
    if number:
        obj["metadata"] = {"order_number": number}
        if obj["object"] == "checkout.session":
            obj["client_reference_id"] = number
    if payment is not None:
        amount = int(payment.amount)
        if obj["object"] == "checkout.session":
            obj["id"] = payment.checkout_session_id or obj["id"]
            obj["amount_subtotal"] = obj["amount_total"] = amount
        else:
            obj["amount"] = amount
            if obj.get("amount_received"):
                obj["amount_received"] = amount
    obj.update(object_fields)
    if event_id:
        event["id"] = event_id
    return json.dumps(event, ensure_ascii=False, indent=2)


def deliver(client, payload: str, *, sig: str | None = "sign", **kwargs):
    """POST a delivery as Stripe does (``sig="sign"`` signs it with the test secret)."""
    headers = {}
    if sig == "sign":
        headers["HTTP_STRIPE_SIGNATURE"] = signature(payload, **kwargs)
    elif sig is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = sig
    return client.post(
        WEBHOOK_URL, data=payload.encode(), content_type="application/json", **headers
    )
