"""What synthetic records are made of: pools of names, occupations and stated reasons, and the
spelling of a name in the other scripts a registry holds.

Pure Python like the generator that draws from it (:mod:`guwah.registry.synthetic`). The
pools are public knowledge: common Uyghur given names, as common as "John" or "Maria".
"""

from __future__ import annotations

from functools import lru_cache

from guwah.names.uyghur import capitalize_words, uey_to_uly, uly_to_usy

# Given names in Uyghur Arabic script with a customary Chinese transcription. Either column may
# be wrong for a particular family (spellings vary); that is realistic enough for test data.
MALE_NAMES: tuple[tuple[str, str], ...] = (
    ("مەمەت", "买买提"),
    ("مۇھەممەت", "木合买提"),
    ("ئەخمەت", "艾合买提"),
    ("تۇرسۇن", "吐尔逊"),
    ("ئابدۇللا", "阿不都拉"),
    ("ئەركىن", "艾尔肯"),
    ("ئىلھام", "伊力哈木"),
    ("ئادىل", "阿迪力"),
    ("قادىر", "卡迪尔"),
    ("ياسىن", "亚森"),
    ("ئىمىن", "依明"),
    ("ئوسمان", "吾斯曼"),
    ("ئابلەت", "阿不来提"),
    ("ئەنۋەر", "艾尼瓦尔"),
    ("پەرھات", "帕尔哈提"),
    ("دىلشات", "迪力夏提"),
    ("ئالىم", "阿里木"),
    ("غوپۇر", "吾甫尔"),
    ("ھاشىم", "哈西木"),
    ("مەخمۇت", "买合木提"),
    ("ئەكبەر", "艾克拜尔"),
    ("ئۆمەر", "吾买尔"),
    ("يۈسۈپ", "玉素甫"),
    ("ئىبراھىم", "伊布拉音"),
    ("سادىق", "萨迪克"),
    ("تاھىر", "塔伊尔"),
    ("ئەسقەر", "艾斯卡尔"),
    ("بەختىيار", "拜合提亚尔"),
    ("مۇختەر", "木合塔尔"),
    ("ئەلى", "艾力"),
    ("ھەسەن", "艾山"),
    ("ئىسمائىل", "司马义"),
    ("قۇربان", "库尔班"),
    ("ئەيسا", "艾萨"),
    ("مۇسا", "木沙"),
    ("ئاۋۇت", "阿吾提"),
    ("ساۋۇت", "萨吾提"),
    ("ئۆتكۈر", "吾提库尔"),
    ("تۇرغۇن", "吐尔洪"),
    ("روزى", "肉孜"),
    ("نىياز", "尼亚孜"),
    ("ئەمەت", "艾买提"),
    ("ئابلىز", "阿不力孜"),
    ("نۇرمەمەت", "努尔买买提"),
)
FEMALE_NAMES: tuple[tuple[str, str], ...] = (
    ("گۈلنار", "古丽娜尔"),
    ("مەريەم", "麦尔耶姆"),
    ("ئايگۈل", "阿依古丽"),
    ("پاتىگۈل", "帕提古丽"),
    ("زۆھرە", "佐热"),
    ("ئامىنە", "阿米娜"),
    ("خەدىچە", "海迪且"),
    ("نۇرگۈل", "努尔古丽"),
    ("ئاسىيە", "阿西耶"),
    ("راھىلە", "热依拉"),
    ("دىلنۇر", "迪丽努尔"),
    ("سەنەم", "赛乃木"),
    ("مېھرىبان", "米合日班"),
    ("ئايشەم", "阿依夏木"),
    ("گۈلمىرە", "古丽米热"),
    ("مۇنىرە", "木尼热"),
    ("ساجىدە", "萨吉旦"),
    ("ماھىرە", "玛依热"),
    ("زۇلپىيە", "祖力皮耶"),
    ("ئابىدە", "阿比旦"),
    ("پەرىدە", "帕丽旦"),
    ("سەلىمە", "赛丽曼"),
    ("مۇكەررەم", "木凯热木"),
    ("گۈلبەھرە", "古丽拜合热"),
    ("ھەلچەم", "海力切木"),
    ("بۈۋىسارە", "布维沙热"),
)
# Compound names: a stem and an ending, as Uyghur names are often formed (Ay + gül = Aygül,
# Memet + jan = Memetjan, Abdu + qadir = Abduqadir).
FEMALE_STEMS = (
    ("ئاي", "阿依"),
    ("نۇر", "努尔"),
    ("ئانار", "阿娜尔"),
    ("تۇرسۇن", "吐尔逊"),
    ("رەيھان", "热依汗"),
    ("ئارزۇ", "阿尔祖"),
    ("رىزۋان", "热孜万"),
    ("مېھرى", "米合日"),
    ("شىرىن", "希林"),
    ("بۇ", "布"),
)
FEMALE_ENDING = ("گۈل", "古丽")
MALE_STEMS = (
    ("مەمەت", "买买提"),
    ("ئەلى", "艾力"),
    ("قۇربان", "库尔班"),
    ("ئالىم", "阿里木"),
    ("ئەكبەر", "艾克拜尔"),
    ("ئەسقەر", "艾斯卡尔"),
    ("تۇرسۇن", "吐尔逊"),
    ("نۇر", "努尔"),
)
MALE_ENDING = ("جان", "江")
ABDU = ("ئابدۇ", "阿不都")
ABDU_ENDINGS = (
    ("رېھىم", "热依木"),
    ("قادىر", "卡迪尔"),
    ("كېرىم", "克力木"),
    ("ۋەلى", "瓦力"),
    ("سەتتار", "沙塔尔"),
    ("رەشىت", "热西提"),
    ("غاپپار", "加帕尔"),
    ("شۈكۈر", "西库尔"),
)

OCCUPATIONS = (
    "farmer",
    "teacher",
    "imam",
    "shopkeeper",
    "driver",
    "doctor",
    "nurse",
    "student",
    "university lecturer",
    "businessman",
    "tailor",
    "cook",
    "writer",
    "musician",
    "civil servant",
    "retired",
    "engineer",
    "accountant",
)
STATED_REASONS = (
    "travel abroad",
    "relatives abroad",
    "praying",
    "WhatsApp on the phone",
    "wearing a veil",
    "too many children",
    "studying religion",
    "a passport application",
    "not stated",
    "religious extremism (as the authorities call it)",
)
WITNESS_RELATIONSHIPS = ("daughter", "son", "sister", "brother", "niece", "grandson", "cousin")
# The language a witness spoke, with a first line in it that says what the testimony is; the
# details follow in English so that every reader of a demonstration can follow them.
WITNESS_LANGUAGES = (
    ("ug", "بۇ پەقەت كۆرسىتىش ئۈچۈن ياسالغان گۇۋاھلىق، ئۇنىڭدىكى كىشىلەر يوق."),
    ("ug", "بۇ پەقەت كۆرسىتىش ئۈچۈن ياسالغان گۇۋاھلىق، ئۇنىڭدىكى كىشىلەر يوق."),
    ("ug", "بۇ پەقەت كۆرسىتىش ئۈچۈن ياسالغان گۇۋاھلىق، ئۇنىڭدىكى كىشىلەر يوق."),
    ("en", ""),
    ("tr", "Bu, yalnızca gösterim için üretilmiş bir tanıklıktır; içindeki kişiler yoktur."),
    ("zh", "这是仅为演示而生成的证词，其中的人物并不存在。"),
)
EVIDENCE_KINDS = ("leaked_record", "news_report", "official_document", "photo", "leaked_record")

# Visibility is mostly restricted, as in a real registry; a few records are public, always
# with the family's consent to publication.
VISIBILITY_WEIGHTS = (("restricted", 70), ("internal", 25), ("public", 5))


# --------------------------------------------------------------------------------------------
# Names in every script


@lru_cache(maxsize=65536)
def latin_of(arabic: str) -> str:
    return capitalize_words(uey_to_uly(arabic))


@lru_cache(maxsize=65536)
def cyrillic_of(arabic: str) -> str:
    return capitalize_words(uly_to_usy(uey_to_uly(arabic)))


@lru_cache(maxsize=65536)
def pinyin_of(chinese: str) -> str:
    """``买买提·吐尔逊`` → ``Maimaiti Tuerxun``, as Chinese official English writes names."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return ""
    parts = [part for part in chinese.replace("·", " ").split() if part]
    return " ".join("".join(lazy_pinyin(part)).capitalize() for part in parts)


# Common ways the same name is spelled outside the standard, so that the registry holds the
# variants a matcher must recognise: Turkish style and English style.
_TURKISH = (("ch", "ç"), ("sh", "ş"), ("gh", "ğ"), ("x", "h"), ("q", "k"), ("w", "v"), ("é", "e"))
_ENGLISH = (("x", "kh"), ("ü", "u"), ("ö", "o"), ("é", "e"), ("'", ""), ("q", "k"))


@lru_cache(maxsize=65536)
def informal_spelling(latin: str, style: str) -> str:
    text = latin.lower()
    for old, new in _TURKISH if style == "tr" else _ENGLISH:
        text = text.replace(old, new)
    return " ".join(word[:1].upper() + word[1:] for word in text.split())
