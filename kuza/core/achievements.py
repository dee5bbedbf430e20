"""The achievements event: one way for any app to say "this person achieved this".

Learning (a course or cohort completed), mentorship (a mentorship completed, as mentor or as
learner) and campaigns (counted contributions) *emit* achievements; credentials alone
*listens* and turns them into badges. The emitters never import credentials, and credentials
never imports their models: both sides meet here.

Two halves:
- `emit(achievement)` sends the event. Listeners must be idempotent (an achievement may be
  emitted again: a retried task, a second collection, a rule applied to past achievements)
  and quick; they return what they made of it (credentials: the assertions now held).
- `register_source(AchievementSource(...))` is how an emitting app describes, for a kind of
  achievement, what can be achieved (the targets an organiser picks a rule's target from) and
  who has already achieved it (so a rule added later can be applied to the past). Apps call it
  from `AppConfig.ready()`.

A target is named by a stable key in the emitting app's terms (a course slug, "<course
slug>/<cohort slug>", a campaign slug); the empty key means "any".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.dispatch import Signal
from django.utils.functional import Promise

COURSE_COMPLETED = "course_completed"
COHORT_COMPLETED = "cohort_completed"
MENTORSHIP_COMPLETED_MENTOR = "mentorship_mentor"
MENTORSHIP_COMPLETED_LEARNER = "mentorship_learner"
CAMPAIGN_PARTICIPATION = "campaign_participation"


@dataclass(frozen=True)
class Achievement:
    """`user` achieved `subject` (a target key) of `kind`.

    `value` is the measured amount for threshold rules (a campaign's counted contributions);
    `key` identifies the achievement for idempotence (by default "<kind>:<subject>").
    """

    kind: str
    subject: str
    user: object
    value: int | None = None
    evidence_url: str = ""
    key: str = ""

    @property
    def achievement_key(self) -> str:
        return self.key or f"{self.kind}:{self.subject}"


# sender: the kind (a string); keyword argument: achievement
achieved = Signal()


def emit(achievement: Achievement) -> list:
    """Send the event; returns the listeners' results put together (credentials: assertions)."""
    results: list = []
    for _receiver, response in achieved.send(sender=achievement.kind, achievement=achievement):
        if response:
            results.extend(response)
    return results


@dataclass(frozen=True)
class Target:
    key: str
    label: str


@dataclass(frozen=True)
class AchievementSource:
    """What the emitting app knows about one kind of achievement.

    `targets(viewer)`: what an organiser may pick, each with a label in the active language
    (`viewer` None: every target, for validating a key). An empty list means the kind has no
    targets to pick (only "any"). `achieved(target_key)`: every achievement of this kind
    already made for that target ("" = any target), as `Achievement`s with the same keys and
    values `emit` would carry.
    """

    kind: str
    label: str | Promise
    targets: Callable[[object | None], list[Target]]
    achieved: Callable[[str], Iterable[Achievement]]
    any_label: str | Promise = ""
    needs_threshold: bool = False


_sources: dict[str, AchievementSource] = {}


def register_source(source: AchievementSource) -> None:
    _sources[source.kind] = source


def sources() -> list[AchievementSource]:
    return list(_sources.values())


def source(kind: str) -> AchievementSource | None:
    return _sources.get(kind)


@dataclass(frozen=True)
class Reward:
    """What a listener promises for an achievement, as an emitting app may show it."""

    label: str
    url: str
    threshold: int | None = None


# Listeners that promise rewards (credentials' active rules) answer `rewards_for`.
_reward_finders: list[Callable[[str, str], list[Reward]]] = []


def register_reward_finder(finder: Callable[[str, str], list[Reward]]) -> None:
    if finder not in _reward_finders:
        _reward_finders.append(finder)


def rewards_for(kind: str, subject: str) -> list[Reward]:
    """Rewards on offer for achieving `subject` of `kind` (for example a campaign's badges)."""
    return [reward for finder in _reward_finders for reward in finder(kind, subject)]
