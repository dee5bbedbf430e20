"""What is wrong with something a person gave Kuza (an uploaded file, a line of it), as data.

Checks of uploads report each problem as a code and its parameters, never as English text:
they are often pure modules (no Django, no request), and what they find may be kept or shown
later to someone reading another language. The page that shows a problem renders it with
gettext at display time, in the reader's language, through the message table of the app that
owns the codes (`ProblemMessages`, e.g. kuza/translation/problem_messages.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Param = str | int


@dataclass(frozen=True)
class Problem:
    code: str
    """A stable name for the kind of problem, e.g. "po_line_unterminated"."""
    params: Mapping[str, Param] = field(default_factory=dict)
    """What the message names: a line number, an entry, a placeholder. Never prose."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __str__(self) -> str:  # for logs and tracebacks, not for people
        details = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.code}({details})"


class ProblemError(ValueError):
    """Raised by a check that refuses its input; `problems` says why, each as data."""

    def __init__(self, *problems: Problem) -> None:
        if not problems:
            raise TypeError("a ProblemError needs at least one Problem")
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems: tuple[Problem, ...] = problems


class ProblemMessages:
    """An app's table from problem codes to translatable messages with %(name)s placeholders.

    `messages` maps each code to a lazy translation (gettext_lazy), so `text()` renders it in
    the language active when it is called: the reader's, on a page.
    """

    def __init__(self, messages: Mapping[str, object]) -> None:
        self._messages = dict(messages)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self._messages)

    def text(self, problem: Problem) -> str:
        return str(self._messages[problem.code]) % dict(problem.params)

    def texts(self, problems: Iterable[Problem]) -> list[str]:
        return [self.text(problem) for problem in problems]
