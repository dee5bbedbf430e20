"""Safety in the API: the code of conduct, preferences, blocks, reports and the moderation queue.

A member's own reports never carry the reporter's or anyone else's identity beyond the
snapshot of what was reported; the moderation endpoints answer 403 to everyone but moderators.
People are named as the pages name them, through the person presenter (`person_name`), never
by username: the blocks list and moderation screens name everyone concerned (as
`{% person ... everyone=True %}` does on the pages), with ids for acting on them.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from kuza.accounts.selectors import current_code_of_conduct, has_accepted_current_conduct
from kuza.api.auth import token_or_session
from kuza.api.errors import answers
from kuza.audience.presenter import person_name
from kuza.safety import permissions, selectors, services
from kuza.safety.evidence import MAX_LINKS
from kuza.safety.models import Report

router = Router(tags=["safety"], auth=token_or_session)


class ConductOut(Schema):
    version: int | None
    title: str
    accepted: bool
    may_contact_others: bool


class ConductAcceptIn(Schema):
    version: int = Field(ge=1)


@router.get("/conduct", response=ConductOut)
def conduct(request: HttpRequest):
    """The current code of conduct version and whether you accepted it."""
    current = current_code_of_conduct()
    return {
        "version": current.version if current else None,
        "title": current.title if current else "",
        "accepted": has_accepted_current_conduct(request.auth),
        "may_contact_others": selectors.may_contact_others(request.auth),
    }


@router.post("/conduct/accept", response=ConductOut)
@answers(409)
def conduct_accept(request: HttpRequest, payload: ConductAcceptIn):
    try:
        services.conduct_accept_version(user=request.auth, version=payload.version)
    except services.SafetyError as error:
        raise HttpError(409, str(error)) from None
    return conduct(request)


class PreferencesIO(Schema):
    hide_from_leaderboards: bool
    hide_from_map: bool


@router.get("/preferences", response=PreferencesIO)
def preferences(request: HttpRequest):
    return selectors.preferences_of(request.auth)


@router.put("/preferences", response=PreferencesIO)
def preferences_update(request: HttpRequest, payload: PreferencesIO):
    return services.preferences_update(user=request.auth, **payload.dict())


class BlockOut(Schema):
    user_id: int
    name: str
    blocked_at: datetime


class BlockIn(Schema):
    user_id: int


def _block_out(block) -> dict:
    return {
        "user_id": block.blocked_id,
        # The person one blocked is named to them, as on the page of people one blocked.
        "name": person_name(None, block.blocked, everyone=True),
        "blocked_at": block.created_at,
    }


@router.get("/blocks", response=list[BlockOut])
@paginate
def blocks(request: HttpRequest):
    """People you blocked."""
    return [_block_out(block) for block in selectors.blocks_made_by(request.auth)]


@router.post("/blocks", response={201: BlockOut})
def block_create(request: HttpRequest, payload: BlockIn):
    person = get_user_model().objects.filter(pk=payload.user_id, is_active=True).first()
    if person is None:
        raise Http404
    try:
        block = services.block_create(blocker=request.auth, blocked=person)
    except services.SafetyError as error:
        raise HttpError(400, str(error)) from None
    return Status(201, _block_out(block))


@router.delete("/blocks/{user_id}", response={204: None})
def block_remove(request: HttpRequest, user_id: int):
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is not None:
        services.block_remove(blocker=request.auth, blocked=person)
    return Status(204, None)


class ReportIn(Schema):
    kind: str = Field(max_length=30, description="person, or a kind another app registered")
    target_id: int = Field(ge=1)
    description: str = Field(min_length=1, max_length=services.MAX_DESCRIPTION)
    evidence_links: list[str] = Field(default_factory=list, max_length=MAX_LINKS)


class MessageOut(Schema):
    body: str
    created_at: datetime


class MyReportOut(Schema):
    id: int
    kind: str
    about: str = Field(alias="target_snapshot")
    status: str
    created_at: datetime
    messages: list[MessageOut]

    @staticmethod
    def resolve_messages(report: Report) -> list:
        return list(report.replies.all())


@router.post("/reports", response={201: MyReportOut})
def report_create(request: HttpRequest, payload: ReportIn):
    """File a confidential report; 429 when too many were sent in a short time."""
    try:
        report = services.report_create(reporter=request.auth, **payload.dict())
    except services.RateLimited as error:
        raise HttpError(429, str(error)) from None
    except services.SafetyError as error:
        raise HttpError(400, str(error)) from None
    return Status(201, report)


@router.get("/reports/mine", response=list[MyReportOut])
@paginate
def my_reports(request: HttpRequest):
    """Your own reports, their status and the moderators' messages (never internal notes)."""
    return selectors.reports_made_by(request.auth).prefetch_related("replies")


class NoteOut(Schema):
    author: str
    body: str
    created_at: datetime


class ModeratedReportOut(Schema):
    id: int
    kind: str
    target_type: str
    target_id: int
    about: str = Field(alias="target_snapshot")
    reporter: str | None
    reported_user_id: int | None
    reported_person: str | None
    organisation: str | None
    description: str
    evidence_links: list[str]
    status: str
    created_at: datetime

    @staticmethod
    def resolve_target_type(report: Report) -> str:
        return f"{report.target_type.app_label}.{report.target_type.model}"

    # Moderators see everyone (the presenter's `everyone`), as on the moderation pages.
    @staticmethod
    def resolve_reporter(report: Report) -> str | None:
        return person_name(None, report.reporter, everyone=True) if report.reporter else None

    @staticmethod
    def resolve_reported_person(report: Report) -> str | None:
        if report.reported_user is None:
            return None
        return person_name(None, report.reported_user, everyone=True)

    @staticmethod
    def resolve_organisation(report: Report) -> str | None:
        return report.organisation.slug if report.organisation else None


class ModeratedReportDetailOut(ModeratedReportOut):
    notes: list[NoteOut]
    messages: list[MessageOut]

    @staticmethod
    def resolve_notes(report: Report) -> list:
        return [
            {
                "author": person_name(None, note.author, everyone=True) if note.author else "",
                "body": note.body,
                "created_at": note.created_at,
            }
            for note in report.notes.all()
        ]

    @staticmethod
    def resolve_messages(report: Report) -> list:
        return list(report.replies.all())


def _require_moderator(request: HttpRequest) -> None:
    if not permissions.is_moderator(request.auth):
        raise HttpError(403, _("Only moderators can see the moderation queue."))


@router.get("/moderation/reports", response=list[ModeratedReportOut])
@paginate
@answers(403)
def moderation_queue(request: HttpRequest, status: str | None = None):
    """Moderators only: the reports you may handle, open ones first (status: new, in_review,
    action_taken or closed)."""
    _require_moderator(request)
    if status and status not in Report.Status.values:
        raise HttpError(422, _("Unknown status."))
    return selectors.moderation_queue(request.auth, status=status).select_related(
        "reporter__profile", "reported_user__profile", "target_type"
    )


@router.get("/moderation/reports/{report_id}", response=ModeratedReportDetailOut)
@answers(403)
def moderation_report(request: HttpRequest, report_id: int):
    _require_moderator(request)
    report = selectors.report_for_moderator(request.auth, report_id)
    if report is None:
        raise Http404
    return report
