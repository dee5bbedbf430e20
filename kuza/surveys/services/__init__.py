"""Writes: building surveys, answering them, inviting people, and the ready template.

One module per activity; every public function is keyword-only, named `<entity>_<action>`
and runs in a transaction.
"""

from __future__ import annotations


class SurveyError(Exception):
    """A request that cannot be honoured, with a message for the person."""


class NotAllowed(SurveyError):
    """The person may not do this (not an organiser, not in the audience, survey closed...)."""


class AlreadySubmitted(SurveyError):
    """The response was submitted already: a second submission or a replay changes nothing."""
