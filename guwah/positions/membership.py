"""Which ISO 3166-1 entries are members of the United Nations, and which are observer states.

ISO 3166-1 (as published by ``pycountry``) lists 249 countries and territories but says nothing
about the United Nations. Membership is therefore derived by exclusion: every ISO 3166-1 entry is
taken to be one of the 193 member states except the two non-member observer states and the 54
entries below, which are dependent territories, Antarctica, Taiwan and Western Sahara. The list
is written out here so that anyone can check it against the UN's own list of member states
(https://www.un.org/en/about-us/member-states); a test asserts that exactly 193 members result.
"""

from __future__ import annotations

from enum import StrEnum


class UnStatus(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    NONE = "none"


# Non-member states holding permanent observer status in the General Assembly.
OBSERVER_STATES = frozenset({"VAT", "PSE"})

# ISO 3166-1 entries that are not UN member states, by alpha-3 code.
NOT_UN_MEMBERS = frozenset(
    {
        "ABW",  # Aruba
        "AIA",  # Anguilla
        "ALA",  # Åland Islands
        "ASM",  # American Samoa
        "ATA",  # Antarctica
        "ATF",  # French Southern Territories
        "BES",  # Bonaire, Sint Eustatius and Saba
        "BLM",  # Saint Barthélemy
        "BMU",  # Bermuda
        "BVT",  # Bouvet Island
        "CCK",  # Cocos (Keeling) Islands
        "COK",  # Cook Islands
        "CUW",  # Curaçao
        "CXR",  # Christmas Island
        "CYM",  # Cayman Islands
        "ESH",  # Western Sahara
        "FLK",  # Falkland Islands (Malvinas)
        "FRO",  # Faroe Islands
        "GGY",  # Guernsey
        "GIB",  # Gibraltar
        "GLP",  # Guadeloupe
        "GRL",  # Greenland
        "GUF",  # French Guiana
        "GUM",  # Guam
        "HKG",  # Hong Kong
        "HMD",  # Heard Island and McDonald Islands
        "IMN",  # Isle of Man
        "IOT",  # British Indian Ocean Territory
        "JEY",  # Jersey
        "MAC",  # Macao
        "MAF",  # Saint Martin (French part)
        "MNP",  # Northern Mariana Islands
        "MSR",  # Montserrat
        "MTQ",  # Martinique
        "MYT",  # Mayotte
        "NCL",  # New Caledonia
        "NFK",  # Norfolk Island
        "NIU",  # Niue
        "PCN",  # Pitcairn
        "PRI",  # Puerto Rico
        "PYF",  # French Polynesia
        "REU",  # Réunion
        "SGS",  # South Georgia and the South Sandwich Islands
        "SHN",  # Saint Helena, Ascension and Tristan da Cunha
        "SJM",  # Svalbard and Jan Mayen
        "SPM",  # Saint Pierre and Miquelon
        "SXM",  # Sint Maarten (Dutch part)
        "TCA",  # Turks and Caicos Islands
        "TKL",  # Tokelau
        "TWN",  # Taiwan
        "UMI",  # United States Minor Outlying Islands
        "VGB",  # Virgin Islands, British
        "VIR",  # Virgin Islands, U.S.
        "WLF",  # Wallis and Futuna
    }
)


def un_status(alpha_3: str) -> UnStatus:
    """The UN status of the ISO 3166-1 entry with this alpha-3 code."""
    code = alpha_3.upper()
    if code in OBSERVER_STATES:
        return UnStatus.OBSERVER
    if code in NOT_UN_MEMBERS:
        return UnStatus.NONE
    return UnStatus.MEMBER
