"""Load every file in data/, check it, and return the dataset or every problem at once."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from aqb.model import (AGREEMENT_KINDS, Agreement, AgreementBase, MeasureType, MeasureTypeEntry, Partner, PartnerEntry,
                       Slug, StandardText, StatewideTotal)
from aqb.problems import DataError, Problem
from aqb.text import wording_problems
from aqb.yamlsource import Location, YamlDocument, YamlReadError, dotted, read_yaml

PARTNERS_FILE = "gebietskoerperschaften.yaml"
TOTALS_FILE = "landessummen.yaml"
MEASURE_TYPES_FILE = "massnahmenarten.yaml"
STANDARD_TEXTS_DIR = "standardtexte"
AGREEMENTS_DIR = "vereinbarungen"


@dataclass(frozen=True)
class Dataset:
    """Everything in data/, validated and cross-checked."""

    partners: dict[str, Partner]
    measure_types: dict[str, MeasureType]
    standard_texts: dict[int, StandardText]
    agreements: tuple[AgreementBase, ...]
    statewide_totals: dict[int, StatewideTotal]

    def years(self) -> list[int]:
        """Every year the site has something for: an agreement, a key-figures record or a statewide total."""
        return sorted({agreement.jahr for agreement in self.agreements} | set(self.statewide_totals))


def load_dataset(data_dir: Path) -> Dataset:
    """Read and check all of `data_dir`; raise DataError listing every problem found."""
    loader = _Loader(data_dir)
    dataset = loader.load()
    if loader.problems:
        raise DataError(loader.problems)
    return dataset


class _Loader:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        # Paths are shown as staff see them in the repository: data/…
        self.shown_root = data_dir.parent
        self.problems: list[Problem] = []

    def load(self) -> Dataset:
        partners = self._load_keyed(PARTNERS_FILE, PartnerEntry, Partner)
        measure_types = self._load_keyed(MEASURE_TYPES_FILE, MeasureTypeEntry, MeasureType)
        measure_types = dict(sorted(measure_types.items(), key=lambda item: item[1].nummer))
        standard_texts = self._load_standard_texts(measure_types)
        agreements = self._load_agreements(partners, measure_types, standard_texts)
        return Dataset(partners, measure_types, standard_texts, agreements, self._load_totals())

    # -- reading ---------------------------------------------------------------------------------

    def _shown(self, file: Path) -> str:
        return file.relative_to(self.shown_root).as_posix()

    def _read(self, file: Path) -> YamlDocument | None:
        try:
            document = read_yaml(file, self._shown(file))
        except YamlReadError as error:
            self.problems.extend(error.problems)
            return None
        self.problems.extend(document.problems)
        return document

    def _validate(self, document: YamlDocument, adapter: TypeAdapter[Any], model: Any, tag: str | None = None) -> Any:
        """Validate; `tag` is the record kind of a tagged union, which pydantic puts first in error paths."""
        try:
            return adapter.validate_python(document.data)
        except ValidationError as error:
            self.problems.extend(_translate(error, document, model, tag))
            return None

    def _problem(self, document: YamlDocument, location: Location, message: str,
                 hint: str | None = None) -> None:
        self.problems.append(Problem(document.path, document.line_of(location),
                                     dotted(location) or "Datei", message, hint))

    # -- the reference files ---------------------------------------------------------------------

    def _load_keyed(self, name: str, entry_model: type[BaseModel], model: type[BaseModel]) -> dict[str, Any]:
        """A file that maps slugs to records (partners, measure types)."""
        file = self.data_dir / name
        if not file.is_file():
            self.problems.append(Problem(self._shown(file), 1, "Datei", "fehlt",
                                         "Die Datei gehört zum Projekt; aus dem Repository wiederherstellen."))
            return {}
        document = self._read(file)
        if document is None:
            return {}
        entries = self._validate(document, TypeAdapter(dict[Slug, entry_model]), dict[Slug, entry_model])
        if entries is None:
            return {}
        return {slug: model.model_construct(slug=slug, **dict(entry)) for slug, entry in entries.items()}

    def _load_standard_texts(self, measure_types: dict[str, MeasureType]) -> dict[int, StandardText]:
        texts: dict[int, StandardText] = {}
        folder = self.data_dir / STANDARD_TEXTS_DIR
        adapter = TypeAdapter(StandardText)
        for file in sorted(folder.iterdir()) if folder.is_dir() else []:
            if not re.fullmatch(r"\d{4}\.yaml", file.name):
                self.problems.append(Problem(
                    self._shown(file), 1, "Datei", "hat keinen gültigen Namen für einen Standardtext",
                    "Standardtexte heißen nach ihrem Jahr, z. B. data/standardtexte/2025.yaml."))
                continue
            document = self._read(file)
            standard = self._validate(document, adapter, StandardText) if document else None
            if standard is None:
                continue
            if standard.jahr != int(file.stem):
                self._problem(document, ("jahr",), f"passt nicht zum Dateinamen: {standard.jahr} (Datei: {file.name})",
                              f"Datei in {standard.jahr}.yaml umbenennen oder das Jahr korrigieren.")
                continue
            for index, slug in enumerate(standard.massnahmenarten):
                if slug not in measure_types:
                    self._problem(document, ("massnahmenarten", slug),
                                  f"unbekannte Maßnahmenart: '{slug}'", _suggest(slug, measure_types))
            seen: set[str] = set()
            for index, section in enumerate(standard.abschnitte):
                if section.id in seen:
                    self._problem(document, ("abschnitte", index, "id"),
                                  f"Abschnitt steht doppelt: '{section.id}'", "Jeder Abschnitt braucht ein eigenes Kürzel.")
                seen.add(section.id)
                self._check_wording(document, ("abschnitte", index, "text"), section.text)
            texts[standard.jahr] = standard
        return texts

    def _load_totals(self) -> dict[int, StatewideTotal]:
        file = self.data_dir / TOTALS_FILE
        document = self._read(file) if file.is_file() else None
        if document is None:
            return {}
        totals = self._validate(document, TypeAdapter(dict[str, StatewideTotal]), dict[str, StatewideTotal])
        result = {}
        for key, total in (totals or {}).items():
            if not re.fullmatch(r"\d{4}", key):
                self._problem(document, (key,), f"muss eine Jahreszahl sein: '{key}'", "z. B. 2023:")
            else:
                result[int(key)] = total
        return result

    def _check_wording(self, document: YamlDocument, location: Location, text: str) -> None:
        for offset, message, hint in wording_problems(text):
            self.problems.append(Problem(document.path, document.line_in_text(location, offset),
                                         dotted(location), message, hint))

    # -- the agreements --------------------------------------------------------------------------

    def _load_agreements(self, partners: dict[str, Partner], measure_types: dict[str, MeasureType],
                         standard_texts: dict[int, StandardText]) -> tuple[AgreementBase, ...]:
        folder = self.data_dir / AGREEMENTS_DIR
        adapter = TypeAdapter(Agreement)
        agreements: list[Agreement] = []
        for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if file.is_dir():
                continue
            relative = file.relative_to(folder)
            if file.suffix == ".yml":
                twin = file.with_suffix(".yaml")
                self.problems.append(Problem(
                    self._shown(file), 1, "Datei",
                    f"doppelte Vereinbarung: {twin.name} gibt es schon" if twin.exists() else "hat die Endung .yml statt .yaml",
                    "Je Partner und Jahr gibt es genau eine Datei." if twin.exists() else f"Datei in {twin.name} umbenennen."))
                continue
            if len(relative.parts) != 2 or not re.fullmatch(r"\d{4}", relative.parts[0]) \
                    or file.suffix != ".yaml":
                self.problems.append(Problem(
                    self._shown(file), 1, "Datei", "liegt nicht an der erwarteten Stelle",
                    "Vereinbarungen liegen in data/vereinbarungen/<jahr>/<kürzel>.yaml, "
                    "z. B. data/vereinbarungen/2025/marburg-biedenkopf.yaml."))
                continue
            document = self._read(file)
            if document is None:
                continue
            raw = document.data if isinstance(document.data, dict) else {}
            before = len(self.problems)
            self._check_path(document, raw, file)
            self._check_references(document, raw, partners, measure_types, standard_texts)
            kind = raw.get("art") if raw.get("art") in AGREEMENT_KINDS else None
            agreement = self._validate(document, adapter, AGREEMENT_KINDS.get(kind, AgreementBase), kind)
            # Year and partner must match the path, so each (year, partner) has one file at most.
            if agreement is not None and len(self.problems) == before:
                agreements.append(agreement)
        return tuple(sorted(agreements, key=lambda a: (a.jahr, a.partner)))

    def _check_path(self, document: YamlDocument, raw: dict[str, Any], file: Path) -> None:
        folder_year, file_slug = int(file.parent.name), file.stem
        if isinstance(raw.get("jahr"), int) and raw["jahr"] != folder_year:
            self._problem(document, ("jahr",), f"passt nicht zum Ordner: {raw['jahr']} (Ordner: {folder_year})",
                          f"Datei nach data/vereinbarungen/{raw['jahr']}/ verschieben oder das Jahr korrigieren.")
        if isinstance(raw.get("partner"), str) and raw["partner"] != file_slug:
            self._problem(document, ("partner",), f"passt nicht zum Dateinamen: '{raw['partner']}' (Datei: {file.name})",
                          f"Datei in {raw['partner']}.yaml umbenennen oder den Partner korrigieren.")

    def _check_references(self, document: YamlDocument, raw: dict[str, Any], partners: dict[str, Partner],
                          measure_types: dict[str, MeasureType], standard_texts: dict[int, StandardText]) -> None:
        """Checks against the other files; on the raw data, so they run even where fields are invalid."""
        year = raw.get("jahr") if isinstance(raw.get("jahr"), int) else None
        slug = raw.get("partner") if isinstance(raw.get("partner"), str) else None
        partner = partners.get(slug) if slug else None
        if slug and partner is None and partners:
            self._problem(document, ("partner",), f"unbekannte Gebietskörperschaft: '{slug}'", _suggest(slug, partners))
        elif partner is not None and year is not None and not partner.exists_in(year):
            self._problem(document, ("partner",), f"'{slug}' ist im Jahr {year} kein Partner des AQB" + _validity(partner),
                          "Jahr und Partner prüfen (data/gebietskoerperschaften.yaml).")
        has_text = raw.get("art") == "wortlaut"
        standard = standard_texts.get(year) if year is not None and has_text else None
        if year is not None and has_text and standard is None:
            self._problem(document, ("jahr",), f"für {year} gibt es keinen Standardtext",
                          f"Zuerst data/standardtexte/{year}.yaml anlegen.")
        measures = raw.get("massnahmen")
        for measure, projects in measures.items() if isinstance(measures, dict) else []:
            if measure not in measure_types:
                self._problem(document, ("massnahmen", measure), f"unbekannte Maßnahmenart: '{measure}'",
                              _suggest(str(measure), measure_types))
            elif standard is not None and measure not in standard.massnahmenarten:
                self._problem(document, ("massnahmen", measure),
                              f"Maßnahmenart '{measure}' kommt im Standardtext {year} nicht vor",
                              f"Maßnahmenarten {year}: " + ", ".join(standard.massnahmenarten) + ".")
            for index, project in enumerate(projects if isinstance(projects, list) else []):
                if isinstance(project, str) and project in projects[:index]:
                    self._problem(document, ("massnahmen", measure, index), f"Projekt steht doppelt: '{project}'",
                                  "Jedes Projekt nur einmal je Maßnahmenart nennen.")
        deviations = raw.get("abweichungen")
        section_ids = [section.id for section in standard.abschnitte] if standard else []
        for section_id, text in deviations.items() if isinstance(deviations, dict) else []:
            if standard is not None and section_id not in section_ids:
                self._problem(document, ("abweichungen", section_id), f"unbekannter Abschnitt: '{section_id}'",
                              f"Abschnitte {year}: " + ", ".join(section_ids) + ".")
            if isinstance(text, str):
                self._check_wording(document, ("abweichungen", section_id), text)


def _validity(partner: Partner) -> str:
    if partner.gueltig_ab and partner.gueltig_bis:
        return f" (besteht vom {_de(partner.gueltig_ab)} bis {_de(partner.gueltig_bis)})"
    if partner.gueltig_ab:
        return f" (besteht erst ab {_de(partner.gueltig_ab)})"
    if partner.gueltig_bis:
        return f" (besteht nur bis {_de(partner.gueltig_bis)})"
    return ""


def _de(day: Any) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _suggest(value: str, known: dict[str, Any]) -> str:
    containing = [slug for slug in known if value and value in slug]
    close = containing[:1] or difflib.get_close_matches(value, list(known), n=1)
    if close:
        return f"Meinten Sie '{close[0]}'?"
    return "Gültig sind: " + ", ".join(known) + "."


# -- pydantic errors in German -------------------------------------------------------------------

_MESSAGES = {
    "missing": ("Pflichtfeld fehlt", "Das Feld ergänzen, z. B. wie in data/vereinbarungen/2025/marburg-biedenkopf.yaml."),
    "string_type": ("muss ein Text sein: {wert}",
                    "Text, der wie eine Zahl, ein Datum oder ja/nein aussieht, in Anführungszeichen setzen."),
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
}

_HINTS = {
    "aqb_ungenau": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_mehrjahr": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_betragstext": "Den Betrag mit Tausenderpunkten und „Euro“ schreiben, wie in der Quelle.",
    "aqb_euro": "Nur die Ziffern schreiben, z. B. budget: 1118780",
    "aqb_datum": "Datum als Jahr-Monat-Tag schreiben, z. B. 2025-08-02.",
    "aqb_slug": "z. B. marburg-biedenkopf",
    "aqb_jahr": "z. B. jahr: 2025",
    "aqb_name": "Sonderzeichen weglassen.",
}

_MISSING_HINTS = {
    "quelle": "Ohne Quelle wird nichts veröffentlicht: titel, herausgeber und (bei Eckdaten) url angeben.",
    "url": "Angaben aus öffentlicher Quelle brauchen die Adresse (URL) der Quelle, damit jede und jeder sie prüfen kann.",
    "budget_laut_quelle": "Den Betrag genau so abschreiben, wie die Quelle ihn druckt, z. B. budget_laut_quelle: 879.800 Euro",
}

_PATTERN_HINTS = {
    "aqb_ungenau": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_mehrjahr": "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt.",
    "aqb_betragstext": "Den Betrag mit Tausenderpunkten und „Euro“ schreiben, wie in der Quelle.",
    "kreisschluessel": "Fünf Ziffern in Anführungszeichen, z. B. kreisschluessel: \"06534\".",
    "url": "Vollständige Adresse mit https://, z. B. https://www.example.de/seite",
}


def _translate(error: ValidationError, document: YamlDocument, model: Any, tag: str | None = None) -> list[Problem]:
    problems = []
    for item in error.errors():
        location = tuple(item["loc"])
        if tag is not None and location[:1] == (tag,):
            location = location[1:]
        if location and location[-1] == "[key]":
            location = location[:-1]
        kind = item["type"]
        shown_field = dotted(location) or "Datei"
        value = item.get("input")
        if kind in ("union_tag_not_found", "union_tag_invalid"):
            found = document.data.get("art") if isinstance(document.data, dict) else None
            problems.append(Problem(
                document.path, document.line_of(("art",)), "art",
                "Pflichtfeld fehlt" if found is None else f"muss 'wortlaut' oder 'eckdaten' sein: {_shown_value(found)}",
                "art: wortlaut, wenn der unterzeichnete Text vorliegt; art: eckdaten, wenn nur Angaben aus einer "
                "öffentlichen Quelle vorliegen."))
            continue
        if kind == "extra_forbidden":
            allowed = _field_names(model, location[:-1])
            problems.append(Problem(document.path, document.line_of(location), shown_field, "unbekanntes Feld",
                                    ("Tippfehler? Erlaubt sind hier: " + ", ".join(allowed) + ".") if allowed else None))
            continue
        if value is None and kind != "missing":
            message, hint = "ist leer; hier fehlt ein Wert", _HINTS.get(kind)
        elif kind.startswith("aqb_"):
            message, hint = item["msg"], _HINTS.get(kind)
        elif kind == "missing" and str(location[-1]) in _MISSING_HINTS:
            message, hint = "Pflichtfeld fehlt", _MISSING_HINTS[str(location[-1])]
        else:
            template, hint = _MESSAGES.get(kind, ("ist ungültig: {wert} ({original})", None))
            context = {**item.get("ctx", {}), "wert": _shown_value(value), "original": item["msg"]}
            if kind == "literal_error":
                context["expected"] = context["expected"].replace(" or ", " oder ")
                hint = "Groß- und Kleinschreibung beachten."
            message = template.format(**context)
            if kind == "string_pattern_mismatch":
                hint = _PATTERN_HINTS.get(str(location[-1]))
        problems.append(Problem(document.path, document.line_of(location), shown_field, message, hint))
    return problems


def _shown_value(value: Any) -> str:
    if isinstance(value, dict):
        return "(Felder)"
    if isinstance(value, list):
        return "(Liste)"
    text = str(value)
    return "'" + (text if len(text) <= 80 else text[:77] + "…") + "'"


def _field_names(model: Any, location: Location) -> list[str]:
    """The fields a record at `location` of `model` may have, for the hint on an unknown field."""
    current = model
    for part in location:
        current = _unwrap(current)
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
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
