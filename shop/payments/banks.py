"""NAPAS member banks (for VietQR transfers), loaded from ``shop/payments/data/banks.json``."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "banks.json"


@dataclass(frozen=True)
class Bank:
    short_name: str
    name: str
    bin: str


@cache
def banks() -> tuple[Bank, ...]:
    rows = json.loads(DATA.read_text(encoding="utf-8"))["banks"]
    return tuple(Bank(**row) for row in sorted(rows, key=lambda r: r["short_name"].casefold()))


def bank_by_bin(bin_: str) -> Bank | None:
    return next((b for b in banks() if b.bin == bin_), None)


def bank_choices():
    return [(b.bin, f"{b.short_name} ({b.bin})") for b in banks()]
