from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from kuza.people.capacity import METRICS, MapFilter, capacity_map, need_sources
from kuza.people.forms import MapForm
from kuza.people.mapchart import render_capacity_svg
from kuza.people.services import map_version
from kuza.safety.selectors import blocked_user_ids
from kuza.skills.models import Skill, SkillCategory
from kuza.skills.selectors import (
    localise_categories,
    localise_skills,
)

SVG_CACHE_SECONDS = 300


def _map_request(request: HttpRequest):
    """(filter, metric, what-is-shown label, query string) from the GET form."""
    form = MapForm(request.GET or None)
    map_filter, metric, subject = MapFilter(), "mentors", _("all skills")
    if request.GET and form.is_valid():
        data = form.cleaned_data
        metric = data["metric"] or "mentors"
        language = data["language"] or None
        map_filter = MapFilter(language=language)
        if data["skill"]:
            skill = Skill.objects.filter(slug=data["skill"]).first()
            if skill is not None:
                map_filter = MapFilter.for_skill(skill, language)
                subject = localise_skills([skill])[0].label
        elif data["category"]:
            category = SkillCategory.objects.filter(slug=data["category"]).first()
            if category is not None:
                map_filter = MapFilter.for_category(category, language)
                subject = localise_categories([category])[0].label
        if data["language"]:
            subject = _("%(subject)s, speaking %(language)s") % {
                "subject": subject,
                "language": data["language"],
            }
    return form, map_filter, metric, subject


@vary_on_cookie
@require_GET
def capacity_page(request: HttpRequest) -> HttpResponse:
    form, map_filter, metric, subject = _map_request(request)
    rows = capacity_map(request.user, map_filter)
    return render(
        request,
        "people/capacity_map.html",
        {
            "form": form,
            "rows": rows,
            "metric": metric,
            "metric_label": METRICS[metric],
            "subject": subject,
            "sources": need_sources(),
            "svg_query": request.GET.urlencode(),
        },
    )


@vary_on_cookie
@require_GET
def capacity_svg(request: HttpRequest) -> HttpResponse:
    form, map_filter, metric, subject = _map_request(request)
    # Counts depend on who looks (visibility, blocks), so the cache is per viewer.
    # Blocks are part of the key so that a new block shows at once.
    viewer_key = request.user.pk if request.user.is_authenticated else "anonymous"
    blocked = ",".join(str(pk) for pk in sorted(blocked_user_ids(request.user)))
    digest = hashlib.sha256(f"{blocked}|{request.GET.urlencode()}".encode()).hexdigest()[:32]
    key = f"people:map-svg:{map_version()}:{viewer_key}:{get_language()}:{digest}"
    svg = cache.get(key)
    if svg is None:
        rows = capacity_map(request.user, map_filter)
        title = _("%(metric)s: %(subject)s") % {"metric": METRICS[metric], "subject": subject}
        svg = render_capacity_svg(rows, metric, title)
        cache.set(key, svg, SVG_CACHE_SECONDS)
    response = HttpResponse(svg, content_type="image/svg+xml")
    scope = "private" if request.user.is_authenticated else "public"
    response["Cache-Control"] = f"{scope}, max-age={SVG_CACHE_SECONDS}"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
