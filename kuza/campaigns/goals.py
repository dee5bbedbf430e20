"""How far a goal has come (pure): a figure against a target, as a bar and in words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Progress:
    """`value` of `target` so far; `fraction` is capped at 1 for the bar, `reached` is not."""

    value: int
    target: int

    def __post_init__(self) -> None:
        if self.target < 1:
            raise ValueError(f"a goal's target must be at least 1, got {self.target}")
        if self.value < 0:
            raise ValueError(f"a figure cannot be negative, got {self.value}")

    @property
    def fraction(self) -> float:
        return min(1.0, self.value / self.target)

    @property
    def percent(self) -> int:
        """Whole percent, rounded down, so 99.6 % never reads as reached."""
        return (100 * self.value) // self.target

    @property
    def reached(self) -> bool:
        return self.value >= self.target
