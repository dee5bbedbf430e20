"""IANA time zones, checked against the zone database once per process, and picked by name.

People type a place ("Nairobi", "Kenya", "كينيا", "Paris") in their own language or in English;
`TimeZoneField` turns it into the zone (Africa/Nairobi) and shows a stored zone by its name in
the reader's language ("توقيت كينيا"). Names come from CLDR through Babel.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_location
from django import forms
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

MAX_SHOWN_MATCHES = 8
_NOT_PLACES = ("Etc/", "SystemV/", "US/", "posix/", "right/", "Canada/", "Brazil/", "Chile/")


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_time_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone such as Africa/Nairobi."""
    return name in _known_zones()


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


@cache
def _names(language: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """(zone -> its name in `language`, folded name or city -> zones), for one language."""
    locale, english = _locale(language), _locale("en")
    labels: dict[str, str] = {}
    index: dict[str, set[str]] = {}
    for zone in sorted(_known_zones()):
        if "/" not in zone or zone.startswith(_NOT_PLACES):
            continue
        label = get_timezone_location(zone, locale=locale)
        labels[zone] = label
        keys = {
            zone,
            label,
            zone.rsplit("/", 1)[-1],
            get_timezone_location(zone, locale=locale, return_city=True),
            get_timezone_location(zone, locale=english),
            get_timezone_location(zone, locale=english, return_city=True),
        }
        for key in keys:
            index.setdefault(_fold(key), set()).add(zone)
    return labels, index


def time_zone_label(zone: str, language: str | None = None) -> str:
    """The zone's name in `language` (default: the active one), e.g. "Kenya Time"."""
    labels, _index = _names(language or get_language() or "en")
    return labels.get(zone, zone)


def _one_per_place(zones: set[str], labels: dict[str, str]) -> list[str]:
    """Aliases (Africa/Asmara, Africa/Asmera) share a name: keep the first of each."""
    chosen: dict[str, str] = {}
    for zone in sorted(zones):
        chosen.setdefault(labels.get(zone, zone), zone)
    return sorted(chosen.values(), key=lambda zone: labels.get(zone, zone))


def time_zones_named(text: str, language: str | None = None) -> list[str]:
    """The zones whose name, city or IANA name is `text` (else contains it), one per place."""
    labels, index = _names(language or get_language() or "en")
    wanted = _fold(text)
    if not wanted:
        return []
    if text.strip() in _known_zones():
        return [text.strip()]
    exact = index.get(wanted)
    if exact:
        return _one_per_place(exact, labels)
    found = {zone for key, zones in index.items() if wanted in key for zone in zones}
    return _one_per_place(found, labels)


class TimeZoneField(forms.CharField):
    """A time zone typed by name, stored as its IANA name; works without JavaScript."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "Type a city or country, in your language or in English, e.g. Nairobi or Kenya."
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) and is_time_zone(value):
            return time_zone_label(value)
        return value

    def to_python(self, value) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        zones = time_zones_named(text)
        if len(zones) == 1:
            return zones[0]
        if not zones:
            raise forms.ValidationError(
                _("No time zone is called “%(text)s”. Type a city or a country."),
                params={"text": text},
            )
        shown = [time_zone_label(zone) for zone in zones[:MAX_SHOWN_MATCHES]]
        raise forms.ValidationError(
            _("Several time zones match “%(text)s”: %(names)s. Type one of these names."),
            params={"text": text, "names": "; ".join(shown)},
        )
