"""The programme list, a programme's page, and its vision board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.audience.selectors import people_shown_to
from kuza.campaigns.selectors import campaigns_visible_to
from kuza.events.selectors import events_visible_to
from kuza.learning.selectors import course_list
from kuza.programs import selectors, services
from kuza.programs.forms import ProgrammeForm, VisionPostForm
from kuza.programs.views.common import participant_or_404, visible_or_404
from kuza.safety.decorators import conduct_required
from kuza.safety.services import SafetyError
from kuza.translation.selectors import prefetch_translations


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    mine = selectors.programmes_of(request.user)
    others = selectors.programmes_visible_to(request.user).exclude(pk__in=mine.values("pk"))
    return render(
        request,
        "programs/list.html",
        {
            "mine": mine,
            "others": others,
            "may_create": selectors.can_create_programmes(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_create_programmes(request.user):
        raise Http404
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = services.programme_create(creator=request.user, **form.cleaned_data)
        messages.success(request, _("The programme is created. Add its cohorts and members."))
        return redirect("programs:manage", pk=programme.pk)
    context = {"form": form, "title": _("New programme")}
    return render(request, "programs/form.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = visible_or_404(request, pk)
    user = request.user
    member = selectors.member_of(user, programme)
    participant = selectors.is_participant(user, programme)
    context = {
        "programme": programme,
        "is_organiser": selectors.is_organiser(user, programme),
        "participant": participant,
        "member": member,
        "my_plan": selectors.plan_of(user, programme),
        "cohorts": selectors.cohorts_for(user, programme),
        "posts": selectors.vision_posts_for(user, programme)[:30],
        "plans": selectors.plans_visible_to(user, programme).select_related(
            "member__user__profile"
        ),
        "post_form": VisionPostForm() if participant else None,
        "courses": programme.courses.filter(pk__in=course_list(user=user).values("pk")),
        "events": programme.events.filter(pk__in=events_visible_to(user).values("pk")),
        "campaigns": programme.campaigns.filter(pk__in=campaigns_visible_to(user).values("pk")),
        "organisers": list(selectors.programme_organisers(programme, user)),
        "mentors": list(selectors.programme_mentors(programme, user)),
    }
    for listed in ("plans", "posts", "courses", "events", "campaigns"):
        context[listed] = list(context[listed])
    # The translated titles of the programme and everything it links, in one query.
    prefetch_translations(
        [programme, *context["courses"], *context["events"], *context["campaigns"]]
    )
    # Everyone the page names, asked of the presenter in one query rather than one each.
    people_shown_to(
        user,
        [person.pk for person in context["organisers"] + context["mentors"]]
        + [plan.member.user_id for plan in context["plans"]]
        + [post.author_id for post in context["posts"]]
        + [member.user_id for cohort in context["cohorts"] for member in cohort.members.all()],
    )
    return render(request, "programs/detail.html", context)


@login_required
@conduct_required
@require_POST
def vision_post(request: HttpRequest, pk: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    member = selectors.member_of(request.user, programme)
    cohorts = {cohort.pk: cohort for cohort in programme.cohorts.all()}
    cohort = member.cohort if member else cohorts.get(int(request.POST.get("cohort") or 0))
    form = VisionPostForm(request.POST)
    if cohort is None:
        messages.error(request, _("Choose a cohort."))
    elif form.is_valid():
        try:
            services.vision_post_create(
                cohort=cohort, author=request.user, body=form.cleaned_data["body"]
            )
        except (services.ProgrammeError, SafetyError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your goal is on the vision board."))
    else:
        messages.error(request, " ".join(form.errors.get("body", [])))
    return redirect(programme.get_absolute_url() + "#vision")


@login_required
@require_POST
def vision_post_delete(request: HttpRequest, pk: int, post_id: int) -> HttpResponse:
    programme = participant_or_404(request, pk)
    post = selectors.vision_posts_for(request.user, programme).filter(pk=post_id).first()
    if post is None:
        raise Http404
    try:
        services.vision_post_delete(post=post, actor=request.user)
    except services.ProgrammeError as error:
        messages.error(request, str(error))
    return redirect(programme.get_absolute_url() + "#vision")
