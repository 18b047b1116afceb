"""Data can never change the markup: every hostile payload through every placeholder and construct.

The partner's names (`im_text` in data/gebietskoerperschaften.yaml) are filled into the standard
text's placeholders after its Markdown is rendered. Wherever Markdown puts a placeholder into text
(paragraph, heading, emphasis, list, table, quote, code, link text), the name must stay text on
every page; wherever it would put it into markup (link target or title, reference definition,
autolink, image, attribute list),
`make check` refuses the wording.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from aqb.data.loader import load_dataset
from aqb.data.problems import DataError
from helpers import MARBURG, DataFolder, build_site, naming_check_lifted, real_agreement, section_of
from test_hostile_strings import PAYLOADS

PLACEHOLDERS = ["nominativ", "Nominativ", "genitiv", "dativ", "akkusativ"]
TEXT_CONSTRUCTS = {
    "Absatz": "Absatz mit {p} darin.",
    "Überschrift": "### Über {p}",
    "Hervorhebung": "**{p}** und *{p}*",
    "Liste": "- {p}\n- zweiter Punkt",
    "nummerierte Liste": "1. {p}",
    "Tabelle": "| Name | Rolle |\n|---|---|\n| {p} | Partner |",
    "Zitat": "> {p}",
    "Code": "`{p}`",
    "Linktext": "[{p}](https://example.org/seite)",
    "rohes HTML": '<a href="{p}" onclick="x">{p}</a>',
}
MARKUP_CONSTRUCTS = {
    "Linkziel": "[Seite]({p})",
    "Linkziel mailto": "[Mail](mailto:{p})",
    "Linktitel": '[Seite](https://example.org "{p}")',
    "Verweisdefinition": "[Seite][ref]\n\n[ref]: {p}",
    "Verweis mit Titel": '[Seite][ref]\n\n[ref]: https://example.org "{p}"',
    "Autolink": "<https://example.org/{p}>",
    "Bild": "![{p}](https://example.org/bild.png)",
    "Bildquelle": "![Bild]({p})",
    "Attributliste": 'Absatz\n{: title="{p}" }',
}


def wording_with_every_construct() -> str:
    parts = ["## § 7"]
    for construct in TEXT_CONSTRUCTS.values():
        parts += [construct.replace("{p}", "{" + name + "}") for name in PLACEHOLDERS]
    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def placeholder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = DataFolder(tmp_path_factory.mktemp("platzhalter"))
    (folder.path / MARBURG).unlink()
    (folder.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt").unlink()
    # The standard text itself carries every construct too (a year page renders it with [Gebietskörperschaft]).
    standard = yaml.safe_load((folder.path / "standardtexte" / "2025.yaml").read_text(encoding="utf-8"))
    standard["jahr"] = 2024
    next(s for s in standard["abschnitte"] if s["id"] == "paragraf-6")["text"] = wording_with_every_construct()
    folder.write("standardtexte/2024.yaml", standard)
    # One partner per payload (test partners beside the real ones), each named by its payload.
    partners = yaml.safe_load((folder.path / "gebietskoerperschaften.yaml").read_text("utf-8"))
    del partners["hanau"]
    taken = {(p["kachel"]["zeile"], p["kachel"]["spalte"]) for p in partners.values()}
    free = [(row, column) for row in range(10) for column in range(5) if (row, column) not in taken]
    for number in range(len(PAYLOADS) - len(partners)):
        partners[f"testkreis-{number}"] = {
            "name": f"Test{number}",
            "bezeichnung": f"Landkreis Test{number}",
            "art": "Landkreis",
            "regierungsbezirk": "Kassel",
            "kachel": {
                "zeile": free[number][0],
                "spalte": free[number][1],
                "kurz": "T" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[number],
            },
        }
    for slug, payload in zip(partners, PAYLOADS, strict=True):
        partners[slug]["im_text"] = dict.fromkeys(("nominativ", "genitiv", "dativ", "akkusativ"), payload)
        record = real_agreement()
        record.update(jahr=2024 if len(slug) % 2 else 2025, partner=slug)
        record.pop("original")
        record["quelle"] = {"titel": f"Testdaten {slug}", "herausgeber": "Testsuite"}
        record["abweichungen"] = {"paragraf-7": wording_with_every_construct()}
        folder.add_agreement(record)
    folder.write("gebietskoerperschaften.yaml", partners)
    # The check refuses every name but the partner's own (test_wrong_inputs_partner_names); lifted here,
    # the placeholders must keep the hostile names literal text all the same.
    with naming_check_lifted():
        return build_site(folder.root, folder.root / "site")


def test_every_payload_got_a_page(placeholder_site: Path) -> None:
    assert len(list((placeholder_site / "kreise").glob("*/20*/index.html"))) >= len(PAYLOADS)


def test_no_page_gets_markup_from_a_placeholder(placeholder_site: Path) -> None:
    pages = sorted(placeholder_site.rglob("*.html"))
    assert len(pages) > 80  # every page type: agreements, partners, years, lists, data, search, legal
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        handlers = [(e.name, a) for e in soup.find_all(True) for a in e.attrs if a.lower().startswith("on")]
        assert handlers == [], path
        assert not soup.select("[style]") and not soup.find("style"), path
        for element in soup.find_all(["a", "area", "img", "iframe", "form", "link", "embed", "object", "source"]):
            for attribute in ("href", "src", "action", "data", "srcset"):
                value = element.get(attribute)
                if value is not None:
                    assert urlparse(str(value).strip()).scheme in ("", "http", "https", "mailto"), (path, value)
        assert not soup.find(["iframe", "object", "embed", "base", "form"], attrs={"action": "https://example.org"})


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_each_name_is_literal_text_in_every_construct(placeholder_site: Path, index: int) -> None:
    payload = " ".join(PAYLOADS[index].split())
    pages = list((placeholder_site / "kreise").glob("*/20*/index.html"))
    found = 0
    for path in pages:
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article.aqb-wortlaut")
        section = section_of(article, "paragraf-7") if article and article.find(id="paragraf-7") else None
        if section is None or payload not in " ".join(section.get_text(" ").split()):
            continue
        found += 1
        cells = [" ".join(td.get_text(" ").split()) for td in section.select("td")]
        links = [a for a in section.select("a") if " ".join(a.get_text(" ").split()) == payload]
        assert payload in cells  # in the table cell, as text
        assert links and all(a["href"] == "https://example.org/seite" for a in links)  # link text only
        assert payload in [" ".join(c.get_text(" ").split()) for c in section.select("code")]
    assert found >= 1


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
@pytest.mark.parametrize("construct", list(MARKUP_CONSTRUCTS), ids=list(MARKUP_CONSTRUCTS))
def test_a_placeholder_in_markup_is_refused(data_folder: DataFolder, construct: str, placeholder: str) -> None:
    wording = "## § 7\n\n" + MARKUP_CONSTRUCTS[construct].replace("{p}", "{" + placeholder + "}")
    record = real_agreement()
    record["abweichungen"] = {"paragraf-7": wording}
    data_folder.add_agreement(record)
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert (
        f"abweichungen.paragraf-7: Platzhalter '{{{placeholder}}}' steht nicht im Text, sondern in einem Link, "
        "Bild oder Attribut Hinweis: Platzhalter nur im Fließtext verwenden"
    ) in str(raised.value)


def test_the_standard_text_is_checked_the_same_way(data_folder: DataFolder) -> None:
    path = data_folder.path / "standardtexte" / "2025.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "Die Zielvereinbarungen werden auf dem Internetportal",
            "Siehe [hier]({dativ}). Die Zielvereinbarungen werden auf dem Internetportal",
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert "data/standardtexte/2025.yaml:" in str(raised.value)
    assert "Platzhalter '{dativ}' steht nicht im Text" in str(raised.value)
