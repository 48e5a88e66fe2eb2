"""Relation words are read from the path of parent, child, spouse and sibling ties; no
database is needed."""

import pytest
from django.utils import translation

from guwah.family import kinship
from guwah.family.kinship import CHILD, PARENT, SIBLING, SPOUSE

WORDS = [
    ((), "", "you"),
    ((CHILD,), "m", "son"),
    ((CHILD,), "f", "daughter"),
    ((CHILD,), "", "child"),
    ((CHILD, CHILD), "", "grandchild"),
    ((CHILD, CHILD), "m", "grandson"),
    ((CHILD, CHILD), "f", "granddaughter"),
    ((CHILD, CHILD, CHILD), "", "great-grandchild"),
    ((CHILD, SPOUSE), "f", "daughter-in-law"),
    ((CHILD, SPOUSE), "m", "son-in-law"),
    ((SIBLING, CHILD), "m", "nephew"),
    ((SIBLING, CHILD), "f", "niece"),
    ((PARENT, SIBLING), "m", "uncle"),
    ((PARENT, SIBLING), "f", "aunt"),
    ((PARENT, SIBLING, CHILD), "", "cousin"),
    ((PARENT, PARENT), "", "grandparent"),
    ((PARENT, PARENT), "f", "grandmother"),
    ((SPOUSE,), "m", "husband"),
    ((SPOUSE,), "f", "wife"),
    ((SIBLING,), "f", "sister"),
    ((SPOUSE, PARENT), "f", "mother-in-law"),
    ((SIBLING, SPOUSE), "m", "brother-in-law"),
    ((CHILD, CHILD, SPOUSE), "f", "granddaughter-in-law"),
]


@pytest.mark.parametrize(("path", "sex", "word"), WORDS)
def test_each_path_of_ties_has_the_word_families_use(path, sex, word):
    with translation.override("en"):
        assert kinship.relation_word(path, sex) == word


def test_paths_that_say_the_same_as_a_shorter_one_get_its_word():
    with translation.override("en"):
        # Her husband's son is her son; her parent's daughter is her sister.
        assert kinship.relation_word((SPOUSE, CHILD), "m") == "son"
        assert kinship.relation_word((PARENT, CHILD), "f") == "sister"
        assert kinship.relation_word((CHILD, CHILD, SIBLING), "") == "grandchild"


def test_a_path_without_a_word_of_its_own_is_a_relative():
    with translation.override("en"):
        assert kinship.relation_word((SIBLING, CHILD, SPOUSE, PARENT), "m") == "relative"


def test_a_tie_guwah_does_not_store_is_refused_with_its_name():
    with pytest.raises(kinship.UnknownEdge, match="godparent"):
        kinship.relation_word((CHILD, "godparent"))


def test_the_words_are_asked_of_the_readers_language():
    # The words go through gettext: in every language of the interface they come back as text,
    # translated where a translator has done so, never as an error.
    for language in ("en", "ug", "zh-hans", "tr"):
        with translation.override(language):
            word = kinship.relation_word((CHILD, SPOUSE), "f")
            assert isinstance(word, str) and word
