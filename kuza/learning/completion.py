"""When a learner has completed a course: pure rules over counts, no Django.

- "all": every lesson read and every quiz passed;
- "percent": at least `percent`% of the course's items (lessons and quizzes together) done,
  a lesson counting when read and a quiz when passed.

A course with nothing in it is never complete: there is nothing to have done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rule = Literal["all", "percent"]


@dataclass(frozen=True)
class Progress:
    lessons_total: int
    lessons_read: int
    quizzes_total: int
    quizzes_passed: int

    def __post_init__(self) -> None:
        if not (0 <= self.lessons_read <= self.lessons_total):
            raise ValueError("lessons_read must be between 0 and lessons_total")
        if not (0 <= self.quizzes_passed <= self.quizzes_total):
            raise ValueError("quizzes_passed must be between 0 and quizzes_total")

    @property
    def items_total(self) -> int:
        return self.lessons_total + self.quizzes_total

    @property
    def items_done(self) -> int:
        return self.lessons_read + self.quizzes_passed

    @property
    def percent(self) -> int:
        """Whole percent done, rounded down so that 99.6% never shows as 100%."""
        if not self.items_total:
            return 0
        return 100 * self.items_done // self.items_total


def is_complete(progress: Progress, *, rule: Rule, percent: int = 100) -> bool:
    if progress.items_total == 0:
        return False
    if rule == "all":
        return progress.items_done == progress.items_total
    # Compared in integers: items_done / items_total >= percent / 100.
    return 100 * progress.items_done >= max(1, min(percent, 100)) * progress.items_total
