"""Mentorship's achievements: a mentorship completed, as the mentor and as the learner.

Emitted through `kuza.core.achievements` (credentials turns them into badges) and described
there so that a rule added later can be applied to mentorships completed before it. Only
mentorships read through their audience count (`moderated_rows`): not those moderators hid
(a mentorship set up to collect badges), nor those of a suspended person, as for ratings.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from kuza.audience.selectors import moderated_rows
from kuza.core import achievements
from kuza.mentorship.models import Mentorship


def completion_achievements(mentorship: Mentorship) -> list[achievements.Achievement]:
    subject = str(mentorship.pk)
    return [
        achievements.Achievement(
            kind=achievements.MENTORSHIP_COMPLETED_MENTOR, subject=subject, user=mentorship.mentor
        ),
        achievements.Achievement(
            kind=achievements.MENTORSHIP_COMPLETED_LEARNER,
            subject=subject,
            user=mentorship.learner,
        ),
    ]


def _completed(index: int) -> Iterator[achievements.Achievement]:
    mentorships = moderated_rows(
        Mentorship.objects.filter(status=Mentorship.Status.COMPLETED)
    ).select_related("mentor", "learner")
    for mentorship in mentorships.order_by("pk").iterator(chunk_size=500):
        yield completion_achievements(mentorship)[index]


def _no_targets(viewer) -> list[achievements.Target]:
    # A rule is about every mentorship: one person's mentorship is not something to aim at.
    return []


def register() -> None:
    achievements.register_source(
        achievements.AchievementSource(
            kind=achievements.MENTORSHIP_COMPLETED_MENTOR,
            label=_("Mentorship completed as mentor"),
            any_label=_("Any mentorship"),
            targets=_no_targets,
            achieved=lambda target: _completed(0),
        )
    )
    achievements.register_source(
        achievements.AchievementSource(
            kind=achievements.MENTORSHIP_COMPLETED_LEARNER,
            label=_("Mentorship completed as learner"),
            any_label=_("Any mentorship"),
            targets=_no_targets,
            achieved=lambda target: _completed(1),
        )
    )
