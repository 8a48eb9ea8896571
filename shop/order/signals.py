"""Signals the order app sends when an order part changes (``shop.order.services``).

Both are sent inside the change's transaction, with ``sender=OrderPart`` and the locked
``part``, so apps above orders act on a change without orders importing them.
"""

from django.dispatch import Signal

# A part was cancelled and its stock returned; sent before the order's status and the buyer's
# e-mail follow. A receiver that raises rolls the whole cancellation back: the payments app
# refunds a paid card part here and raises when Stripe refuses (``shop.payments.receivers``),
# so such a part stays as it was.
part_cancelled = Signal()

# Something happened to the part that its buyer is told about by e-mail; ``kind`` is one of
# "placed", "paid", "confirmed", "shipped", "completed", "cancelled", "payment_reminder". The
# e-mail is queued to go out once the transaction commits (``shop.order.receivers``).
part_changed = Signal()
