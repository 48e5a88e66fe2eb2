"""Traditional characters (買, 爾, 堯) read as the simplified ones the table knows."""

from __future__ import annotations

from guwah.names.match import match_key, similarity, to_uly
from guwah.names.scripts import clean


def test_traditional_characters_are_simplified_before_reading() -> None:
    assert clean("買買提·吐爾遜") == "买买提 吐尔逊"
    assert clean("堯勒瓦斯") == "尧勒瓦斯"


def test_a_name_in_traditional_characters_keys_as_in_simplified_ones() -> None:
    assert match_key("買買提·吐爾遜") == match_key("买买提·吐尔逊") == match_key("Memet Tursun")
    assert to_uly("吐爾洪阿力馬斯") == to_uly("吐尔洪阿力马斯")
    assert similarity("吐爾洪阿力馬斯", "Turghun Almas") > 0.9
