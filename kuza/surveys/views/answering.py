"""Respondents' pages: the list, a survey's first page, one page of questions at a time.

Plain forms and redirects, no script: each page is saved when sent, so a respondent on a
slow or interrupted connection loses at most the page they were on, and can continue later
(from another device too, once logged in). An invitation link puts its token in the session
only; the token never appears in later addresses.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kuza.surveys import selectors
from kuza.surveys.answer_forms import SectionAnswerForm, initial_from
from kuza.surveys.models import Survey
from kuza.surveys.presentation import survey_description, survey_texts, survey_title
from kuza.surveys.services import AlreadySubmitted, NotAllowed
from kuza.surveys.services.responding import AnswersInvalid, response_save_section
from kuza.translation.selectors import prefetch_translations


def _token_key(survey: Survey) -> str:
    return f"surveys:token:{survey.pk}"


def _survey_or_404(request: HttpRequest, pk: int) -> Survey:
    survey = selectors.survey_for_viewer(request.user, pk)
    if survey is None:
        raise Http404
    return survey


def _token(request: HttpRequest, survey: Survey) -> str | None:
    return request.session.get(_token_key(survey)) if survey.anonymous else None


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    context = {
        "surveys": list(selectors.surveys_for(request.user)[:50]),
        "organised": list(selectors.surveys_organised_by(request.user)[:50]),
        "may_create": selectors.can_create_surveys(request.user),
    }
    shown = context["surveys"] + context["organised"]
    # The list shows titles only: all of them in one query, not every survey's questions.
    prefetch_translations(shown)
    for survey in shown:
        survey.title_shown = survey_title(survey)
    return render(request, "surveys/list.html", context)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_or_404(request, pk)
    token = _token(request, survey)
    respondent = selectors.respondent_for(survey, request.user, token)
    response = selectors.response_of(survey, respondent)
    context = {
        "survey": survey,
        "texts": survey_texts(survey),
        "description": survey_description(survey),
        "reason": selectors.why_not_answer(survey, request.user, token),
        "response": response,
        "sections": len(selectors.sections_of(survey)),
        "is_organiser": selectors.is_organiser(request.user, survey),
        "uses_token": token is not None,
    }
    return render(request, "surveys/detail.html", context)


@require_GET
def invitation(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Open a single-use link: keep its token in the session and go to the survey."""
    survey = _survey_or_404(request, pk)
    if not survey.anonymous or not selectors.token_is_usable(survey, token):
        messages.error(request, _("This invitation link is not valid or has already been used."))
        return redirect("surveys:detail", pk=survey.pk)
    request.session[_token_key(survey)] = token
    return redirect("surveys:respond", pk=survey.pk)


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_or_404(request, pk)
    token = _token(request, survey)
    reason = selectors.why_not_answer(survey, request.user, token)
    respondent = selectors.respondent_for(survey, request.user, token)
    if reason or respondent is None:
        if reason:
            messages.error(request, reason)
        return redirect("surveys:detail", pk=survey.pk)
    response = selectors.response_of(survey, respondent)
    if response is not None and response.submitted:
        return redirect("surveys:thanks", pk=survey.pk)
    sections = selectors.sections_of(survey)
    if not sections:
        return redirect("surveys:detail", pk=survey.pk)
    reached = response.next_section if response else 0
    try:
        index = int(request.POST.get("page") or request.GET.get("page") or reached)
    except ValueError:
        index = reached
    if request.method == "GET":
        index = min(index, reached)
    # A POST keeps the page it names: answers are never saved as another page's; the
    # service refuses a page beyond the ones reached.
    index = max(0, min(index, len(sections) - 1))
    texts = survey_texts(survey)
    questions = selectors.questions_of(sections[index])
    status = 200
    if request.method == "POST":
        try:
            result = response_save_section(
                survey=survey, respondent=respondent, section_index=index, data=request.POST
            )
        except AnswersInvalid as error:
            form, status = error.form, 400
        except AlreadySubmitted as error:
            messages.info(request, str(error))
            return redirect("surveys:thanks", pk=survey.pk)
        except NotAllowed as error:
            messages.error(request, str(error))
            if selectors.why_not_answer(survey, request.user, token) is None:
                return redirect(f"{request.path}?page={reached}")  # e.g. a page skipped
            return redirect("surveys:detail", pk=survey.pk)
        else:
            if result.submitted:
                request.session.pop(_token_key(survey), None)
                return redirect("surveys:thanks", pk=survey.pk)
            return redirect(f"{request.path}?page={result.next_section}")
    else:
        initial = initial_from(selectors.answers_by_question(response), questions)
        form = SectionAnswerForm(questions=questions, texts=texts, initial=initial)
    context = {
        "survey": survey,
        "texts": texts,
        "section_title": texts.section(sections[index]),
        "form": form,
        "page": index,
        "page_number": index + 1,
        "pages": len(sections),
        "is_last": index == len(sections) - 1,
    }
    return render(request, "surveys/respond.html", context, status=status)


@require_GET
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_or_404(request, pk)
    return render(request, "surveys/thanks.html", {"survey": survey, "texts": survey_texts(survey)})
