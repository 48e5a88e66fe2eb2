"""The list filter's quick select writes the HTML of Django's own select for the same choices."""

from __future__ import annotations

import re

from django import forms
from django.utils.safestring import mark_safe

from guwah.registry.forms import FastSelect

CHOICES = [
    ("", "---------"),
    (1, "Kashgar"),
    (2, 'Hotan & "Karakax"'),
    (3, "<Aksu>"),
    (4, mark_safe("<b>already safe</b>")),
    (5, "قەشقەر"),
]


def test_it_renders_the_same_html_as_djangos_select_with_a_value_chosen() -> None:
    for value in (None, "", 2, "3"):
        ours = FastSelect(choices=CHOICES, attrs={"id": "id_place"}).render("place", value)
        django = forms.Select(choices=CHOICES, attrs={"id": "id_place"}).render("place", value)
        assert _between_tags(ours) == _between_tags(django), value


def _between_tags(html: str) -> str:
    # Django's template indents its options; whitespace between tags shows nothing.
    return re.sub(r">\s+<", "><", html)
