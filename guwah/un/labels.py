"""The submission's labels in French and Spanish, the Working Groups' other languages.

The interface speaks English, Uyghur, Chinese and Turkish; French and Spanish are needed only in
the documents sent to Geneva, so their text lives here, keyed by the English label, rather
than in gettext catalogues that would offer them as interface languages. English (and any
language without a table) goes through gettext as usual.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

FRENCH: dict[str, str] = {
    # Titles and sections.
    "Working Group on Enforced or Involuntary Disappearances — individual case": (
        "Groupe de travail sur les disparitions forcées ou involontaires — cas individuel"
    ),
    "Working Group on Arbitrary Detention — individual communication": (
        "Groupe de travail sur la détention arbitraire — communication individuelle"
    ),
    "Identity of the person": "Identité de la personne",
    "Date of the disappearance": "Date de la disparition",
    "Place of arrest or abduction, or where the person was last seen": (
        "Lieu de l'arrestation ou de l'enlèvement ou endroit où la personne disparue a été vue "
        "pour la dernière fois"
    ),
    "State forces believed responsible": "Forces de l'État présumées responsables",
    "Later places of detention and transfers": "Lieux de détention ultérieurs et transferts",
    "Action taken by the relatives or others to locate the person": (
        "Mesures prises par la famille ou par d'autres personnes pour localiser la personne "
        "disparue"
    ),
    "Witnesses": "Témoins",
    "Identity of the person or organization submitting the report": (
        "Identité de la personne ou de l'organisation soumettant le rapport"
    ),
    "Arrest": "Arrestation",
    "Detention": "Détention",
    "Grounds given by the authorities": "Motifs invoqués par les autorités",
    "Why the detention is arbitrary": "Pourquoi la détention est arbitraire",
    "Domestic steps taken": "Recours internes engagés",
    "Testimony in translation": "Témoignages traduits",
    # Rows.
    "Full name": "Nom complet",
    "Other names": "Autres noms",
    "Identity document number": "Numéro de la pièce d'identité",
    "Sex": "Sexe",
    "Date of birth": "Date de naissance",
    "Nationality": "Nationalité",
    "Ethnicity": "Origine ethnique",
    "Occupation": "Profession",
    "Place of origin": "Lieu d'origine",
    "Photograph": "Photographie",
    "attached": "jointe",
    "Date": "Date",
    "What happened": "Faits",
    "What is known": "Ce que l'on sait",
    "Place": "Lieu",
    "Institutions": "Institutions",
    "Events": "Événements",
    "Steps and complaints filed": "Démarches et plaintes déposées",
    "No steps were possible: %(reason)s": "Aucune démarche n'a été possible : %(reason)s",
    "Name": "Nom",
    "Relationship to the person": "Lien avec la personne",
    "Address, email or telephone": "Adresse, courriel ou téléphone",
    "Identity to be kept confidential": "Identité à garder confidentielle",
    "The family knows the case is transmitted to the government": (
        "La famille sait que le cas est transmis au gouvernement"
    ),
    "Confidential: not to be transmitted to the government concerned.": (
        "Confidentiel : à ne pas transmettre au gouvernement concerné."
    ),
    "Yes": "Oui",
    "No": "Non",
    "Forces who carried out the arrest": "Forces ayant procédé à l'arrestation",
    "Places of detention, trial and sentence": "Lieux de détention, procès et condamnation",
    "Stated reasons": "Motifs déclarés",
    "Categories": "Catégories",
    "Explanation": "Explication",
    "Steps": "Démarches",
    "Witness": "Témoin",
    "a witness whose name is withheld for their protection": (
        "un témoin dont le nom est tenu secret pour sa protection"
    ),
    "Translated from %(language)s by %(translator)s": "Traduit du %(language)s par %(translator)s",
    "Translated from %(language)s": "Traduit du %(language)s",
    "Original kept by the source: testimony %(id)s, SHA-256 %(sha256)s": (
        "Original conservé par la source : témoignage %(id)s, SHA-256 %(sha256)s"
    ),
    "%(count)s further witness(es), names withheld for their protection": (
        "%(count)s autre(s) témoin(s), noms tenus secrets pour leur protection"
    ),
    "sentence of %(months)s months": "peine de %(months)s mois",
    "Person %(id)s": "Personne %(id)s",
    "about %(date)s": "vers %(date)s",
    "%(date)s (uncertain)": "%(date)s (incertain)",
    "before %(date)s": "avant %(date)s",
    "after %(date)s": "après %(date)s",
    # Flags on the first page.
    "URGENT ACTION: the disappearance falls within the three months before this submission.": (
        "ACTION URGENTE : la disparition a eu lieu dans les trois mois précédant cette "
        "communication."
    ),
    "CONNECTED TO AN URGENT CASE: a relative's urgent case, or the same incident, within one "
    "year.": (
        "LIÉ À UN CAS URGENT : le cas urgent d'un proche, ou le même incident, à moins d'un an "
        "d'intervalle."
    ),
    "DRAFT — not ready to send. Required elements missing:": (
        "PROJET — pas prêt à être envoyé. Éléments requis manquants :"
    ),
    # The registry's and the case file's choices.
    "Female": "Féminin",
    "Male": "Masculin",
    "Detention in a camp": "Détention dans un camp",
    "Police custody": "Garde à vue",
    "Trial": "Procès",
    "Sentence": "Condamnation",
    "Prison": "Prison",
    "Transfer": "Transfert",
    "Forced labour": "Travail forcé",
    "Disappearance": "Disparition",
    "Lost contact": "Contact perdu",
    "Camp": "Camp",
    "Detention centre": "Centre de détention",
    "Police station": "Poste de police",
    "Factory": "Usine",
    "Other": "Autre",
    "I — no legal basis can be invoked": "I — aucun fondement juridique ne peut être invoqué",
    "II — for exercising rights and freedoms": "II — pour l'exercice de droits et libertés",
    "III — grave violation of the right to a fair trial": (
        "III — violation grave du droit à un procès équitable"
    ),
    "IV — prolonged administrative custody of migrants or refugees": (
        "IV — rétention administrative prolongée de migrants ou de réfugiés"
    ),
    "V — discrimination (ethnicity, religion, opinion, …)": (
        "V — discrimination (origine ethnique, religion, opinion, …)"
    ),
    "Uyghur": "ouïghour",
    "Chinese": "chinois",
    "Covering summary: %(count)s cases for the %(group)s": (
        "Note de couverture : %(count)s cas pour le %(group)s"
    ),
    "Cases in this batch": "Cas de cet envoi",
    "not included: %(reason)s": "non inclus : %(reason)s",
    "%(file)s — draft, %(count)s required element(s) missing": (
        "%(file)s — projet, %(count)s élément(s) requis manquant(s)"
    ),
    "%(file)s — complete": "%(file)s — complet",
    "URGENT — %(state)s": "URGENT — %(state)s",
    "CONNECTED TO AN URGENT CASE — %(state)s": "LIÉ À UN CAS URGENT — %(state)s",
    "Working Group on Enforced or Involuntary Disappearances": (
        "Groupe de travail sur les disparitions forcées ou involontaires"
    ),
    "Working Group on Arbitrary Detention": "Groupe de travail sur la détention arbitraire",
}

SPANISH: dict[str, str] = {
    "Working Group on Enforced or Involuntary Disappearances — individual case": (
        "Grupo de Trabajo sobre Desapariciones Forzadas o Involuntarias — caso individual"
    ),
    "Working Group on Arbitrary Detention — individual communication": (
        "Grupo de Trabajo sobre la Detención Arbitraria — comunicación individual"
    ),
    "Identity of the person": "Identidad de la persona",
    "Date of the disappearance": "Fecha de la desaparición",
    "Place of arrest or abduction, or where the person was last seen": (
        "Lugar de la detención o el secuestro, o donde se vio por última vez a la persona "
        "desaparecida"
    ),
    "State forces believed responsible": "Fuerzas del Estado presuntamente responsables",
    "Later places of detention and transfers": "Lugares de detención posteriores y traslados",
    "Action taken by the relatives or others to locate the person": (
        "Medidas tomadas por los parientes u otras personas para localizar a la persona "
        "desaparecida"
    ),
    "Witnesses": "Testigos",
    "Identity of the person or organization submitting the report": (
        "Identidad de la persona u organización que envía la información"
    ),
    "Arrest": "Detención",
    "Detention": "Privación de libertad",
    "Grounds given by the authorities": "Motivos alegados por las autoridades",
    "Why the detention is arbitrary": "Por qué la detención es arbitraria",
    "Domestic steps taken": "Recursos internos interpuestos",
    "Testimony in translation": "Testimonios traducidos",
    "Full name": "Nombre completo",
    "Other names": "Otros nombres",
    "Identity document number": "Número del documento de identidad",
    "Sex": "Sexo",
    "Date of birth": "Fecha de nacimiento",
    "Nationality": "Nacionalidad",
    "Ethnicity": "Origen étnico",
    "Occupation": "Profesión",
    "Place of origin": "Lugar de origen",
    "Photograph": "Fotografía",
    "attached": "adjunta",
    "Date": "Fecha",
    "What happened": "Hechos",
    "What is known": "Lo que se sabe",
    "Place": "Lugar",
    "Institutions": "Instituciones",
    "Events": "Hechos posteriores",
    "Steps and complaints filed": "Gestiones y denuncias presentadas",
    "No steps were possible: %(reason)s": "No fue posible ninguna gestión: %(reason)s",
    "Name": "Nombre",
    "Relationship to the person": "Relación con la persona",
    "Address, email or telephone": "Dirección, correo electrónico o teléfono",
    "Identity to be kept confidential": "Identidad confidencial",
    "The family knows the case is transmitted to the government": (
        "La familia sabe que el caso se transmite al gobierno"
    ),
    "Confidential: not to be transmitted to the government concerned.": (
        "Confidencial: no debe transmitirse al gobierno interesado."
    ),
    "Yes": "Sí",
    "No": "No",
    "Forces who carried out the arrest": "Fuerzas que realizaron la detención",
    "Places of detention, trial and sentence": "Lugares de detención, juicio y condena",
    "Stated reasons": "Motivos declarados",
    "Categories": "Categorías",
    "Explanation": "Explicación",
    "Steps": "Gestiones",
    "Witness": "Testigo",
    "a witness whose name is withheld for their protection": (
        "un testigo cuyo nombre se omite para su protección"
    ),
    "Translated from %(language)s by %(translator)s": (
        "Traducido del %(language)s por %(translator)s"
    ),
    "Translated from %(language)s": "Traducido del %(language)s",
    "Original kept by the source: testimony %(id)s, SHA-256 %(sha256)s": (
        "Original conservado por la fuente: testimonio %(id)s, SHA-256 %(sha256)s"
    ),
    "%(count)s further witness(es), names withheld for their protection": (
        "%(count)s testigo(s) más, nombres omitidos para su protección"
    ),
    "sentence of %(months)s months": "condena de %(months)s meses",
    "Person %(id)s": "Persona %(id)s",
    "about %(date)s": "hacia %(date)s",
    "%(date)s (uncertain)": "%(date)s (incierto)",
    "before %(date)s": "antes de %(date)s",
    "after %(date)s": "después de %(date)s",
    "URGENT ACTION: the disappearance falls within the three months before this submission.": (
        "ACCIÓN URGENTE: la desaparición ocurrió en los tres meses anteriores a esta comunicación."
    ),
    "CONNECTED TO AN URGENT CASE: a relative's urgent case, or the same incident, within one "
    "year.": (
        "VINCULADO A UN CASO URGENTE: el caso urgente de un familiar, o el mismo incidente, con "
        "menos de un año de diferencia."
    ),
    "DRAFT — not ready to send. Required elements missing:": (
        "BORRADOR — no está listo para enviarse. Faltan elementos obligatorios:"
    ),
    "Female": "Femenino",
    "Male": "Masculino",
    "Detention in a camp": "Detención en un campo",
    "Police custody": "Custodia policial",
    "Trial": "Juicio",
    "Sentence": "Condena",
    "Prison": "Prisión",
    "Transfer": "Traslado",
    "Forced labour": "Trabajo forzoso",
    "Disappearance": "Desaparición",
    "Lost contact": "Contacto perdido",
    "Camp": "Campo",
    "Detention centre": "Centro de detención",
    "Police station": "Comisaría",
    "Factory": "Fábrica",
    "Other": "Otro",
    "I — no legal basis can be invoked": "I — no puede invocarse ningún fundamento jurídico",
    "II — for exercising rights and freedoms": "II — por el ejercicio de derechos y libertades",
    "III — grave violation of the right to a fair trial": (
        "III — violación grave del derecho a un juicio imparcial"
    ),
    "IV — prolonged administrative custody of migrants or refugees": (
        "IV — detención administrativa prolongada de migrantes o refugiados"
    ),
    "V — discrimination (ethnicity, religion, opinion, …)": (
        "V — discriminación (origen étnico, religión, opinión, …)"
    ),
    "Uyghur": "uigur",
    "Chinese": "chino",
    "Covering summary: %(count)s cases for the %(group)s": (
        "Nota de presentación: %(count)s casos para el %(group)s"
    ),
    "Cases in this batch": "Casos de este envío",
    "not included: %(reason)s": "no incluido: %(reason)s",
    "%(file)s — draft, %(count)s required element(s) missing": (
        "%(file)s — borrador, faltan %(count)s elemento(s) obligatorio(s)"
    ),
    "%(file)s — complete": "%(file)s — completo",
    "URGENT — %(state)s": "URGENTE — %(state)s",
    "CONNECTED TO AN URGENT CASE — %(state)s": "VINCULADO A UN CASO URGENTE — %(state)s",
    "Working Group on Enforced or Involuntary Disappearances": (
        "Grupo de Trabajo sobre Desapariciones Forzadas o Involuntarias"
    ),
    "Working Group on Arbitrary Detention": "Grupo de Trabajo sobre la Detención Arbitraria",
}

TABLES = {"fr": FRENCH, "es": SPANISH}


def say(label: str) -> str:
    """``label`` in the document's language: the table's French or Spanish, else gettext."""
    table = TABLES.get((translation.get_language() or "en")[:2])
    if table is not None:
        return table.get(str(label), str(label))
    return gettext(label)
