"""In-app notifications of mentorship and swaps, each also sent by email.

A notification stores a `kind` and its parameters, not a sentence: the sentence is written
when it is read, in the reader's language. The email copy goes out in the recipient's first
profile language that Kuza speaks (English otherwise), once the transaction commits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from kuza.core.tasks import send_email
from kuza.mentorship.models import Notification
from kuza.skills.models import Skill
from kuza.skills.selectors import localise_skills

MESSAGES = {
    "mentor_asked": _("%(learner)s asks you to mentor them in %(skill)s."),
    "round_proposed": _(
        "The round “%(round)s” proposes that %(mentor)s mentors %(learner)s in %(skill)s."
    ),
    "mentorship_accepted": _("%(mentor)s agreed to mentor you in %(skill)s."),
    "mentorship_declined": _(
        "%(mentor)s cannot mentor you in %(skill)s now; you can ask another mentor."
    ),
    "mentorship_cancelled": _("%(person)s ended the mentorship in %(skill)s."),
    "mentorship_closed": _("The moderators closed your mentorship in %(skill)s."),
    "mentorship_completed": _(
        "Your mentorship in %(skill)s is complete. Please share your feedback."
    ),
    "checkin_added": _("%(person)s wrote a check-in in your mentorship in %(skill)s."),
    "swap_proposed": _("A skill exchange with %(people)s is proposed to you: confirm or decline."),
    "swap_confirmed": _("Everyone confirmed your skill exchange with %(people)s."),
    "swap_not_served": _(
        "The latest swap round found no exchange for you; the swap pool page says why."
    ),
    "swap_dissolved": _(
        "Your proposed skill exchange was dissolved; you are back in the pool for the next run."
    ),
}


def _render(kind: str, params: dict, skills: dict[int, Skill], *, html: bool = False) -> str:
    """The sentence; as HTML (`html`), names and skills are escaped and isolated in <bdi>, so
    they keep their own direction inside a sentence of the other direction."""
    template = MESSAGES.get(kind)
    if template is None:
        return ""
    values = dict(params)
    skill = skills.get(values.get("skill_id"))
    values["skill"] = skill.label if skill is not None else values.get("skill", "")
    text = str(template)
    if html:
        text = conditional_escape(text)
        values = {key: format_html("<bdi>{}</bdi>", value) for key, value in values.items()}
    try:
        rendered = text % values
    except (KeyError, TypeError, ValueError):
        rendered = text
    return mark_safe(rendered) if html else rendered  # noqa: S308 (escaped above)


def notification_texts(notifications) -> list[tuple[Notification, str]]:
    """Each notification with its sentence in the active language."""
    notifications = list(notifications)
    ids = {n.params.get("skill_id") for n in notifications if n.params.get("skill_id")}
    skills = {skill.pk: skill for skill in localise_skills(Skill.objects.filter(pk__in=ids))}
    return [(n, _render(n.kind, n.params, skills)) for n in notifications]


def notification_html(notifications) -> list[tuple[Notification, str]]:
    """As `notification_texts`, for pages: safe HTML with each name isolated in <bdi>."""
    notifications = list(notifications)
    ids = {n.params.get("skill_id") for n in notifications if n.params.get("skill_id")}
    skills = {skill.pk: skill for skill in localise_skills(Skill.objects.filter(pk__in=ids))}
    return [(n, _render(n.kind, n.params, skills, html=True)) for n in notifications]


def _language_of(user) -> str:
    spoken = getattr(getattr(user, "profile", None), "languages", None)
    codes = {code for code, _name in settings.LANGUAGES}
    if spoken is not None:
        for tag in spoken.values_list("tag", flat=True):
            base = tag.split("-")[0].lower()
            if base in codes:
                return base
    return settings.LANGUAGE_CODE


def notify(user, kind: str, params: dict, url: str = "", *, email: bool = True) -> Notification:
    """Store an in-app notification for `user` and email it after the transaction commits."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    notification = Notification.objects.create(user=user, kind=kind, params=params, url=url)
    address = user.email
    if email and address and user.is_active:
        with translation.override(_language_of(user)):
            ((_n, text),) = notification_texts([notification])
            subject = str(_("News from Kuza mentorship"))
            body = text
            if url:
                body = f"{text}\n\n{settings.SITE_URL}{url}"
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[address]))
    return notification


def notifications_mark_read(*, user) -> int:
    """Mark every unread notification of `user` read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
