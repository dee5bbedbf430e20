"""Organisers' pages: create a survey (or start from the template), its sections and
questions in order (up and down buttons, no script), publishing, closing, invitations.

Every page fetches the survey through `_organised`, so anyone who is not one of its
organisers gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kuza.people.models import Organisation
from kuza.surveys import selectors
from kuza.surveys.forms import (
    NewQuestionForm,
    OrganiserForm,
    QuestionForm,
    SectionForm,
    SurveyForm,
    TemplateForm,
    TokensForm,
)
from kuza.surveys.models import Question, Section, Survey
from kuza.surveys.services import SurveyError, building, invitations
from kuza.surveys.services.template import survey_from_template


def _organised(request: HttpRequest, pk: int) -> Survey:
    survey = Survey.objects.select_related("organisation").filter(pk=pk).first()
    if survey is None or not selectors.is_organiser(request.user, survey):
        raise Http404
    return survey


def _organisations_for(user):
    if user.is_staff:
        return Organisation.objects.order_by("name")
    return selectors.organisations_administered_by(user).order_by("name")


def _may_create(request: HttpRequest) -> None:
    if not selectors.can_create_surveys(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    _may_create(request)
    organisations = _organisations_for(request.user)
    form = SurveyForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            survey = building.survey_create(creator=request.user, fields=form.to_fields())
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The survey is created as a draft. Add its questions."))
            return redirect("surveys:build", pk=survey.pk)
    context = {"form": form, "template_form": TemplateForm(organisations=organisations)}
    return render(request, "surveys/survey_form.html", context)


@login_required
@require_POST
def from_template(request: HttpRequest) -> HttpResponse:
    _may_create(request)
    form = TemplateForm(request.POST, organisations=_organisations_for(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your organisations."))
        return redirect("surveys:create")
    try:
        survey = survey_from_template(
            creator=request.user, organisation=form.cleaned_data["organisation"]
        )
    except SurveyError as error:
        messages.error(request, str(error))
        return redirect("surveys:create")
    messages.success(request, _("The survey is ready as a draft: review it, then publish it."))
    return redirect("surveys:build", pk=survey.pk)


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _organised(request, pk)
    form = SurveyForm(
        request.POST or None,
        organisations=_organisations_for(request.user),
        initial=SurveyForm.initial_for(survey),
    )
    if request.method == "POST" and form.is_valid():
        try:
            building.survey_update(user=request.user, survey=survey, fields=form.to_fields())
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("surveys:build", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@login_required
@require_http_methods(["GET"])
def build(request: HttpRequest, pk: int) -> HttpResponse:
    return _build_page(request, _organised(request, pk))


def _build_page(
    request: HttpRequest, survey: Survey, *, organiser_form=None, status: int = 200
) -> HttpResponse:
    sections = selectors.sections_of(survey)
    for section in sections:
        section.question_list = list(section.questions.order_by("position", "pk"))
    context = {
        "survey": survey,
        "sections": sections,
        "section_form": SectionForm(),
        "question_form": NewQuestionForm(),
        "organiser_form": organiser_form or OrganiserForm(viewer=request.user),
        "tokens_form": TokensForm(),
        "organisers": list(survey.organisers.select_related("profile").order_by("username")),
        "responses": survey.responses.filter(submitted=True).count(),
    }
    return render(request, "surveys/build.html", context, status=status)


def _back(survey: Survey, anchor: str = "") -> HttpResponse:
    return redirect(reverse("surveys:build", args=[survey.pk]) + anchor)


def _run(request: HttpRequest, action, success: str | None = None) -> bool:
    """Run a service call, turning its refusal into a message; True when it succeeded."""
    try:
        action()
    except SurveyError as error:
        messages.error(request, str(error))
        return False
    if success:
        messages.success(request, success)
    return True


@login_required
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _organised(request, pk)
    form = SectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the section a title."))
    else:
        _run(
            request,
            lambda: building.section_add(
                user=request.user, survey=survey, title=form.cleaned_data["title"]
            ),
        )
    return _back(survey)


def _section(survey: Survey, section_id: int) -> Section:
    return get_object_or_404(Section, pk=section_id, survey=survey)


def _question(survey: Survey, question_id: int) -> Question:
    return get_object_or_404(Question, pk=question_id, survey=survey)


@login_required
@require_POST
def section_action(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    """Rename, move up or down, or delete a section (the button pressed says which)."""
    survey = _organised(request, pk)
    section = _section(survey, section_id)
    action = request.POST.get("action")
    if action in ("up", "down"):
        direction = -1 if action == "up" else 1
        _run(
            request,
            lambda: building.section_move(user=request.user, section=section, direction=direction),
        )
    elif action == "delete":
        _run(
            request,
            lambda: building.section_delete(user=request.user, section=section),
            _("The section is deleted."),
        )
    elif action == "rename":
        form = SectionForm(request.POST)
        if form.is_valid():
            _run(
                request,
                lambda: building.section_update(
                    user=request.user, section=section, title=form.cleaned_data["title"]
                ),
            )
    return _back(survey, f"#s{section.pk}")


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    survey = _organised(request, pk)
    section = _section(survey, section_id)
    form = NewQuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a kind and write the question."))
        return _back(survey, f"#s{section.pk}")
    kind = form.cleaned_data["kind"]
    holder: dict = {}

    def add() -> None:
        holder["question"] = building.question_add(
            user=request.user,
            section=section,
            fields=building.QuestionFields(kind=kind, text=form.cleaned_data["text"]),
        )

    if not _run(request, add):
        return _back(survey, f"#s{section.pk}")
    question = holder["question"]
    if kind in (
        Question.Kind.SINGLE,
        Question.Kind.MULTIPLE,
        Question.Kind.SKILLS,
        Question.Kind.SCALE,
        Question.Kind.NUMBER,
    ):
        messages.info(request, _("Now complete the question's details."))
        return redirect("surveys:question", pk=survey.pk, question_id=question.pk)
    return _back(survey, f"#q{question.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    survey = _organised(request, pk)
    question = _question(survey, question_id)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            building.question_update(user=request.user, question=question, fields=form.to_fields())
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question is saved."))
            return _back(survey, f"#q{question.pk}")
    status = 400 if form.errors else 200
    return render(
        request,
        "surveys/question_form.html",
        {"survey": survey, "question": question, "form": form},
        status=status,
    )


@login_required
@require_POST
def question_action(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    survey = _organised(request, pk)
    question = _question(survey, question_id)
    action = request.POST.get("action")
    if action in ("up", "down"):
        direction = -1 if action == "up" else 1
        _run(
            request,
            lambda: building.question_move(
                user=request.user, question=question, direction=direction
            ),
        )
    elif action == "delete":
        _run(
            request,
            lambda: building.question_delete(user=request.user, question=question),
            _("The question is deleted."),
        )
        return _back(survey, f"#s{question.section_id}")
    return _back(survey, f"#q{question.pk}")


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _organised(request, pk)
    _run(
        request,
        lambda: building.survey_publish(user=request.user, survey=survey),
        _("The survey is published."),
    )
    return _back(survey)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _organised(request, pk)
    _run(
        request,
        lambda: building.survey_close_now(user=request.user, survey=survey),
        _("The survey is closed."),
    )
    return _back(survey)


@login_required
@require_POST
def organiser_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _organised(request, pk)
    form = OrganiserForm(request.POST, viewer=request.user)
    if not form.is_valid():
        # No one, or several people, match the name: the page again, with the matches to pick.
        return _build_page(request, survey, organiser_form=form, status=400)
    _run(
        request,
        lambda: building.survey_organiser_add(
            user=request.user, survey=survey, person=form.cleaned_data["person"]
        ),
        _("The co-organiser is added."),
    )
    return _back(survey, "#organisers")


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _organised(request, pk)
    try:
        count = invitations.invitations_send(user=request.user, survey=survey)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d member is invited by email.",
                "%(count)d members are invited by email.",
                count,
            )
            % {"count": count},
        )
    return _back(survey, "#invite")


@login_required
@require_POST
def tokens(request: HttpRequest, pk: int) -> HttpResponse:
    """Create single-use links and show them once: only their hash is kept."""
    survey = _organised(request, pk)
    form = TokensForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Create between 1 and 200 links at once."))
        return _back(survey, "#invite")
    try:
        created = invitations.invitation_tokens_create(
            user=request.user, survey=survey, count=form.cleaned_data["count"]
        )
    except SurveyError as error:
        messages.error(request, str(error))
        return _back(survey, "#invite")
    links = [
        request.build_absolute_uri(reverse("surveys:invitation", args=[survey.pk, token]))
        for token in created
    ]
    response = render(request, "surveys/tokens.html", {"survey": survey, "links": links})
    response["Cache-Control"] = "no-store"
    return response
