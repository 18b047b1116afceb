"""The data model: what the YAML files in data/ hold, as small frozen typed classes.

Field names are the YAML keys staff write (German); descriptions are German because they are
shown to staff (contributor guide, editor schema). Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from aqb.data.addresses import address_problem
from aqb.printed import APPROXIMATE, YEAR_RANGE, names_rounded_unit, typed_euro, typed_millions

FIRST_YEAR = 2014  # the AQB replaced the separate Ausbildungs- and Arbeitsmarktbudget in 2014
LAST_YEAR = 2999  # a four-digit year; a typo such as 20255 is caught, and the folder must agree anyway


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise PydanticCustomError(
            "aqb_slug", "muss ein Kürzel aus Kleinbuchstaben, Ziffern und Bindestrichen sein: '{wert}'", {"wert": value}
        )
    return value


# What YAML 1.1 would have read as a number; the reader keeps these as text (see yamlsource).
_OTHER_NUMBER_FORM = re.compile(
    r"[-+]?(?:0[0-9_]+|0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9_]*"
    r"|[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF|nan|NaN|NAN))"
)


def _plain_number(value: Any, code: str) -> None:
    """Refuse number forms that do not mean what they look like (octal, hex, 1_000, +5, 1:02:03, long runs)."""
    if isinstance(value, str) and _OTHER_NUMBER_FORM.fullmatch(value.strip()):
        raise PydanticCustomError(
            code,
            "ist keine einfache Zahl: '{wert}'; nur die Ziffern 0–9 schreiben, ohne führende Null, "
            "ohne Vorzeichen, Unterstriche, Punkte oder Doppelpunkte",
            {"wert": value[:40]},
        )


def _euro(value: Any) -> Any:
    _plain_number(value, "aqb_euro")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError(
            "aqb_euro", "muss ein Betrag in ganzen Euro ≥ 0 sein, ohne Punkte, Komma oder €: '{wert}'", {"wert": value}
        )
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        "aqb_datum", "muss ein gültiges Datum in der Form JJJJ-MM-TT sein: '{wert}'", {"wert": value}
    )


def _year(value: Any) -> Any:
    _plain_number(value, "aqb_jahr")
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise PydanticCustomError(
            "aqb_jahr",
            "muss eine Jahreszahl von {erstes} bis {letztes} sein: '{wert}'",
            {"wert": value, "erstes": FIRST_YEAR, "letztes": LAST_YEAR},
        )
    return value


_NAME_PART = r"[A-Za-z0-9ÄÖÜäöüßÀ-ÖØ-öø-ÿ.()\-]+"
_NAME = re.compile(f"{_NAME_PART}(?: {_NAME_PART})*")


def _title_safe(value: Any) -> Any:
    # These names become page titles and navigation entries, which the theme prints unescaped; and
    # one name must never pass for another: only the letters German uses (a Cyrillic "К" looks like
    # a Latin "K"), no spaces at either end or twice.
    if isinstance(value, str) and not is_plain_name(value):
        raise PydanticCustomError(
            "aqb_name",
            "darf nur lateinische Buchstaben, Ziffern, einzelne Leerzeichen und . - ( ) enthalten: '{wert}'",
            {"wert": value},
        )
    return value


def _not_blank(value: Any) -> Any:
    if isinstance(value, str) and value and not value.strip():
        raise PydanticCustomError("aqb_leer", "besteht nur aus Leerzeichen: '{wert}'", {"wert": value})
    return value


def _address(value: Any) -> Any:
    problem = address_problem(value) if isinstance(value, str) else None
    if problem is not None:
        raise PydanticCustomError("aqb_adresse", "{problem}", {"problem": problem})
    return value


def euro_amount(text: str) -> int:
    """'1.056.700 Euro' → 1056700 (the text has passed _exact_euro_text)."""
    return _matched(typed_euro(text), text)


def total_amount(text: str) -> int:
    """'27,7 Millionen Euro' → 27700000 (the text has passed _millions_text)."""
    return _matched(typed_millions(text), text)


def _matched(amount: int | None, text: str) -> int:
    if amount is None:  # the validators let only matching texts through
        raise ValueError(f"kein Betrag: {text!r}")
    return amount


def _not_a_year_budget(value: str) -> None:
    approximate = APPROXIMATE.search(value)
    if approximate:
        word = approximate.group(1)
        raise PydanticCustomError(
            "aqb_ungenau",
            "ist kein genauer Betrag: „{wort}“ steht für eine gerundete oder geschätzte Zahl: '{wert}'",
            {"wort": word, "wert": value},
        )
    several = YEAR_RANGE.search(value)
    if several:
        raise PydanticCustomError(
            "aqb_mehrjahr",
            "gilt für mehrere Jahre ({jahre}) und ist kein Budget eines Jahres: '{wert}'",
            {"jahre": several.group(0), "wert": value},
        )


def _only_a_number(value: Any) -> None:
    # YAML reads 879.800 as the number 879.8: echoing it would confuse; say what is missing instead.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError(
            "aqb_betragstext",
            "muss der Betrag mit „Euro“ sein, wie gedruckt, z. B. '879.800 Euro'; hier steht nur eine Zahl",
        )


def _exact_euro_text(value: Any) -> Any:
    _only_a_number(value)
    if isinstance(value, str):
        _not_a_year_budget(value)
        if names_rounded_unit(value):
            raise PydanticCustomError(
                "aqb_ungenau",
                "ist kein genauer Betrag: eine Angabe in Millionen ist gerundet: '{wert}'",
                {"wert": value},
            )
        if typed_euro(value) is None:
            raise PydanticCustomError(
                "aqb_betragstext",
                "muss ein Betrag auf den Euro genau sein, wie gedruckt, z. B. '879.800 Euro': '{wert}'",
                {"wert": value},
            )
    return value


def _millions_text(value: Any) -> Any:
    _only_a_number(value)
    if isinstance(value, str):
        _not_a_year_budget(value)
        if typed_millions(value) is None:
            raise PydanticCustomError(
                "aqb_betragstext",
                "muss ein Betrag sein, wie gedruckt, z. B. '27,7 Millionen Euro': '{wert}'",
                {"wert": value},
            )
    return value


NOT_ENTERED = "nicht eingetragen"  # a signature without a date in the signed document
NO_PROJECT = "kein Projekt genannt"  # a measure type under which the agreement lists no project


def _signature_date(value: Any) -> Any:
    # A blank date never means "none in the document": a draft leaves it blank, so that must be said.
    if value == NOT_ENTERED:
        return None
    return _iso_date(value)


def _project_list(value: Any) -> Any:
    if value == NO_PROJECT:
        return []
    if value == []:
        raise PydanticCustomError(
            "aqb_keine_projekte",
            "ist eine leere Liste; nennt die Vereinbarung hier kein Projekt, ausdrücklich „{leer}“ schreiben",
            {"leer": NO_PROJECT},
        )
    return value


Slug = Annotated[str, BeforeValidator(_slug), Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1), BeforeValidator(_not_blank)]
Name = Annotated[str, Field(min_length=1), BeforeValidator(_title_safe)]
Euro = Annotated[int, BeforeValidator(_euro)]
Datum = Annotated[date, BeforeValidator(_iso_date), Field(json_schema_extra={"examples": ["2025-08-02"]})]
Jahr = Annotated[int, BeforeValidator(_year)]
Url = Annotated[str, Field(pattern=r"^https://\S+$"), BeforeValidator(_address)]
ExactEuroText = Annotated[str, Field(min_length=1), BeforeValidator(_exact_euro_text)]
MillionsText = Annotated[str, Field(min_length=1), BeforeValidator(_millions_text)]
SignatureDate = Annotated[
    date | None,
    BeforeValidator(_signature_date),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date", "examples": ["2025-08-02"]}, {"const": NOT_ENTERED}]}
    ),
]
ProjectList = Annotated[
    list[Text],
    BeforeValidator(_project_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                {"const": NO_PROJECT},
            ]
        }
    ),
]
OpenPoints = Annotated[
    list[Text],
    Field(
        default_factory=list,
        description="Nur in Entwürfen: was noch zu prüfen oder zu entscheiden ist, ein Punkt je Zeile. Solange hier "
        "etwas steht, meldet `make check` jeden Punkt und nichts wird veröffentlicht; erledigte Punkte löschen.",
    ),
]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def _german(title: str, description: str) -> ConfigDict:
    """Title and description for staff (editor schema); the docstrings stay for developers."""
    return ConfigDict(title=title, json_schema_extra={"description": description})


class PartnerNaming(Record):
    """How the partner is named in the text, per grammatical case."""

    model_config = _german(
        "Partner im Text", "Wie der Partner im Text genannt wird, je nach Fall: Fallwort und eigene Bezeichnung."
    )

    nominativ: Text = Field(description="z. B. „der Landkreis Marburg-Biedenkopf“")
    genitiv: Text = Field(description="z. B. „des Landkreises Marburg-Biedenkopf“")
    dativ: Text = Field(description="z. B. „dem Landkreis Marburg-Biedenkopf“")
    akkusativ: Text = Field(description="z. B. „den Landkreis Marburg-Biedenkopf“")


class TilePosition(Record):
    """Where a partner's tile stands on the tile map of Hessen: equal tiles, in rough geographic order."""

    model_config = _german("Kachel", "Platz auf der Kachelkarte Hessens (Zeile von Norden, Spalte von Westen).")

    zeile: Annotated[int, Field(ge=0, le=9)] = Field(description="Zeile, von Norden (0) nach Süden (höchstens 9).")
    spalte: Annotated[int, Field(ge=0, le=4)] = Field(description="Spalte, von Westen (0) nach Osten (höchstens 4).")
    kurz: Annotated[str, Field(pattern=r"^[A-ZÄÖÜ]{1,4}$")] = Field(
        description="Kürzel auf der Kachel bei schmalem Bildschirm (1–4 Großbuchstaben, angelehnt an das "
        "Kfz-Kennzeichen), z. B. „MR“; eindeutig."
    )


class PartnerEntry(Record):
    """A Landkreis or kreisfreie Stadt, as written in data/gebietskoerperschaften.yaml."""

    model_config = _german("Gebietskörperschaft", "Ein Landkreis oder eine kreisfreie Stadt, Partner des AQB.")

    name: Name = Field(description="Name ohne Art, z. B. „Kassel“.")
    bezeichnung: Name = Field(description="Eindeutige Bezeichnung, z. B. „Landkreis Kassel“ oder „Stadt Kassel“.")
    art: Literal["Landkreis", "kreisfreie Stadt"] = Field(description="Landkreis oder kreisfreie Stadt.")
    kreisschluessel: Annotated[str, Field(pattern=r"^06[0-9]{3}$")] | None = Field(
        default=None, description="Kreisschlüssel (erste fünf Stellen des AGS), z. B. „06534“; leer, wo unbekannt."
    )
    regierungsbezirk: Literal["Darmstadt", "Gießen", "Kassel"] = Field(description="Regierungsbezirk.")
    gueltig_ab: Datum | None = Field(
        default=None, description="Besteht als Partner seit (JJJJ-MM-TT); leer: seit Beginn des AQB."
    )
    gueltig_bis: Datum | None = Field(
        default=None, description="Besteht als Partner bis (JJJJ-MM-TT); leer: bis heute."
    )
    hinweis: Text | None = Field(default=None, description="Hinweis, der auf der Seite des Partners erscheint.")
    weitere_namen: list[Name] = Field(
        default_factory=list,
        description="Amtliche Namen mit Namenszusatz, unter denen Vereinbarungen den Partner auch nennen, z. B. "
        "„Wissenschaftsstadt Darmstadt“ (mit Quelle im Kommentar der Datei); `make import` erkennt den Partner "
        "auch daran.",
    )
    im_text: PartnerNaming | None = Field(
        default=None,
        description="Wie die Vereinbarungen den Partner nennen, je Fall: das Fallwort und die eigene Bezeichnung, "
        "im Genitiv gebeugt („der Landkreis X“, „des Landkreises X“, „dem Landkreis X“, „den Landkreis X“; „die "
        "Stadt X“, „der Stadt X“). `make check` nimmt nur genau diese Formen an, keine andere Gebietskörperschaft, "
        "keine weiteren Wörter, Zeilenumbrüche oder Zeichen; die Seite bildet sie ohnehin, das Feld kann fehlen.",
    )
    kachel: TilePosition = Field(description="Platz und Kürzel auf der Kachelkarte Hessens.")


def naming_from(bezeichnung: str) -> PartnerNaming:
    """How a text names a partner in each case: the case word and the bezeichnung, declined by its head
    noun, the first word. A Stadt (or …stadt) is feminine and keeps its form ("der Stadt Kassel"); every
    Hessian district (Landkreis, Kreis, …kreis) is masculine and takes -es in the genitive ("des
    Landkreises Kassel", "des Main-Kinzig-Kreises"). The only forms a partner's im_text may hold."""
    head, _, rest = bezeichnung.partition(" ")
    if head.lower().endswith("stadt"):
        return PartnerNaming(
            nominativ=f"die {bezeichnung}",
            genitiv=f"der {bezeichnung}",
            dativ=f"der {bezeichnung}",
            akkusativ=f"die {bezeichnung}",
        )
    return PartnerNaming(
        nominativ=f"der {bezeichnung}",
        genitiv=f"des {head}es {rest}".rstrip(),
        dativ=f"dem {bezeichnung}",
        akkusativ=f"den {bezeichnung}",
    )


def is_plain_name(text: str) -> bool:
    """Whether `text` has only what a name may have: the letters German uses, digits, . - ( ) and single spaces."""
    return _NAME.fullmatch(text) is not None


class Partner(PartnerEntry):
    slug: str

    @property
    def naming(self) -> PartnerNaming:
        """The one place every record and every sentence of the site takes the partner's case forms from."""
        return self.im_text or naming_from(self.bezeichnung)

    @property
    def dative(self) -> str:
        """The name after "mit", "von" or "bei": "dem Landkreis Kassel", "der Stadt Kassel"."""
        return self.naming.dativ

    def exists_in(self, year: int) -> bool:
        """Whether the partner exists for at least part of `year`."""
        starts_in_time = self.gueltig_ab is None or self.gueltig_ab <= date(year, 12, 31)
        ends_in_time = self.gueltig_bis is None or self.gueltig_bis >= date(year, 1, 1)
        return starts_in_time and ends_in_time


class MeasureTypeEntry(Record):
    """A Maßnahmenart, as written in data/massnahmenarten.yaml."""

    model_config = _german("Maßnahmenart", "Eine Maßnahmenart des AQB, wie in den Vereinbarungen nummeriert.")

    nummer: Annotated[int, Field(ge=1)] = Field(description="Nummer in der Liste der Vereinbarungen.")
    name: Text = Field(description="Vollständiger Name der Maßnahmenart.")
    kurzname: Text = Field(description="Kurzer Name für Tabellenköpfe.")


class MeasureType(MeasureTypeEntry):
    slug: str


class Ministry(Record):
    model_config = _german(
        "Ministerium", "Das Ministerium als Vertragspartei, wie in den Vereinbarungen des Jahres genannt."
    )

    name: Text = Field(description="Name des Ministeriums, wie in den Vereinbarungen des Jahres.")
    kurzname: Text = Field(description="Abkürzung, wie in den Vereinbarungen, z. B. „HMSI“.")


class Section(Record):
    model_config = _german("Abschnitt", "Ein Abschnitt des Standardtextes (Präambel, § 1 …).")

    id: Slug = Field(
        description="Kürzel des Abschnitts, z. B. „paragraf-5“; damit ersetzt eine Vereinbarung ihn unter "
        "`abweichungen`."
    )
    titel: Text = Field(description="Kurzer Titel für das Inhaltsverzeichnis der Seite (nicht Teil des Wortlauts).")
    text: Text = Field(description="Wortlaut (Markdown) mit Platzhaltern wie {dativ} oder {projektliste}.")


class StandardText(Record):
    """The ministry's wording shared by every agreement of one year (data/standardtexte/<jahr>.yaml)."""

    model_config = _german("Standardtext", "Der Wortlaut, der in allen Vereinbarungen eines Jahres gleich ist.")

    jahr: Jahr = Field(description="Jahr der Vereinbarungen; muss zum Dateinamen passen.")
    ministerium: Ministry = Field(description="Das Ministerium als Vertragspartei.")
    massnahmenarten: dict[Slug, Text] = Field(
        description="Die Maßnahmenarten in Reihenfolge und Wortlaut der Liste in § 5."
    )
    abschnitte: Annotated[list[Section], Field(min_length=1)] = Field(
        description="Die Abschnitte des Textes in ihrer Reihenfolge."
    )
    offene_punkte: OpenPoints


class Signatory(Record):
    model_config = _german("Unterschrift", "Wer unterschrieben hat, wo und wann.")

    name: Text = Field(description="Name, wie unterschrieben.")
    funktion: Text = Field(description="Funktion, Zeile für Zeile wie unter der Unterschrift.")
    ort: Text = Field(description="Ort der Unterschrift.")
    datum: SignatureDate = Field(
        description=f"Datum der Unterschrift (JJJJ-MM-TT); „{NOT_ENTERED}“, wenn im unterzeichneten Dokument keins "
        f"steht."
    )


class NamedSignatory(Record):
    """Someone a public source names as signing the agreement."""

    model_config = _german("Unterzeichnende laut Quelle", "Wer laut der öffentlichen Quelle unterschrieben hat.")

    name: Text = Field(description="Name, wie in der Quelle genannt.")
    funktion: Text = Field(description="Funktion, wie in der Quelle genannt, z. B. „Landrat“.")


class Source(Record):
    model_config = _german("Quelle", "Woher die Angaben stammen.")

    titel: Text = Field(description="Titel des Dokuments.")
    herausgeber: Text = Field(description="Wer das Dokument veröffentlicht hat.")
    url: Url | None = Field(default=None, description="Adresse, unter der es abrufbar ist.")
    abgerufen: Datum | None = Field(default=None, description="Wann die Adresse zuletzt abgerufen wurde (JJJJ-MM-TT).")
    hinweis: Text | None = Field(default=None, description="Weitere Angaben zur Quelle.")


class PublicSource(Source):
    """A public source that others can check: its address is required."""

    model_config = _german("Öffentliche Quelle", "Eine öffentlich abrufbare Quelle; ihre Adresse ist Pflicht.")

    url: Url = Field(description="Adresse, unter der die Quelle öffentlich abrufbar ist.")


class AgreementBase(Record):
    """What every record of an agreement has, whether its text is available or not."""

    jahr: Jahr = Field(description="Jahr der Vereinbarung; muss zum Ordner passen.")
    partner: Slug = Field(description="Kürzel der Gebietskörperschaft; muss zum Dateinamen passen.")


TRANSCRIPT = "Abschrift"  # a text file: never the signed document, a transcript of it
SIGNED_DOCUMENT = "unterzeichnetes Dokument"  # a PDF: the signed document itself


class TextVersion(Record):
    """The text a signed scan was printed from (the Word file or a PDF of it): the page is compared with its
    words, and `make import` compares it with the scan by text recognition (each difference an open point)."""

    model_config = _german(
        "Textfassung", "Die Datei, aus der der Scan gedruckt wurde (Word oder PDF): ihre Wörter zeigt die Seite."
    )

    datei: Annotated[str, Field(pattern=r"^originaltexte/[0-9]{4}/[a-z0-9-]+-textfassung\.(?:txt|pdf|docx)$")] = Field(
        description="Pfad unter data/, z. B. „originaltexte/2025/fulda-textfassung.docx“."
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256-Prüfsumme der Datei (64 Zeichen 0–9, a–f); `make import` trägt sie ein."
    )


SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


class Original(Record):
    """The document a full-text record was made from, kept unchanged in the repository: the signed document
    itself (a PDF), or a transcript of it (a text file, or the Word file it was printed from), which says
    where it came from."""

    model_config = ConfigDict(
        title="Originaldokument",
        json_schema_extra={
            "description": "Das Dokument, aus dem der Eintrag angelegt wurde: das unterzeichnete Dokument (PDF) "
            "oder eine Abschrift davon (Text, mit Herkunft).",
            # What the check asks (aqb.data.checks), for the editor: a transcript says where it came from.
            "if": {"properties": {"datei": {"pattern": r"\.(?:txt|docx)$"}}},
            "then": {"required": ["herkunft"], "properties": {"herkunft": {"type": "string"}}},
            "else": {"not": {"required": ["herkunft"]}},
        },
    )

    datei: Annotated[str, Field(pattern=r"^originaltexte/[0-9]{4}/[a-z0-9-]+\.(?:txt|pdf|docx|png|jpe?g|tiff?)$")] = (
        Field(
            description="Pfad unter data/, z. B. „originaltexte/2025/marburg-biedenkopf.pdf“ (das unterzeichnete "
            "Dokument, auch als Scan: PDF oder Bild) oder „….txt“ bzw. „….docx“ (eine Abschrift: Text oder die "
            "Word-Datei, aus der es gedruckt wurde)."
        )
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256-Prüfsumme der Datei (64 Zeichen 0–9, a–f); `make import` trägt sie ein."
    )
    herkunft: Text | None = Field(
        default=None,
        description="Woher die Abschrift stammt: aus welchem Dokument, wer sie übertragen hat – nur, was bekannt "
        "ist; was nicht vermerkt ist, so sagen. Pflicht bei einer Textdatei (.txt), die nie das unterzeichnete "
        "Dokument ist; bei einem PDF (dem unterzeichneten Dokument selbst) nicht erlaubt.",
    )

    textfassung: TextVersion | None = Field(
        default=None,
        description="Nur bei einem Scan: die Datei, aus der er gedruckt wurde (Word oder PDF); die Seite wird Wort "
        "für Wort mit ihr verglichen, `make import` vergleicht sie mit dem Scan.",
    )

    @property
    def is_transcript(self) -> bool:
        """Only a PDF or a scan is the signed document; a text or Word file is not what was signed."""
        return not self.datei.endswith((".pdf", *SCAN_SUFFIXES))

    @property
    def compared_file(self) -> str:
        """The file whose words the page shows: a scan's text version, else the original itself."""
        return self.textfassung.datei if self.textfassung is not None else self.datei

    @property
    def kind(self) -> str:
        """In German, as the downloads name it: „Abschrift“ or „unterzeichnetes Dokument“."""
        return TRANSCRIPT if self.is_transcript else SIGNED_DOCUMENT


class FullTextAgreement(AgreementBase):
    """An agreement whose signed text is available (data/vereinbarungen/<jahr>/<partner>.yaml)."""

    model_config = _german("Zielvereinbarung (Wortlaut)", "Eine Zielvereinbarung, deren unterzeichneter Text vorliegt.")

    art: Literal["wortlaut"] = Field(description="„wortlaut“: der unterzeichnete Text liegt vor.")
    budget: Euro = Field(description="Haushaltsmittel nach § 4 in ganzen Euro, z. B. 1118780.")
    massnahmen: dict[Slug, ProjectList] = Field(
        description="Projekte je Maßnahmenart (Kürzel aus data/massnahmenarten.yaml), im Wortlaut der Vereinbarung; "
        f"„{NO_PROJECT}“, wo die Vereinbarung unter einer Maßnahmenart keins nennt."
    )
    unterzeichnende: Annotated[list[Signatory], Field(min_length=1)] = Field(
        description="Wer unterschrieben hat, in der Reihenfolge des Dokuments."
    )
    quelle: Source = Field(description="Woher der Text stammt.")
    original: Original | None = Field(
        default=None,
        description="Das Dokument, aus dem der Eintrag angelegt wurde, in data/originaltexte/, mit Prüfsumme: das "
        "unterzeichnete Dokument (PDF) oder eine Abschrift (Text) mit ihrer Herkunft.",
    )
    abweichungen: dict[Slug, Text] = Field(
        default_factory=dict,
        description="Abschnitte, deren Wortlaut vom Standardtext des Jahres abweicht: Kürzel des Abschnitts → ganzer "
        "Wortlaut.",
    )
    offene_punkte: OpenPoints


class KeyFiguresRecord(AgreementBase):
    """An agreement known only from a public source (press release, council document): its key figures."""

    model_config = _german(
        "Zielvereinbarung (Eckdaten aus öffentlicher Quelle)",
        "Eine Zielvereinbarung, deren Text nicht vorliegt; nur Angaben einer öffentlichen Quelle.",
    )

    art: Literal["eckdaten"] = Field(
        description="„eckdaten“: nur Angaben aus öffentlicher Quelle, der Text liegt nicht vor."
    )
    budget_laut_quelle: ExactEuroText = Field(
        description="Das Budget des Jahres genau so, wie die Quelle es druckt, z. B. „879.800 Euro“."
    )
    massnahmen: dict[Slug, ProjectList] = Field(
        default_factory=dict, description="Projekte je Maßnahmenart, soweit die Quelle sie zuordnet."
    )
    projekte_ohne_zuordnung: list[Text] = Field(
        default_factory=list, description="Projekte, die die Quelle nennt, ohne eine Maßnahmenart anzugeben."
    )
    unterzeichnende: list[NamedSignatory] = Field(
        default_factory=list, description="Wer laut Quelle unterschrieben hat."
    )
    angaben: list[Text] = Field(default_factory=list, description="Weitere Angaben der Quelle, in ihrem Wortlaut.")
    quelle: PublicSource = Field(description="Die öffentliche Quelle der Angaben (Pflicht).")
    offene_punkte: OpenPoints

    @property
    def budget(self) -> int:
        return euro_amount(self.budget_laut_quelle)


# The two kinds of record, as a type to narrow with isinstance (or match), and as pydantic reads them.
AnyAgreement = FullTextAgreement | KeyFiguresRecord
Agreement = Annotated[AnyAgreement, Field(discriminator="art")]
AGREEMENT_KINDS: dict[str, type[AgreementBase]] = {"wortlaut": FullTextAgreement, "eckdaten": KeyFiguresRecord}


class StatewideTotal(Record):
    """The statewide AQB total of one year as the ministry published it (data/landessummen.yaml)."""

    model_config = _german(
        "Landessumme", "Die landesweite Summe eines Jahres, wie das Ministerium sie veröffentlicht hat."
    )

    betrag_laut_quelle: MillionsText = Field(
        description="Die Summe genau so, wie die Quelle sie druckt, z. B. „27,7 Millionen Euro“."
    )
    umfang: Text | None = Field(default=None, description="Was die Summe umfasst, z. B. „Landes- und ESF-Mittel“.")
    hinweis: Text | None = Field(default=None, description="Weitere Angaben der Quelle zur Summe.")
    quelle: Source = Field(description="Woher die Summe stammt.")

    @property
    def betrag(self) -> int:
        return total_amount(self.betrag_laut_quelle)


RequestState = Literal["offen", "teilweise beantwortet", "beantwortet", "abgelehnt"]
ALL_PARTNERS = "alle"


class InformationRequest(Record):
    """A request for agreements filed under Hessen's freedom-of-information law (data/anfragen.yaml)."""

    model_config = _german("Anfrage", "Eine gestellte Anfrage nach Zielvereinbarungen (etwa über FragDenStaat).")

    partner: Slug = Field(
        description=f"Kürzel der Gebietskörperschaft, nach deren Vereinbarung gefragt wurde; „{ALL_PARTNERS}“ für "
        "eine Anfrage nach den Vereinbarungen aller Partner des Jahres."
    )
    jahr: Jahr = Field(description="Jahr der erfragten Vereinbarung(en).")
    adresse: Url = Field(description="Adresse der Anfrage (https://…), z. B. auf fragdenstaat.de.")
    datum: Datum = Field(description="Tag, an dem die Anfrage gestellt wurde (JJJJ-MM-TT).")
    status: RequestState = Field(
        description="Stand der Anfrage. Liegt die Vereinbarung in data/, gilt sie auf der Seite als beantwortet."
    )
    notiz: Text | None = Field(default=None, description="Kurze Notiz, die auf der Seite erscheint.")


class MinistryName(Record):
    """One name of the ministry, and the agreement years known to be signed under it (data/anfragen.yaml)."""

    model_config = _german(
        "Name des Ministeriums",
        "Ein Name des Ministeriums, die Zeit, seit der es so heißt, und die Jahre der Vereinbarungen, die es "
        "nachweislich unter diesem Namen geschlossen hat.",
    )

    name: Text = Field(description="Der Name, z. B. „Hessisches Ministerium für Soziales und Integration“.")
    dativ: Text = Field(description="Der Name nach „zwischen“: „dem Hessischen Ministerium für …“.")
    benannt_seit: Text = Field(
        description="Seit wann das Ministerium so heißt, so genau, wie die Quelle es sagt (z. B. „Januar 2024“)."
    )
    vereinbarungen_von: Jahr | None = Field(
        default=None, description="Erstes Jahr, dessen Vereinbarungen nachweislich unter diesem Namen geschlossen sind."
    )
    vereinbarungen_bis: Jahr | None = Field(
        default=None,
        description="Letztes solche Jahr; leer: bis heute (nur beim heutigen Namen). Jahre, die kein Name "
        "abdeckt, gelten als unbekannt: Die Anfrage nennt dann den heutigen und den früheren Namen.",
    )
    quelle: Text = Field(description="Woher Name, Zeit und Jahre bekannt sind.")


class RequestsFile(Record):
    model_config = _german(
        "Anfragen", "Vorlage für neue Anfragen und gestellte Anfragen nach Zielvereinbarungen (data/anfragen.yaml)."
    )

    behoerde: Slug | None = Field(
        default=None,
        description="Kürzel (Slug) des Ministeriums auf FragDenStaat (fragdenstaat.de/behoerde/<kürzel>/); leer, "
        "solange es nicht geprüft ist: Dann öffnet der Link das allgemeine Anfrageformular.",
    )
    betreff: Text = Field(description="Betreff einer neuen Anfrage; Platzhalter {jahr} und {partner} (Dativ).")
    text: Text = Field(
        description="Was erfragt wird, ohne Anrede, Rechtsgrundlage und Gruß (FragDenStaat setzt sie selbst); "
        "Platzhalter {jahr}, {partner} (Dativ) und {ministerium} (Dativ, wie im Jahr unterzeichnet)."
    )
    betreff_alle: Text = Field(
        description="Betreff einer Anfrage nach den Vereinbarungen aller Partner eines Jahres; Platzhalter {jahr}."
    )
    text_alle: Text = Field(
        description="Text einer Anfrage nach den Vereinbarungen aller Partner eines Jahres (Mehrzahl); Platzhalter "
        "{jahr} und {ministerium}."
    )
    veroeffentlichung: Text = Field(
        description="Satz, der anfügt, dass die Vereinbarungen ihre Veröffentlichung vorsehen; nur für Jahre, deren "
        "Standardtext das sagt. Platzhalter {jahr}, {paragraf} (z. B. „§ 7“) und {zitat} (der Satz des Standardtextes)."
    )
    ministerien: Annotated[list[MinistryName], Field(min_length=1)] = Field(
        description="Die Namen des Ministeriums, ältester zuerst, der letzte der heutige (an ihn geht die Anfrage)."
    )
    anfragen: list[InformationRequest] = Field(default_factory=list, description="Die Anfragen, älteste zuerst.")
