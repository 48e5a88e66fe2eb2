"""What became of each person's case, told by the apps that carry the record out.

A family member wants to know, for each relative, what the organisation did: sent to the UN on
which date, under which case number, whether a government's reply waits for her answer and by
when. Those steps are kept by apps above the registry (the UN path, later others), which the
registry may not import. Each such app registers a function when it starts
(``AppConfig.ready``); the family's pages ask ``case_steps_for`` and show every step in the
reader's language, without knowing which app told it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from guwah.registry.models import Person


@dataclass(frozen=True)
class CaseStep:
    """One thing that happened to a case, said in plain words.

    ``label`` is already translated (a lazy string is fine); ``answer_by`` is set when the family
    must answer something by that day (a government's reply), so pages can put it first.
    """

    label: str
    on: datetime.date | None = None
    detail: str = ""
    answer_by: datetime.date | None = None


# Given the reader and the persons shown, the steps of each person's case by person id. A
# provider reports only what the reader may know: it asks the access policy itself.
CaseStepsProvider = Callable[[Any, Sequence[Person]], dict[int, list[CaseStep]]]

_providers: list[CaseStepsProvider] = []


def register_case_steps(provider: CaseStepsProvider) -> CaseStepsProvider:
    """Add ``provider``'s steps to every case; registering twice adds it once."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def case_steps_for(reader: Any, persons: Sequence[Person]) -> dict[int, list[CaseStep]]:
    """Every registered app's steps for each of ``persons``, oldest first, by person id."""
    steps: dict[int, list[CaseStep]] = {person.pk: [] for person in persons}
    for provider in _providers:
        for person_id, told in provider(reader, persons).items():
            steps.setdefault(person_id, []).extend(told)
    for told in steps.values():
        told.sort(key=lambda step: step.on or datetime.date.min)
    return steps
