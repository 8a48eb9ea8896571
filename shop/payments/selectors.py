"""Reads of the payments app: how the buyer pays one order part by bank transfer (the seller's
bank details and the VietQR payload), and what the platform owes each seller for the card sales
it collected. Each costs a fixed number of queries, however many parts or sellers.

The order pages and e-mails show a part's transfer through ``shop.order.selectors.part_transfer``:
orders sit below payments and never import them, so this app hands ``part_transfer`` in when
Django starts (``shop.payments.apps.PaymentsConfig.ready``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, Sum
from oscar.core.loading import get_model

from core.text import vietnamese_sort_key
from shop.payments.banks import bank_by_bin
from shop.payments.models import SellerPayout
from shop.payments.vietqr import build_payload, order_reference, qr_png

OrderPart = get_model("order", "OrderPart")
Partner = get_model("partner", "Partner")

ZERO = Decimal(0)


# --- Bank transfers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Transfer:
    """Where and how much the buyer transfers for one part, and the VietQR payload for it."""

    bank_bin: str
    bank_short_name: str
    bank_name: str
    account: str
    holder: str
    amount: Decimal
    reference: str
    payload: str

    def qr_png(self) -> bytes:
        """The VietQR code of this transfer as a PNG image."""
        return qr_png(self.payload)


def part_transfer_reference(part) -> str:
    """The transfer content for a part: the order reference and the part number, e.g.
    "DH100042 2", short ASCII that every banking app accepts and a seller can match."""
    return f"{order_reference(part.order.number)} {part.number}"


def part_transfer(part) -> Transfer | None:
    """The seller's bank details and the dynamic VietQR payload for the part's exact total,
    or None when the seller's bank details are missing or would make an invalid QR."""
    partner = part.partner
    if not (partner.bank_bin and partner.bank_account_number and partner.bank_account_holder):
        return None
    amount = part.total
    reference = part_transfer_reference(part)
    try:
        payload = build_payload(
            bin=partner.bank_bin,
            account=partner.bank_account_number,
            amount=int(amount),
            purpose=reference,
            dynamic=True,
        )
    except ValueError:
        return None
    bank = bank_by_bin(partner.bank_bin)
    return Transfer(
        bank_bin=partner.bank_bin,
        bank_short_name=bank.short_name if bank else partner.bank_bin,
        bank_name=bank.name if bank else "",
        account=partner.bank_account_number,
        holder=partner.bank_account_holder,
        amount=amount,
        reference=reference,
        payload=payload,
    )


# --- What the platform owes each seller -------------------------------------------------------


@dataclass
class SellerBalance:
    partner: object
    collected: Decimal
    refunded: Decimal
    paid_out: Decimal

    @property
    def kept(self) -> Decimal:
        """Card sales that stand: paid by buyers, less what went back to them."""
        return self.collected - self.refunded

    @property
    def owed(self) -> Decimal:
        return self.collected - self.refunded - self.paid_out


def seller_balances(partners) -> list[SellerBalance]:
    """Per seller: card money the platform collected for its parts (goods and delivery),
    refunded to buyers, passed on in payouts, and still owed. Three queries in all."""
    partners = list(partners)
    ids = [p.pk for p in partners]
    paid_card = Q(payment_method=OrderPart.Payment.CARD, paid_at__isnull=False)
    sales = {
        row["partner_id"]: row
        for row in OrderPart.objects.filter(paid_card, partner_id__in=ids)
        .values("partner_id")
        .annotate(
            collected=Sum(F("goods_total") + F("shipping_charge")), refunded=Sum("refunded_amount")
        )
    }
    payouts = dict(
        SellerPayout.objects.filter(partner_id__in=ids)
        .values("partner_id")
        .annotate(total=Sum("amount"))
        .values_list("partner_id", "total")
    )
    return [
        SellerBalance(
            partner=p,
            collected=(sales.get(p.pk) or {}).get("collected") or ZERO,
            refunded=(sales.get(p.pk) or {}).get("refunded") or ZERO,
            paid_out=payouts.get(p.pk) or ZERO,
        )
        for p in partners
    ]


def sellers_for(user):
    """The sellers whose card balances ``user`` may see: all for staff, a seller user's own."""
    if user.is_staff:
        return Partner.objects.all()
    if user.has_perm("partner.dashboard_access"):
        return Partner.objects.filter(users=user)
    return Partner.objects.none()


def owed_overview(user) -> dict:
    """The "owed to sellers" page for ``user``: one balance per seller in Vietnamese
    alphabetical order, their totals, and the latest payouts. Staff see the sellers with card
    sales or payouts (the others owe and are owed nothing); a seller sees its own row."""
    sellers = sellers_for(user).order_by("name")
    if user.is_staff:
        sellers = sellers.filter(
            Q(
                pk__in=OrderPart.objects.filter(
                    payment_method=OrderPart.Payment.CARD, paid_at__isnull=False
                ).values("partner_id")
            )
            | Q(pk__in=SellerPayout.objects.values("partner_id"))
        )
    balances = seller_balances(sorted(sellers, key=lambda p: vietnamese_sort_key(p.name)))
    return {
        "balances": balances,
        "totals": {
            "collected": sum((b.collected for b in balances), start=ZERO),
            "refunded": sum((b.refunded for b in balances), start=ZERO),
            "paid_out": sum((b.paid_out for b in balances), start=ZERO),
            "owed": sum((b.owed for b in balances), start=ZERO),
        },
        "payouts": SellerPayout.objects.filter(
            partner__in=[b.partner for b in balances]
        ).select_related("partner")[:50],
    }
