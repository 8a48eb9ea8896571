"""The expo figures: per expo, hall, booth and day, from the raw rows and the roll-ups; and a
visitor's passport."""

from __future__ import annotations

from dataclasses import dataclass, field

from startups.models import DrawEntry, Expo, PassportStamp


@dataclass
class PassportStatus:
    """A visitor's passport in one expo: the booths stamped, the goal, whether the reward is
    unlocked, the draw entry, and the voucher code (only once unlocked)."""

    stamped: set = field(default_factory=set)
    goal: int = 0
    entry: DrawEntry | None = None
    reward: str = Expo.Reward.NONE
    reward_code: str = ""

    @property
    def count(self) -> int:
        return len(self.stamped)

    @property
    def unlocked(self) -> bool:
        return self.goal > 0 and self.count >= self.goal

    def as_json(self) -> dict:
        return {"stamps": self.count, "goal": self.goal, "unlocked": self.unlocked}


def passport_status(expo: Expo, visitor: str | None) -> PassportStatus:
    """The visitor's passport (empty for None). One query, two when the expo has a draw."""
    goal = expo.passport_goal
    if not visitor:
        return PassportStatus(goal=goal, reward=expo.reward)
    stamped = set(
        PassportStamp.objects.filter(expo=expo, visitor=visitor).values_list("booth_id", flat=True)
    )
    status = PassportStatus(stamped=stamped, goal=goal, reward=expo.reward)
    if status.unlocked:
        if expo.reward == Expo.Reward.VOUCHER:
            status.reward_code = expo.reward_voucher_code
        elif expo.reward == Expo.Reward.DRAW:
            status.entry = DrawEntry.objects.filter(expo=expo, visitor=visitor).first()
    return status
