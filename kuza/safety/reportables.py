"""What members can report: a small registry that apps extend from their integrations.py.

A report stores the target as (content type, id) plus a snapshot text, so it survives the
target's deletion. Each kind says who the person concerned is (the reported person, or the
author of a piece of content) and, optionally, which organisation the target belongs to:
organisation moderators see a report when that person is a member of their organisation
(people.Membership) or when the target belongs to it.

Nobody may report what they may not see: for every model with a declared audience the
audience layer's `may_see` decides first (it registers itself here, `register_seen_check`,
being above safety), so no registration can forget it. Private things (a mentorship) also
say who may report them (`reportable_by`, default: any member) and, when the person
concerned depends on who reports (the other party), `person_reported_by(target, reporter)`.
`on_hide(target)` runs when moderators hide the target, for effects beyond "leave it out"
(a hidden mentorship is also ended).

    from kuza.safety.reportables import Reportable, register
    register(Reportable(kind="event", model=Event, label=_("an event"),
                        describe=lambda event: event.title,
                        person_of=lambda event: event.organiser,
                        organisation_of=lambda event: event.organisation,
                        url_of=lambda event: event.get_absolute_url()))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.utils.functional import Promise


def _nobody(obj: Model) -> None:
    return None


def _any_member(obj: Model, reporter) -> bool:
    return True


@dataclass(frozen=True)
class Reportable:
    kind: str
    model: type[Model]
    label: str | Promise
    describe: Callable[[Model], str]
    person_of: Callable[[Model], Model | None] = _nobody
    organisation_of: Callable[[Model], Model | None] = _nobody
    url_of: Callable[[Model], str | None] = _nobody
    # People are suspended, not hidden; content, mentorships and events can be hidden.
    hideable: bool = True
    reportable_by: Callable[[Model, object], bool] = _any_member
    person_reported_by: Callable[[Model, object], Model | None] | None = None
    on_hide: Callable[[Model], None] | None = None

    def person_for(self, target: Model, reporter) -> Model | None:
        """The person concerned by `reporter`'s report on `target`."""
        if self.person_reported_by is not None:
            return self.person_reported_by(target, reporter)
        return self.person_of(target)


_registry: dict[str, Reportable] = {}

# Whether a viewer may see a row at all: (viewer, row) -> True, False, or None for a model
# without a declared audience. Registered by kuza.audience (its integrations.py).
SeenCheck = Callable[[object, Model], "bool | None"]
_seen_checks: list[SeenCheck] = []


def register_seen_check(check: SeenCheck) -> None:
    if check not in _seen_checks:
        _seen_checks.append(check)


def may_report(reportable: Reportable, target: Model, reporter) -> bool:
    """Whether `reporter` may report `target`: only what they may see (every seen check says
    so), and what the kind's own `reportable_by` allows. The report page and the service both
    ask this, and answer "not found" alike for what does not exist and what may not be seen."""
    if any(check(reporter, target) is False for check in _seen_checks):
        return False
    return reportable.reportable_by(target, reporter)


def register(reportable: Reportable) -> None:
    _registry[reportable.kind] = reportable


def get(kind: str) -> Reportable | None:
    return _registry.get(kind)


def for_model(model: type[Model]) -> Reportable | None:
    concrete = model._meta.concrete_model
    return next((entry for entry in _registry.values() if entry.model is concrete), None)


def describe_person(user) -> str:
    profile = getattr(user, "profile", None)
    name = profile.display_name if profile is not None else ""
    username = user.get_username()
    return f"{name} ({username})" if name and name != username else username


def person_reportable_by(user, reporter) -> bool:
    """Someone whose profile the reporter may see, or who has been in touch with them.

    The report page prints the person's name, so an id alone must not reveal a profile its
    owner keeps from the reporter. Blocks do not count here: the reporter may have blocked
    the person (or been blocked by them) precisely because of what they report. Contact
    requests count either way: a person who hides their profile can still be reported by
    someone they wrote to.
    """
    from django.db.models import Q

    from kuza.people.models import ContactRequest, Profile
    from kuza.people.visibility import visible_q

    if Profile.objects.filter(visible_q(reporter), user_id=user.pk).exists():
        return True
    return ContactRequest.objects.filter(
        Q(sender=reporter, recipient=user) | Q(sender=user, recipient=reporter)
    ).exists()
