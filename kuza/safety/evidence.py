"""Evidence links attached to a report: a few http(s) URLs, one a line."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_LINKS = 10
MAX_LINK_LENGTH = 500

_validate_url = URLValidator(schemes=["http", "https"])


def clean_evidence_links(links: list[str] | str) -> list[str]:
    """The links, stripped, without blanks or repeats; ValidationError names any bad one."""
    lines = links.splitlines() if isinstance(links, str) else list(links)
    cleaned: list[str] = []
    for line in lines:
        link = str(line).strip()
        if not link or link in cleaned:
            continue
        if len(link) > MAX_LINK_LENGTH:
            raise ValidationError(
                _("A link can have at most %(count)d characters.") % {"count": MAX_LINK_LENGTH}
            )
        try:
            _validate_url(link)
        except ValidationError:
            raise ValidationError(
                _("“%(link)s” is not a web address; start it with https://.") % {"link": link}
            ) from None
        cleaned.append(link)
    if len(cleaned) > MAX_LINKS:
        raise ValidationError(
            ngettext("Give at most %(count)d link.", "Give at most %(count)d links.", MAX_LINKS)
            % {"count": MAX_LINKS}
        )
    return cleaned
