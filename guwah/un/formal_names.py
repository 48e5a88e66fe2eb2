"""How a letter addresses a state's government, in the state's language.

“The Government of the United States of America”, not “Government of United States”: the
formal name with its article, as the UN terminology database (UNTERM, country-name entries)
gives it in English, French and Spanish, and as the state itself writes it in German and
Turkish. The table covers the states where Uyghur families mostly live, the G20 and the states
whose positions the record holds most often; any other state falls back to its ISO 3166-1
formal name in English (``State.official_name``), with “the” where the name is a descriptive
one (“the Republic of …”), none where it is a plain name (“Iceland”).

Sources (docs/un.md, “Formal names of states”): UNTERM's country-name entries as reproduced in
the UNGEGN List of Country Names (E/CONF.98/89/Add.1 and its 2011 working version), checked in
English against the UK Permanent Committee on Geographical Names' state titles (updated
26 October 2023); Türkiye as registered with the United Nations in June 2022.
"""

from __future__ import annotations

import re

# The state's language for a letter to its government, by ISO 3166-1 alpha-3 code.
STATE_LANGUAGE = {
    "USA": "en",
    "GBR": "en",
    "CAN": "en",
    "AUS": "en",
    "FRA": "fr",
    "BEL": "fr",
    "CHE": "fr",
    "DEU": "de",
    "AUT": "de",
    "ESP": "es",
    "MEX": "es",
    "TUR": "tr",
    "ARG": "es",
    "CUB": "es",
    "LUX": "fr",
}

# “Government of …” in each language, without the leading article (the salutation adds it).
GOVERNMENT_OF: dict[str, dict[str, str]] = {
    "USA": {
        "en": "Government of the United States of America",
        "fr": "Gouvernement des États-Unis d'Amérique",
        "es": "Gobierno de los Estados Unidos de América",
        "de": "Regierung der Vereinigten Staaten von Amerika",
        "tr": "Amerika Birleşik Devletleri Hükümeti",
    },
    "GBR": {
        "en": "Government of the United Kingdom of Great Britain and Northern Ireland",
        "fr": "Gouvernement du Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "es": "Gobierno del Reino Unido de Gran Bretaña e Irlanda del Norte",
        "de": "Regierung des Vereinigten Königreichs Großbritannien und Nordirland",
        "tr": "Büyük Britanya ve Kuzey İrlanda Birleşik Krallığı Hükümeti",
    },
    "CAN": {
        "en": "Government of Canada",
        "fr": "Gouvernement du Canada",
        "es": "Gobierno del Canadá",
        "de": "Regierung von Kanada",
        "tr": "Kanada Hükümeti",
    },
    "AUS": {
        "en": "Government of Australia",
        "fr": "Gouvernement de l'Australie",
        "es": "Gobierno de Australia",
        "de": "Regierung des Australischen Bundes",
        "tr": "Avustralya Hükümeti",
    },
    "FRA": {
        "en": "Government of the French Republic",
        "fr": "Gouvernement de la République française",
        "es": "Gobierno de la República Francesa",
        "de": "Regierung der Französischen Republik",
        "tr": "Fransa Cumhuriyeti Hükümeti",
    },
    "BEL": {
        "en": "Government of the Kingdom of Belgium",
        "fr": "Gouvernement du Royaume de Belgique",
        "es": "Gobierno del Reino de Bélgica",
        "de": "Regierung des Königreichs Belgien",
        "tr": "Belçika Krallığı Hükümeti",
    },
    "CHE": {
        "en": "Government of the Swiss Confederation",
        "fr": "Gouvernement de la Confédération suisse",
        "es": "Gobierno de la Confederación Suiza",
        "de": "Regierung der Schweizerischen Eidgenossenschaft",
        "tr": "İsviçre Konfederasyonu Hükümeti",
    },
    "DEU": {
        "en": "Government of the Federal Republic of Germany",
        "fr": "Gouvernement de la République fédérale d'Allemagne",
        "es": "Gobierno de la República Federal de Alemania",
        "de": "Regierung der Bundesrepublik Deutschland",
        "tr": "Almanya Federal Cumhuriyeti Hükümeti",
    },
    "AUT": {
        "en": "Government of the Republic of Austria",
        "fr": "Gouvernement de la République d'Autriche",
        "es": "Gobierno de la República de Austria",
        "de": "Regierung der Republik Österreich",
        "tr": "Avusturya Cumhuriyeti Hükümeti",
    },
    "ESP": {
        "en": "Government of the Kingdom of Spain",
        "fr": "Gouvernement du Royaume d'Espagne",
        "es": "Gobierno del Reino de España",
        "de": "Regierung des Königreichs Spanien",
        "tr": "İspanya Krallığı Hükümeti",
    },
    "MEX": {
        "en": "Government of the United Mexican States",
        "fr": "Gouvernement des États-Unis du Mexique",
        "es": "Gobierno de los Estados Unidos Mexicanos",
        "de": "Regierung der Vereinigten Mexikanischen Staaten",
        "tr": "Meksika Birleşik Devletleri Hükümeti",
    },
    "TUR": {
        "en": "Government of the Republic of Türkiye",
        "fr": "Gouvernement de la République de Türkiye",
        "es": "Gobierno de la República de Türkiye",
        "de": "Regierung der Republik Türkei",
        "tr": "Türkiye Cumhuriyeti Hükümeti",
    },  # The G20 states not above and the states whose positions the record holds most often,
    # plus the Central Asian states with Uyghur communities: the three UN languages only.
    "ARG": {
        "en": "Government of the Argentine Republic",
        "fr": "Gouvernement de la République argentine",
        "es": "Gobierno de la República Argentina",
    },
    "BRA": {
        "en": "Government of the Federative Republic of Brazil",
        "fr": "Gouvernement de la République fédérative du Brésil",
        "es": "Gobierno de la República Federativa del Brasil",
    },
    "CHN": {
        "en": "Government of the People's Republic of China",
        "fr": "Gouvernement de la République populaire de Chine",
        "es": "Gobierno de la República Popular China",
    },
    "IND": {
        "en": "Government of the Republic of India",
        "fr": "Gouvernement de la République de l'Inde",
        "es": "Gobierno de la República de la India",
    },
    "IDN": {
        "en": "Government of the Republic of Indonesia",
        "fr": "Gouvernement de la République d'Indonésie",
        "es": "Gobierno de la República de Indonesia",
    },
    "ITA": {
        "en": "Government of the Italian Republic",
        "fr": "Gouvernement de la République italienne",
        "es": "Gobierno de la República Italiana",
    },
    "JPN": {
        "en": "Government of Japan",
        "fr": "Gouvernement du Japon",
        "es": "Gobierno del Japón",
    },
    "KOR": {
        "en": "Government of the Republic of Korea",
        "fr": "Gouvernement de la République de Corée",
        "es": "Gobierno de la República de Corea",
    },
    "RUS": {
        "en": "Government of the Russian Federation",
        "fr": "Gouvernement de la Fédération de Russie",
        "es": "Gobierno de la Federación de Rusia",
    },
    "SAU": {
        "en": "Government of the Kingdom of Saudi Arabia",
        "fr": "Gouvernement du Royaume d'Arabie saoudite",
        "es": "Gobierno del Reino de la Arabia Saudita",
    },
    "ZAF": {
        "en": "Government of the Republic of South Africa",
        "fr": "Gouvernement de la République sud-africaine",
        "es": "Gobierno de la República de Sudáfrica",
    },
    "FIN": {
        "en": "Government of the Republic of Finland",
        "fr": "Gouvernement de la République de Finlande",
        "es": "Gobierno de la República de Finlandia",
    },
    "LTU": {
        "en": "Government of the Republic of Lithuania",
        "fr": "Gouvernement de la République de Lituanie",
        "es": "Gobierno de la República de Lituania",
    },
    "NLD": {
        "en": "Government of the Kingdom of the Netherlands",
        "fr": "Gouvernement du Royaume des Pays-Bas",
        "es": "Gobierno del Reino de los Países Bajos",
    },
    "DNK": {
        "en": "Government of the Kingdom of Denmark",
        "fr": "Gouvernement du Royaume du Danemark",
        "es": "Gobierno del Reino de Dinamarca",
    },
    "NOR": {
        "en": "Government of the Kingdom of Norway",
        "fr": "Gouvernement du Royaume de Norvège",
        "es": "Gobierno del Reino de Noruega",
    },
    "SWE": {
        "en": "Government of the Kingdom of Sweden",
        "fr": "Gouvernement du Royaume de Suède",
        "es": "Gobierno del Reino de Suecia",
    },
    "LUX": {
        "en": "Government of the Grand Duchy of Luxembourg",
        "fr": "Gouvernement du Grand-Duché de Luxembourg",
        "es": "Gobierno del Gran Ducado de Luxemburgo",
    },
    "NZL": {
        "en": "Government of New Zealand",
        "fr": "Gouvernement de la Nouvelle-Zélande",
        "es": "Gobierno de Nueva Zelandia",
    },
    "IRL": {
        "en": "Government of Ireland",
        "fr": "Gouvernement de l'Irlande",
        "es": "Gobierno de Irlanda",
    },
    "EST": {
        "en": "Government of the Republic of Estonia",
        "fr": "Gouvernement de la République d'Estonie",
        "es": "Gobierno de la República de Estonia",
    },
    "LVA": {
        "en": "Government of the Republic of Latvia",
        "fr": "Gouvernement de la République de Lettonie",
        "es": "Gobierno de la República de Letonia",
    },
    "POL": {
        "en": "Government of the Republic of Poland",
        "fr": "Gouvernement de la République de Pologne",
        "es": "Gobierno de la República de Polonia",
    },
    "CZE": {
        "en": "Government of the Czech Republic",
        "fr": "Gouvernement de la République tchèque",
        "es": "Gobierno de la República Checa",
    },
    "CUB": {
        "en": "Government of the Republic of Cuba",
        "fr": "Gouvernement de la République de Cuba",
        "es": "Gobierno de la República de Cuba",
    },
    "KAZ": {
        "en": "Government of the Republic of Kazakhstan",
        "fr": "Gouvernement de la République du Kazakhstan",
        "es": "Gobierno de la República de Kazajstán",
    },
    "KGZ": {
        "en": "Government of the Kyrgyz Republic",
        "fr": "Gouvernement de la République kirghize",
        "es": "Gobierno de la República Kirguisa",
    },
    "UZB": {
        "en": "Government of the Republic of Uzbekistan",
        "fr": "Gouvernement de la République d'Ouzbékistan",
        "es": "Gobierno de la República de Uzbekistán",
    },
}

# Formal names that are descriptions take “the”; plain names (Japan, Canada) do not.
_DESCRIPTIVE = re.compile(
    r"^(Republic|Kingdom|Federal|United|State|States|Commonwealth|Democratic|Islamic|People's|"
    r"Principality|Grand|Socialist|Swiss|Plurinational|Bolivarian|Union|Sultanate|Hashemite|"
    r"Independent|Oriental|Co-operative|Federation|Federative|Argentine|Arab|Czech|Dominican|"
    r"French|Italian|Portuguese|Slovak|Hellenic|Lebanese|Syrian|Kyrgyz|Lao|Togolese|Gabonese|"
    r"Central|Holy|Sovereign|Bailiwick|Territory|Special)\b"
)


def government_of(code: str, english_formal_name: str, language: str) -> str:
    """“Government of …” for the state, in ``language`` where the table has it, else English."""
    known = GOVERNMENT_OF.get(code, {})
    if language in known:
        return known[language]
    if "en" in known:
        return known["en"]
    article = "the " if _DESCRIPTIVE.match(english_formal_name) else ""
    return f"Government of {article}{english_formal_name}"


def letter_language(code: str) -> str:
    """The state's language for a letter, English where the table does not say."""
    return STATE_LANGUAGE.get(code, "en")
