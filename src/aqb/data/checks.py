"""Checks of one record against the other files, and warnings about suspicious but valid data.

They run on the raw YAML data where they can, so they report even while other fields are invalid.
Each check yields problems; the loader collects them all and fails once.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from aqb.data.facts import FactProblem, deviation_fact_problems
from aqb.data.messages import shown_value, suggest, validity
from aqb.data.model import (
    FIRST_YEAR,
    AnyAgreement,
    FullTextAgreement,
    MeasureType,
    Original,
    Partner,
    PartnerNaming,
    StandardText,
    TextVersion,
    is_plain_name,
    naming_from,
)
from aqb.data.problems import Problem
from aqb.data.text import wording_problems
from aqb.data.yamlsource import Location, YamlDocument, dotted
from aqb.formatting import euro, signed_percent
from aqb.printed import years_in


def located(document: YamlDocument, location: Location, message: str, hint: str | None = None) -> Problem:
    """A problem at a field of a document, with the line the field is on."""
    return Problem(document.path, document.line_of(location), dotted(location) or "Datei", message, hint)


def wording_problems_at(document: YamlDocument, location: Location, text: str) -> Iterator[Problem]:
    """Problems inside a block text (placeholders, markup), each on its own line of the file."""
    for offset, message, hint in wording_problems(text):
        yield Problem(document.path, document.line_in_text(location, offset), dotted(location), message, hint)


def blank_fields(document: YamlDocument, value: Any, location: Location, hint: Any) -> Iterator[Problem]:
    """A field written without a value is never taken as "none in the document": a draft leaves it blank."""
    if value is None:
        yield located(document, location, "ist leer; hier fehlt ein Wert", hint(location) if location else None)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from blank_fields(document, item, (*location, key), hint)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from blank_fields(document, item, (*location, index), hint)


def open_points(document: YamlDocument) -> Iterator[Problem]:
    """A draft is never published: every open point is a problem until someone deletes it."""
    points = document.data.get("offene_punkte") if isinstance(document.data, dict) else None
    for index, point in enumerate(points if isinstance(points, list) else []):
        if isinstance(point, str) and point.strip():
            yield located(
                document,
                ("offene_punkte", index),
                f"Entwurf, noch offen: {point}",
                "Erledigen und dann diesen Punkt löschen; erst ohne offene Punkte wird veröffentlicht.",
            )


def path_problems(document: YamlDocument, raw: dict[str, Any], file: Path) -> Iterator[Problem]:
    """Year and partner must match the path, so each (year, partner) has one file at most."""
    folder_year, file_slug = int(file.parent.name), file.stem
    if isinstance(raw.get("jahr"), int) and raw["jahr"] != folder_year:
        yield located(
            document,
            ("jahr",),
            f"passt nicht zum Ordner: {raw['jahr']} (Ordner: {folder_year})",
            f"Datei nach data/vereinbarungen/{raw['jahr']}/ verschieben oder das Jahr korrigieren.",
        )
    if isinstance(raw.get("partner"), str) and raw["partner"] != file_slug:
        yield located(
            document,
            ("partner",),
            f"passt nicht zum Dateinamen: '{raw['partner']}' (Datei: {file.name})",
            f"Datei in {raw['partner']}.yaml umbenennen oder den Partner korrigieren.",
        )


def source_year_problems(document: YamlDocument, raw: dict[str, Any]) -> Iterator[Problem]:
    """A source title naming another year is usually last year's, copied into a draft."""
    source = raw.get("quelle")
    title = source.get("titel") if isinstance(source, dict) else None
    year = raw.get("jahr")
    if not isinstance(title, str) or not isinstance(year, int):
        return
    others = sorted(set(years_in(title)) - {year})
    if others:
        yield located(
            document,
            ("quelle", "titel"),
            f"nennt das Jahr {others[0]}, die Vereinbarung gilt für {year}",
            "Den Titel wie auf dem unterzeichneten Dokument bzw. der Quelle schreiben (aus dem Vorjahr übernommen?).",
        )


def standard_text_problems(
    document: YamlDocument,
    standard: StandardText,
    measure_types: dict[str, MeasureType],
    partner_names: Iterable[str] = (),
) -> Iterator[Problem]:
    """A standard text names known measure types, each section once, and only valid wording."""
    for slug in standard.massnahmenarten:
        if slug not in measure_types:
            hint = suggest(slug, measure_types)
            yield located(document, ("massnahmenarten", slug), f"unbekannte Maßnahmenart: '{slug}'", hint)
    seen: set[str] = set()
    for index, section in enumerate(standard.abschnitte):
        # A title is the table of contents' label, no part of the signed wording: it states no fact.
        for fact in deviation_fact_problems(section.titel, "", standard.jahr, partner_names):
            yield located(
                document,
                ("abschnitte", index, "titel"),
                f"{fact.message} (ein Titel ist nur die Beschriftung im Inhaltsverzeichnis)",
                fact.hint,
            )
        if section.id in seen:
            yield located(
                document,
                ("abschnitte", index, "id"),
                f"Abschnitt steht doppelt: '{section.id}'",
                "Jeder Abschnitt braucht ein eigenes Kürzel.",
            )
        seen.add(section.id)
        yield from wording_problems_at(document, ("abschnitte", index, "text"), section.text)
    yield from element_id_problems(document, standard)


def reference_problems(
    document: YamlDocument,
    raw: dict[str, Any],
    partners: dict[str, Partner],
    measure_types: dict[str, MeasureType],
    standard_texts: dict[int, StandardText],
) -> Iterator[Problem]:
    """Checks against the other files: partner, the year's standard text, measure types, sections."""
    year = raw.get("jahr") if isinstance(raw.get("jahr"), int) else None
    slug = raw.get("partner") if isinstance(raw.get("partner"), str) else None
    yield from _partner_problems(document, year, slug, partners)
    full_text = raw.get("art") == "wortlaut"
    standard = standard_texts.get(year) if year is not None and full_text else None
    if year is not None and full_text and standard is None:
        yield located(
            document,
            ("jahr",),
            f"für {year} gibt es keinen Standardtext",
            f"Zuerst den Standardtext anlegen: make neues-jahr JAHR={year}",
        )
    measures = raw.get("massnahmen")
    for measure, projects in measures.items() if isinstance(measures, dict) else []:
        yield from _measure_problems(document, measure, projects, measure_types, standard, year)
    others = [partner.bezeichnung for key, partner in partners.items() if key != slug]
    signed = isinstance(raw.get("original"), dict)  # held to its original, word for word (aqb.data.signed)
    yield from _deviations_problems(document, raw.get("abweichungen"), standard, year, others, signed=signed)


def _deviations_problems(
    document: YamlDocument,
    deviations: Any,
    standard: StandardText | None,
    year: int | None,
    others: list[str],
    *,
    signed: bool,
) -> Iterator[Problem]:
    wordings = {section.id: section.text for section in standard.abschnitte} if standard else {}
    for section_id, text in deviations.items() if isinstance(deviations, dict) else []:
        yield from _deviation_problems(document, section_id, text, standard, year)
        wording = wordings.get(section_id)
        if not isinstance(text, str) or wording is None:
            continue
        if text.strip() == wording.strip():
            yield located(
                document,
                ("abweichungen", section_id),
                "gleicht dem Standardtext: keine Abweichung",
                f"abweichungen.{section_id} löschen; der Standardtext gilt ohnehin.",
            )
        found = deviation_fact_problems(text, wording, year, others, signed=signed)
        yield from _fact_problems(document, section_id, found)


def _fact_problems(document: YamlDocument, section_id: str, found: Iterable[FactProblem]) -> Iterator[Problem]:
    """A fact a deviation changes, at its line in the text, naming the field that holds the fact too."""
    location = ("abweichungen", section_id)
    for problem in found:
        where = f"{problem.field} in Zeile {document.line_of((problem.field,))}"
        yield Problem(
            document.path,
            document.line_in_text(location, problem.offset),
            dotted(location),
            f"{problem.message} (die Eckdaten stehen in {where})",
            problem.hint,
        )


def _partner_problems(
    document: YamlDocument, year: int | None, slug: str | None, partners: dict[str, Partner]
) -> Iterator[Problem]:
    partner = partners.get(slug) if slug else None
    if slug and partner is None and partners:
        yield located(document, ("partner",), f"unbekannte Gebietskörperschaft: '{slug}'", suggest(slug, partners))
    elif partner is not None and year is not None and not partner.exists_in(year):
        yield located(
            document,
            ("partner",),
            f"'{slug}' ist im Jahr {year} kein Partner des AQB" + validity(partner),
            "Jahr und Partner prüfen (data/gebietskoerperschaften.yaml).",
        )


def _measure_problems(
    document: YamlDocument,
    measure: Any,
    projects: Any,
    measure_types: dict[str, MeasureType],
    standard: StandardText | None,
    year: int | None,
) -> Iterator[Problem]:
    if measure not in measure_types:
        yield located(
            document,
            ("massnahmen", measure),
            f"unbekannte Maßnahmenart: '{measure}'",
            suggest(str(measure), measure_types),
        )
    elif standard is not None and measure not in standard.massnahmenarten:
        yield located(
            document,
            ("massnahmen", measure),
            f"Maßnahmenart '{measure}' kommt im Standardtext {year} nicht vor",
            f"Maßnahmenarten {year}: " + ", ".join(standard.massnahmenarten) + ".",
        )
    for index, project in enumerate(projects if isinstance(projects, list) else []):
        if isinstance(project, str) and project in projects[:index]:
            yield located(
                document,
                ("massnahmen", measure, index),
                f"Projekt steht doppelt: '{project}'",
                "Jedes Projekt nur einmal je Maßnahmenart nennen.",
            )


def _deviation_problems(
    document: YamlDocument, section_id: Any, text: Any, standard: StandardText | None, year: int | None
) -> Iterator[Problem]:
    section_ids = [section.id for section in standard.abschnitte] if standard else []
    if standard is not None and section_id not in section_ids:
        yield located(
            document,
            ("abweichungen", section_id),
            f"unbekannter Abschnitt: '{section_id}'",
            f"Abschnitte {year}: " + ", ".join(section_ids) + ".",
        )
    if isinstance(text, str):
        yield from wording_problems_at(document, ("abweichungen", section_id), text)


# Element ids the page templates set themselves (agreement, partner and year pages, and the Impressum's
# template for hand-written pages), and the prefixes of theirs and the theme's: a heading in the data or
# an element of a hand-written page must not take one (tests/test_content_gate.py keeps this list
# complete for hand-written pages).
PAGE_IDS = frozenset(
    {
        "eckdaten",
        "zitieren",
        "inhalt",
        "vereinbarungen",
        "budgets-beschreibung",
        "ohne-vereinbarung",
        "standardtext",
        "betreiber",
        "karte",
        "neueste",
        "budgets-titel",
    }
)
PAGE_ID_PREFIXES = ("__", "aqb-", "md-", "karte-")


def element_id_problems(document: YamlDocument, standard: StandardText) -> Iterator[Problem]:
    """Each section's id is its anchor on the page (`#paragraf-5`, on its first heading or on the section):
    it must not be an id the page already has, or links and screen readers would find the wrong one.

    Headings carry no other id, so a deviation cannot add one: the standard text alone is checked."""
    for index, section in enumerate(standard.abschnitte):
        if section.id in PAGE_IDS or section.id.startswith(PAGE_ID_PREFIXES):
            yield located(
                document,
                ("abschnitte", index, "id"),
                f"ein Abschnitt bekäme die Kennung '{section.id}', die es auf der Seite schon gibt",
                "Dem Abschnitt ein anderes Kürzel geben (etwa „paragraf-8“).",
            )


def agreement_problems(document: YamlDocument, agreement: AnyAgreement | None, data_dir: Path) -> Iterator[Problem]:
    """Checks of a valid record: plausible dates, its original unchanged."""
    if agreement is None:
        return
    yield from _date_problems(document, agreement)
    if isinstance(agreement, FullTextAgreement) and agreement.original is not None:
        yield from _original_problems(document, agreement, agreement.original, data_dir)


def unnamed_original_problems(
    originals: list[Path], data_dir: Path, agreements: tuple[AnyAgreement, ...], documents: dict[Any, YamlDocument]
) -> Iterator[Problem]:
    """A signed text beside a record that does not name it: the page could not offer it for download."""
    originals_of = {
        (a.jahr, a.partner): a.original for a in agreements if isinstance(a, FullTextAgreement) and a.original
    }
    named = {name for original in originals_of.values() for name in {original.datei, original.compared_file}}
    for file in originals:
        relative = file.relative_to(data_dir).as_posix()
        key = (int(file.parent.name), file.stem) if file.parent.name.isdigit() else None
        document = documents.get(key) if key else None
        if relative not in named and document is not None:
            own = originals_of.get(key) if key else None
            hint = (
                f"Der Eintrag nennt schon data/{own.datei} als Original. Ist data/{relative} übrig geblieben (etwa "
                "nach einem neuen Einlesen), diese Datei löschen."
                if own
                else f"original: mit datei: {relative} und sha256 (Prüfsumme) ergänzen."
            )
            yield located(document, (), f"nennt ihren Originaltext data/{relative} nicht", hint)


def _provenance_problems(document: YamlDocument, original: Original) -> Iterator[Problem]:
    """A text file is never the signed document but a transcript, which says where it came from; a PDF is the
    signed document itself, so nothing is transcribed and `herkunft` has nothing to say."""
    written = ("original", "herkunft") in document.lines  # written blank: the check for blanks says so
    if original.is_transcript and original.herkunft is None and not written:
        yield located(
            document,
            ("original", "herkunft"),
            "Pflichtfeld fehlt: eine Text- oder Word-Datei ist nie das unterzeichnete Dokument, sondern eine "
            "Abschrift; die Seite nennt, woher sie stammt",
            "Nur eintragen, was bekannt ist, z. B. herkunft: Aus dem unterzeichneten Dokument in Text übertragen; "
            "wer übertragen hat, ist nicht vermerkt.",
        )
    elif not original.is_transcript and original.herkunft is not None:
        yield located(
            document,
            ("original", "herkunft"),
            "unbekanntes Feld bei einem PDF: es ist das unterzeichnete Dokument selbst, keine Abschrift",
            "Die Zeile herkunft löschen; sie gehört nur zu einer Abschrift (.txt oder .docx).",
        )


def _original_problems(
    document: YamlDocument, agreement: FullTextAgreement, original: Original, data_dir: Path
) -> Iterator[Problem]:
    """The signed document is where the record says, belongs to it, and is unchanged (same SHA-256)."""
    yield from _provenance_problems(document, original)
    expected = f"originaltexte/{agreement.jahr}/{agreement.partner}"
    path = data_dir / original.datei
    if original.datei.rsplit(".", 1)[0] != expected:
        yield located(
            document,
            ("original", "datei"),
            f"gehört nicht zu dieser Vereinbarung: '{original.datei}'",
            f"Der Originaltext dieser Vereinbarung heißt {expected}.pdf (oder .txt).",
        )
    elif path.is_symlink() or not path.is_file():
        yield located(
            document,
            ("original", "datei"),
            f"fehlt: data/{original.datei}",
            "Das unterzeichnete Dokument unverändert dort ablegen (make import tut das).",
        )
    elif hashlib.sha256(path.read_bytes()).hexdigest() != original.sha256:
        yield located(
            document,
            ("original", "sha256"),
            f"passt nicht zu data/{original.datei}: die Datei wurde verändert oder ausgetauscht",
            "Das Original unverändert lassen; war es das falsche Dokument, den Eintrag neu einlesen (make import).",
        )
    if original.textfassung is not None:
        yield from _text_version_problems(document, original.textfassung, expected, data_dir)


def _text_version_problems(
    document: YamlDocument, version: TextVersion, expected: str, data_dir: Path
) -> Iterator[Problem]:
    """A scan's text version belongs to the record, is there, and is unchanged, as the original itself."""
    path = data_dir / version.datei
    where = ("original", "textfassung", "datei")
    if version.datei.rsplit(".", 1)[0] != f"{expected}-textfassung":
        yield located(document, where, f"gehört nicht zu dieser Vereinbarung: '{version.datei}'", None)
    elif path.is_symlink() or not path.is_file():
        yield located(document, where, f"fehlt: data/{version.datei}", "Die Datei dort ablegen (make import tut das).")
    elif hashlib.sha256(path.read_bytes()).hexdigest() != version.sha256:
        yield located(
            document,
            ("original", "textfassung", "sha256"),
            f"passt nicht zu data/{version.datei}: die Datei wurde verändert oder ausgetauscht",
            "Die Textfassung unverändert lassen; war es die falsche Datei, den Eintrag neu einlesen (make import).",
        )


def _date_problems(document: YamlDocument, agreement: AnyAgreement) -> Iterator[Problem]:
    """An agreement is signed in its year or the one before or after, and nothing is dated in the future."""
    today = datetime.date.today()
    signatories = agreement.unterzeichnende if isinstance(agreement, FullTextAgreement) else []
    for index, signatory in enumerate(signatories):
        signed = signatory.datum
        if not isinstance(signed, datetime.date):
            continue
        if not agreement.jahr - 1 <= signed.year <= agreement.jahr + 1:
            yield located(
                document,
                ("unterzeichnende", index, "datum"),
                f"liegt nicht im Jahr der Vereinbarung oder einem Nachbarjahr: '{signed.isoformat()}'",
                f"Eine Vereinbarung für {agreement.jahr} wird zwischen {agreement.jahr - 1} und "
                f"{agreement.jahr + 1} unterschrieben; das Datum mit dem Original abgleichen.",
            )
        elif signed > today:
            yield located(
                document,
                ("unterzeichnende", index, "datum"),
                f"liegt in der Zukunft: '{signed.isoformat()}'",
                "Das Datum mit dem Original abgleichen.",
            )
    retrieved = agreement.quelle.abgerufen
    if retrieved is not None and retrieved > today:
        yield located(
            document,
            ("quelle", "abgerufen"),
            f"liegt in der Zukunft: '{retrieved.isoformat()}'",
            "Das Datum eintragen, an dem die Quelle zuletzt geöffnet wurde.",
        )


def partner_identity_problems(document: YamlDocument, entries: dict[str, Any]) -> Iterator[Problem]:
    """No partner can pass for another: its bezeichnung (and im_text) names it, and bezeichnung, name (per
    kind) and Kreisschlüssel are each used once, compared without case, width or spacing differences."""
    seen: dict[tuple[str, str], str] = {}
    for slug, entry in entries.items():
        if _same(entry.name) not in _same(entry.bezeichnung):
            yield located(
                document,
                (slug, "bezeichnung"),
                f"nennt den Namen '{entry.name}' nicht: '{entry.bezeichnung}'",
                "Die Bezeichnung besteht aus der Art und dem Namen, z. B. „Landkreis Kassel“.",
            )
        keys = {
            "bezeichnung": _same(entry.bezeichnung),
            "name": f"{entry.art}: {_same(entry.name)}",
            "kreisschluessel": entry.kreisschluessel or "",
        }
        for field, key in keys.items():
            if not key:
                continue
            other = seen.setdefault((field, key), slug)
            if other != slug:
                yield located(
                    document,
                    (slug, field),
                    f"gleicht dem von '{other}': '{getattr(entry, field)}'",
                    "Jede Gebietskörperschaft braucht eigene Bezeichnung, eigenen Namen und eigenen Kreisschlüssel.",
                )
    yield from _tile_problems(document, entries)
    yield from partner_naming_problems(document, entries)


_CASE_NAMES = {"nominativ": "Nominativ", "genitiv": "Genitiv", "dativ": "Dativ", "akkusativ": "Akkusativ"}


def partner_naming_problems(document: YamlDocument, entries: dict[str, Any]) -> Iterator[Problem]:
    """A partner's own case forms (im_text) name that partner and nothing else: each is exactly the form
    `naming_from` declines from its bezeichnung, so a page's heading, the signed wording and the request
    links can never name different partners."""
    for slug, entry in entries.items():
        if entry.im_text is None:
            continue
        own = naming_from(entry.bezeichnung)
        for case, form in entry.im_text:
            allowed = getattr(own, case)
            if form != allowed:
                yield located(
                    document,
                    (slug, "im_text", case),
                    f"{_naming_fault(form, case, own)}: {shown_value(form)}; erlaubt: '{allowed}'",
                    f"Im Text steht das Fallwort und die Bezeichnung „{entry.bezeichnung}“, sonst nichts; "
                    "diese Formen bildet die Seite auch ohne im_text.",
                )


def _naming_fault(form: str, case: str, own: PartnerNaming) -> str:
    """Why `form` is not the partner's own form in `case`."""
    other_case = next((name for name, each in own if each == form), None)
    noun_parts = {each.partition(" ")[2] for _, each in own}  # the bezeichnung, and declined in the genitive
    if not is_plain_name(form):
        return "darf nur lateinische Buchstaben, Ziffern, einzelne Leerzeichen und . - ( ) enthalten"
    if other_case is not None:
        return f"steht im {_CASE_NAMES[other_case]}, nicht im {_CASE_NAMES[case]}"
    if form.partition(" ")[2] in noun_parts:
        return f"passt nicht zum {_CASE_NAMES[case]} (Fallwort oder Beugung)"
    if any(part in form for part in noun_parts):
        return "nennt mehr als die Gebietskörperschaft"
    return "nennt nicht die Gebietskörperschaft selbst"


def _tile_problems(document: YamlDocument, entries: dict[str, Any]) -> Iterator[Problem]:
    """Every partner has its own place and its own short label on the tile map."""
    places: dict[tuple[int, int], str] = {}
    labels: dict[str, str] = {}
    for slug, entry in entries.items():
        tile = entry.kachel
        other = places.setdefault((tile.zeile, tile.spalte), slug)
        if other != slug:
            yield located(
                document,
                (slug, "kachel"),
                f"steht auf demselben Platz wie '{other}': Zeile {tile.zeile}, Spalte {tile.spalte}",
                "Jede Gebietskörperschaft braucht einen eigenen, freien Platz auf der Kachelkarte.",
            )
        other = labels.setdefault(tile.kurz, slug)
        if other != slug:
            yield located(
                document,
                (slug, "kachel", "kurz"),
                f"gleicht dem Kürzel von '{other}': '{tile.kurz}'",
                "Das Kürzel auf der Karte muss eindeutig sein, z. B. „KS“ für die Stadt und „KSL“ für den Landkreis.",
            )


def _same(text: str) -> str:
    """The form two spellings of one name share (case, full-width letters, spacing)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def yml_suffix_problem(file: Path, shown: str) -> Problem:
    """An agreement file ending in .yml: renamed, or a second file for the same partner and year."""
    twin = file.with_suffix(".yaml")
    if twin.exists():
        return Problem(
            shown,
            1,
            "Datei",
            f"doppelte Vereinbarung: {twin.name} gibt es schon",
            "Je Partner und Jahr gibt es genau eine Datei.",
        )
    return Problem(shown, 1, "Datei", "hat die Endung .yml statt .yaml", f"Datei in {twin.name} umbenennen.")


def year_key_problem(document: YamlDocument, key: str) -> Problem | None:
    """A year used as a key (landessummen.yaml) is a year of the programme, from 2014 to next year."""
    if not key.strip():  # `? ` or '': a field name would be empty, so say so
        line = document.line_of((key,))
        return Problem(
            document.path, line, "(leer)", "muss eine Jahreszahl sein; der Schlüssel ist leer", "z. B. 2023:"
        )
    if not re.fullmatch(r"[0-9]{4}", key):
        return located(document, (key,), f"muss eine Jahreszahl sein: '{key}'", "z. B. 2023:")
    last = datetime.date.today().year + 1
    if not FIRST_YEAR <= int(key) <= last:
        message = f"muss ein Jahr des AQB von {FIRST_YEAR} bis {last} sein: '{key}'"
        return located(document, (key,), message, "Die Jahreszahl der Quelle prüfen.")
    return None


# -- warnings: suspicious, never a reason to refuse ---------------------------------------------


def warnings(
    agreements: tuple[AnyAgreement, ...],
    standard_texts: dict[int, StandardText],
    documents: dict[tuple[int, str], YamlDocument],
    standard_documents: dict[int, YamlDocument],
) -> list[Problem]:
    found = [
        warning
        for year, standard in standard_texts.items()
        for warning in _last_years_wording(year, standard, standard_documents[year])
    ]
    by_year_and_partner = {(a.jahr, a.partner): a for a in agreements}
    for agreement in agreements:
        document = documents[(agreement.jahr, agreement.partner)]
        found.extend(
            _budget_jump(agreement, by_year_and_partner.get((agreement.jahr - 1, agreement.partner)), document)
        )
        found.extend(_project_in_two_types(agreement, document))
        if agreement.quelle.url is None:
            found.append(
                located(
                    document,
                    ("quelle",),
                    "nennt keine Adresse (url), unter der man den Text prüfen kann",
                    "Wenn das Dokument online steht, quelle.url ergänzen.",
                )
            )
    return found


def _last_years_wording(year: int, standard: StandardText, document: YamlDocument) -> Iterator[Problem]:
    wording = " ".join(section.text for section in standard.abschnitte)
    if str(year) not in wording and str(year - 1) in wording:
        yield Problem(
            document.path,
            document.line_of(("jahr",)),
            "abschnitte",
            f"nennt {year - 1}, aber nie {year}: noch der Wortlaut des Vorjahres?",
            f"Mit dem Standardtext des Ministeriums für {year} abgleichen.",
        )


def _budget_jump(agreement: AnyAgreement, earlier: AnyAgreement | None, document: YamlDocument) -> Iterator[Problem]:
    if earlier is not None and earlier.budget and abs(agreement.budget - earlier.budget) > earlier.budget / 2:
        change = (agreement.budget - earlier.budget) / earlier.budget * 100
        field = "budget" if isinstance(agreement, FullTextAgreement) else "budget_laut_quelle"
        yield located(
            document,
            (field,),
            f"weicht um {signed_percent(change)} vom Vorjahr ab ({earlier.jahr}: {euro(earlier.budget)})",
            "Bitte mit dem unterzeichneten Text vergleichen.",
        )


def _project_in_two_types(agreement: AnyAgreement, document: YamlDocument) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for measure, projects in agreement.massnahmen.items():
        for index, project in enumerate(projects):
            if project in seen and seen[project] != measure:
                yield located(
                    document,
                    ("massnahmen", measure, index),
                    f"dasselbe Projekt steht auch unter '{seen[project]}': '{project}'",
                    "Prüfen, ob das Projekt wirklich zu beiden Maßnahmenarten gehört.",
                )
            seen.setdefault(project, measure)
