"""Who may see what is decided in one place: no app filters hidden content, suspended
accounts or blocks by hand (they read through kuza.audience, whose people rule lives in
kuza.people.visibility; safety owns blocks and moderation and is allowed its own).

The few remaining lines are listed with their reason, line by line: a hand filter put back
anywhere, even in one of these files, fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import kuza

ROOT = Path(kuza.__file__).parent
HAND_FILTER = re.compile(
    r"exclude_hidden\(|hidden_ids\(|is_hidden\(|blocked_user_ids\(|blocked_with_q\("
    r"|\bis_active=(True|False)|__is_active\b"
)
OWNERS = ("audience/", "people/visibility.py", "safety/")

# (file, line without surrounding spaces), grouped under why each is not a visibility rule.
ALLOWED = {
    # Writes: whom one may add or grant something to (refusing a suspended account).
    (
        "translation/services.py",
        "user = get_user_model().objects.filter(username=username, is_active=True).first()",
    ),
    (
        "surveys/management/commands/survey_template.py",
        "user = get_user_model().objects.filter(username=username, is_active=True).first()",
    ),
    ("credentials/services.py", "username__in=[row.username for row in rows], is_active=True"),
    (
        "credentials/services.py",
        "for user in get_user_model().objects.filter(query, is_active=True):",
    ),
    (
        "credentials/tasks.py",
        "user = get_user_model().objects.filter(pk=user_id, is_active=True).first()",
    ),
    ("learning/scheduling.py", "users = get_user_model().objects.filter(is_active=True)"),
    (
        "mentorship/demo.py",
        ".objects.filter(pk__in=[user.pk for user in users.values()], is_active=True)",
    ),
    # Award rules have their own on/off switch named is_active.
    ("credentials/services.py", 'kind=rule_kind, is_active=True, target_key__in=[subject, ""]'),
    (
        "credentials/selectors.py",
        'AwardRule.objects.filter(kind=kind, is_active=True, target_key__in=[subject, ""])',
    ),
    # Signing in with a token: an authentication rule, not an audience.
    (
        "accounts/services.py",
        ".filter(prefix=parts[1], revoked_at__isnull=True, user__is_active=True)",
    ),
    # Ids the pure matching core and anonymous respondent keys need as values.
    ("mentorship/suggestions.py", "blocked_ids=frozenset(blocked_user_ids(learner)),"),
    ("surveys/capacity.py", "left_out |= blocked_user_ids(viewer)"),
    # A cache key: a new block must show at once on the map.
    (
        "people/views/capacity.py",
        'blocked = ",".join(str(pk) for pk in sorted(blocked_user_ids(request.user)))',
    ),
    # An index of the few inactive accounts, which every list of people leaves out.
    (
        "accounts/models.py",
        'fields=["id"], condition=models.Q(is_active=False), name="accounts_user_inactive"',
    ),
    # The map's precomputed sums (which name nobody) corrected for the viewer's blocks.
    (
        "people/capacity.py",
        'parts += [(part, None) for part in _or_parts(blocked_with_q(viewer, "user_id"))]',
    ),
    # The data migration filling the search and map copies states the rule on historical
    # models, which the live selectors cannot query.
    ("people/listing.py", 'inactive = user_model.objects.filter(is_active=False).values("pk")'),
    ("people/listing.py", "Q(safety_preferences__hide_from_map=True) | Q(is_active=False)"),
    # Leaderboards count people they do not name (the rule stated on the page).
    # Blocks either way, as conditions of the one query that finds the unnamed rows.
    ("campaigns/selectors/leaderboard.py", '| blocked_with_q(viewer, "user")'),
    (
        "campaigns/selectors/leaderboard.py",
        'Q(user__in=hidden_members) | blocked_with_q(viewer, "user") | ~Q(user__in=named_members)',
    ),
}


def _hand_filters() -> list[tuple[str, str]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(OWNERS) or "/tests/" in f"/{relative}" or "/migrations/" in relative:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if HAND_FILTER.search(line):
                found.append((relative, line.strip()))
    return found


def test_no_app_filters_hidden_content_suspension_or_blocks_by_hand():
    unexpected = [
        f"{path}: {line}" for path, line in _hand_filters() if (path, line) not in ALLOWED
    ]
    assert not unexpected, "use kuza.audience (visible_to, access, may_see, among_people):\n" + (
        "\n".join(unexpected)
    )


def test_the_allowed_list_holds_no_line_that_is_gone():
    present = set(_hand_filters())
    assert not [entry for entry in ALLOWED if entry not in present]


def test_the_search_finds_a_hand_filter_put_back():
    line = 'organisers = programme.organisers.filter(is_active=True).select_related("profile")'
    assert HAND_FILTER.search(line)
    assert HAND_FILTER.search("lessons = exclude_hidden(lessons)")
    assert HAND_FILTER.search("Registration.objects.filter(event=event, user__is_active=True)")


# Templates naming a person without the presenter ({% person %}): only people's own cards
# (built by kuza.people.selectors under the tiers), one's own account, and the wiki names
# campaigns show under their leaderboard rule.
NAMES_IN_TEMPLATES = re.compile(r"\.(display_name|get_username|username)\b")
NAMED_BY_THEIR_OWN_RULE = {
    "accounts/templates/accounts/account_home.html",
    "campaigns/templates/campaigns/contributors.html",
    "credentials/templates/credentials/manage/badge_class.html",
    "people/templates/people/profile_detail.html",
    "people/templates/people/search.html",
    "people/templates/people/organisation_edit.html",
    "people/templates/people/organisation_detail.html",
}


def test_every_template_names_people_through_the_presenter():
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in NAMED_BY_THEIR_OWN_RULE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            outside_tags = re.sub(r"\{% person [^%]*%\}", "", line)
            if NAMES_IN_TEMPLATES.search(outside_tags):
                found.append(f"{relative}:{number}")
    assert not found, "name people with {% person %} (kuza.audience):\n" + "\n".join(found)
