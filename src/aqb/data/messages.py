"""German messages for staff: pydantic's validation errors translated, hints, suggestions for typos."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from aqb.data.model import NO_PROJECT, NOT_ENTERED, Partner
from aqb.data.problems import Problem
from aqb.data.yamlsource import Location, YamlDocument, dotted
from aqb.formatting import short_date


def blank_hint(location: Location) -> str:
    if location[-1] in _BLANK_HINTS:
        return _BLANK_HINTS[str(location[-1])]
    if location[-1] == "datum":
        return f"Datum eintragen (JJJJ-MM-TT); steht im unterzeichneten Dokument keins: datum: {NOT_ENTERED}"
    if location[0] == "massnahmen" and len(location) > 1:
        # An empty project line (massnahmen.ausbildung[1]) is named by its measure type, not its index.
        return f"Projekte eintragen; nennt die Vereinbarung hier keins: {location[1]}: {NO_PROJECT}"
    return "Ausfüllen, oder die ganze Zeile löschen, wenn das Feld nicht gebraucht wird."


def validity(partner: Partner) -> str:
    if partner.gueltig_ab and partner.gueltig_bis:
        return f" (besteht vom {short_date(partner.gueltig_ab)} bis {short_date(partner.gueltig_bis)})"
    if partner.gueltig_ab:
        return f" (besteht erst ab {short_date(partner.gueltig_ab)})"
    if partner.gueltig_bis:
        return f" (besteht nur bis {short_date(partner.gueltig_bis)})"
    return ""


def suggest(value: str, known: dict[str, Any]) -> str:
    containing = [slug for slug in known if value and value in slug]
    close = containing[:1] or difflib.get_close_matches(value, list(known), n=1)
    if close:
        return f"Meinten Sie '{close[0]}'?"
    return "Gültig sind: " + ", ".join(known) + "."


# -- pydantic errors in German -------------------------------------------------------------------

_MESSAGES = {
    "missing": (
        "Pflichtfeld fehlt",
        "Das Feld ergänzen, z. B. wie in data/vereinbarungen/2025/marburg-biedenkopf.yaml.",
    ),
    "string_type": (
        "muss ein Text sein: {wert}",
        "Text, der wie eine Zahl, ein Datum oder ja/nein aussieht, in Anführungszeichen setzen.",
    ),
    "string_too_short": ("darf nicht leer sein", None),
    "int_type": ("muss eine ganze Zahl sein: {wert}", None),
    "greater_than_equal": ("muss mindestens {ge} sein: {wert}", None),
    "list_type": ("muss eine Liste sein: {wert}", "Jeden Eintrag in eine eigene Zeile mit „- “ davor schreiben."),
    "too_short": ("braucht mindestens {min_length} Eintrag", None),
    "dict_type": ("muss aus Feldern bestehen (feldname: wert): {wert}", "Einrückung prüfen."),
    "model_type": ("muss aus Feldern bestehen (feldname: wert): {wert}", "Einrückung prüfen."),
    "literal_error": ("muss einer dieser Werte sein: {expected}; gefunden: {wert}", None),
    "string_pattern_mismatch": ("hat nicht die erwartete Form: {wert}", None),
    "bool_type": ("muss ja oder nein sein: {wert}", None),
    "string_too_long": ("ist zu lang (höchstens {max_length} Zeichen)", None),
    "too_long": ("hat zu viele Einträge (höchstens {max_length})", None),
    "less_than_equal": ("darf höchstens {le} sein: {wert}", None),
    "less_than": ("muss kleiner als {lt} sein: {wert}", None),
    "greater_than": ("muss größer als {gt} sein: {wert}", None),
    "int_parsing": ("muss eine ganze Zahl sein: {wert}", None),
    "int_from_float": ("muss eine ganze Zahl sein: {wert}", None),
    "float_type": ("muss eine Zahl sein: {wert}", None),
    "float_parsing": ("muss eine Zahl sein: {wert}", None),
    "date_type": ("muss ein Datum sein (JJJJ-MM-TT): {wert}", None),
    "date_parsing": ("muss ein Datum sein (JJJJ-MM-TT): {wert}", None),
    "date_from_datetime_parsing": ("muss ein Datum sein (JJJJ-MM-TT): {wert}", None),
    "url_type": ("muss eine Adresse (URL) sein: {wert}", None),
    "url_parsing": ("ist keine gültige Adresse (URL): {wert}", None),
    "url_scheme": ("muss mit https:// beginnen: {wert}", None),
    "string_unicode": ("muss ein gültiger Text sein: {wert}", None),
    "enum": ("muss einer der erlaubten Werte sein: {wert}", None),
    "tuple_type": ("muss eine Liste sein: {wert}", None),
    "set_type": ("muss eine Liste sein: {wert}", None),
    "mapping_type": ("muss aus Feldern bestehen (feldname: wert): {wert}", "Einrückung prüfen."),
    "none_required": ("muss leer bleiben: {wert}", None),
}
# Anything pydantic says that is not listed above: its English words are never shown to staff.
_UNKNOWN = ("hat einen ungültigen Wert: {wert}", "Mit dem Beispiel in CONTRIBUTING.md vergleichen.")

_HINTS = {
    "aqb_ungenau": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_mehrjahr": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_betragstext": "Den Betrag mit Tausenderpunkten und „Euro“ schreiben, wie in der Quelle.",
    "aqb_euro": "Nur die Ziffern schreiben, z. B. budget: 1118780",
    "aqb_datum": "Datum als Jahr-Monat-Tag schreiben, z. B. 2025-08-02.",
    "aqb_keine_projekte": f"z. B. weiterbildung: {NO_PROJECT}",
    "aqb_slug": "z. B. marburg-biedenkopf",
    "aqb_jahr": "z. B. jahr: 2025",
    "aqb_name": "Sonderzeichen weglassen; Buchstaben anderer Schriften (kyrillisch, griechisch) durch lateinische "
    "ersetzen.",
    "aqb_leer": "Den Wert eintragen oder das Feld weglassen.",
    "aqb_adresse": "Die Adresse aus der Adresszeile des Browsers kopieren; sie beginnt mit https://.",
}

_BLANK_HINTS = {
    "budget": _HINTS["aqb_euro"],
    # A transcript's provenance: only what is known, never a guess (the page shows it beside the download).
    "herkunft": "Eintragen, woher die Abschrift stammt: aus welchem Dokument, wer sie übertragen hat – nur, was "
    "bekannt ist, z. B. „Aus dem unterzeichneten Dokument in Text übertragen; wer übertragen hat, ist nicht "
    "vermerkt.“",
    "jahr": _HINTS["aqb_jahr"],
    "budget_laut_quelle": "Den Betrag genau so abschreiben, wie die Quelle ihn druckt, z. B. budget_laut_quelle: "
    "879.800 Euro",
    "kachel": "Einen freien Platz auf der Kachelkarte und ein eigenes Kürzel angeben, z. B. "
    "kachel: {zeile: 8, spalte: 2, kurz: XY} (siehe die anderen Einträge in data/gebietskoerperschaften.yaml).",
}

_MISSING_HINTS = {
    "quelle": "Ohne Quelle wird nichts veröffentlicht: titel, herausgeber und (bei Eckdaten) url angeben.",
    "url": "Angaben aus öffentlicher Quelle brauchen die Adresse (URL) der Quelle, damit jede und jeder sie prüfen "
    "kann.",
    "budget_laut_quelle": "Den Betrag genau so abschreiben, wie die Quelle ihn druckt, z. B. budget_laut_quelle: "
    "879.800 Euro",
    "kachel": "Einen freien Platz auf der Kachelkarte und ein eigenes Kürzel angeben, z. B. "
    "kachel: {zeile: 8, spalte: 2, kurz: XY} (siehe die anderen Einträge in data/gebietskoerperschaften.yaml).",
}

_PATTERN_HINTS = {
    "aqb_ungenau": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_mehrjahr": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_betragstext": "Den Betrag mit Tausenderpunkten und „Euro“ schreiben, wie in der Quelle.",
    "kreisschluessel": 'Fünf Ziffern in Anführungszeichen, z. B. kreisschluessel: "06534".',
    "url": "Vollständige Adresse mit https://, z. B. https://www.example.de/seite",
}


def translate(error: ValidationError, document: YamlDocument, model: Any, tag: str | None = None) -> list[Problem]:
    """pydantic's errors as German problems with file, line and field; `tag` is a tagged union's record kind."""
    problems = []
    for item in error.errors():
        location = tuple(item["loc"])
        if tag is not None and location[:1] == (tag,):
            location = location[1:]
        if location and location[-1] == "[key]":
            location = location[:-1]
        problem = _problem_for(item, location, document, model)
        if problem is not None:
            problems.append(problem)
    return problems


def _problem_for(item: Any, location: Location, document: YamlDocument, model: Any) -> Problem | None:
    kind = item["type"]
    if kind in ("union_tag_not_found", "union_tag_invalid"):
        return _unknown_kind(document)
    if kind == "extra_forbidden":
        return _unknown_field(document, model, location)
    value = item.get("input")
    if value is None and kind != "missing":
        return None  # a blank field, reported with its own hint by the check for blanks
    message, hint = _message_and_hint(item, kind, location, value)
    return Problem(document.path, document.line_of(location), dotted(location) or "Datei", message, hint)


def _unknown_kind(document: YamlDocument) -> Problem:
    found = document.data.get("art") if isinstance(document.data, dict) else None
    return Problem(
        document.path,
        document.line_of(("art",)),
        "art",
        "Pflichtfeld fehlt" if found is None else f"muss 'wortlaut' oder 'eckdaten' sein: {shown_value(found)}",
        "art: wortlaut, wenn der unterzeichnete Text vorliegt; art: eckdaten, wenn nur Angaben aus einer "
        "öffentlichen Quelle vorliegen.",
    )


def _unknown_field(document: YamlDocument, model: Any, location: Location) -> Problem:
    if location == ("partner_im_text",):  # records before the case forms moved to the partner
        return Problem(
            document.path,
            document.line_of(location),
            "partner_im_text",
            "gehört nicht mehr in die Vereinbarung: Die Namensformen stehen bei der Gebietskörperschaft",
            "Den Block partner_im_text löschen: Die Texte nennen den Partner mit seiner Bezeichnung aus "
            "data/gebietskoerperschaften.yaml, im jeweiligen Fall („der Landkreis …“, „des Landkreises …“).",
        )
    allowed = field_names(model, location[:-1])
    close = difflib.get_close_matches(str(location[-1]), allowed, n=1, cutoff=0.6)
    typo_hint = (
        (f"Meinten Sie '{close[0]}'? " if close else "Tippfehler? ") + "Erlaubt sind hier: " + ", ".join(allowed) + "."
    )
    return Problem(
        document.path,
        document.line_of(location),
        dotted(location) or "Datei",
        "unbekanntes Feld",
        typo_hint if allowed else None,
    )


def _message_and_hint(item: Any, kind: str, location: Location, value: Any) -> tuple[str, str | None]:
    if kind.startswith("aqb_"):
        return item["msg"], _HINTS.get(kind)
    if kind == "missing" and str(location[-1]) in _MISSING_HINTS:
        return "Pflichtfeld fehlt", _MISSING_HINTS[str(location[-1])]
    template, hint = _MESSAGES.get(kind, _UNKNOWN)
    context = {**item.get("ctx", {}), "wert": shown_value(value)}
    if kind == "literal_error":
        context["expected"] = context["expected"].replace(" or ", " oder ")
        hint = "Groß- und Kleinschreibung beachten."
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(location[-1]))
    return template.format(**context), hint


def shown_value(value: Any) -> str:
    if isinstance(value, dict):
        return "(Felder)"
    if isinstance(value, list):
        return "(Liste)"
    text = str(value)
    return "'" + (text if len(text) <= 80 else text[:77] + "…") + "'"


def field_names(model: Any, location: Location) -> list[str]:
    """The fields a record at `location` of `model` may have, for the hint on an unknown field."""
    current = model
    for part in location:
        current = unwrap(current)
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return []
    current = unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and `X | None` down to X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = members[0]
        else:
            return annotation
