"""Benchmark: build time, growth, memory, page and search sizes at 810 and 10 000 agreements.

Synthetic data only (generated here, in a temporary folder): 27 partners, one agreement per
partner and year with a realistic text (the real 2025 standard text, projects, one section that
departs from the standard), and a standard text per year. Every figure is measured in this run,
against a baseline built in the same run: plain mkdocs-material on the equivalent Markdown written
to disk, with the same navigation policy (sections and partners, no agreements, no years).
Search bytes and Lighthouse are measured on the site served by nginx with deploy/nginx.conf (gzip);
Lighthouse on an emulated phone, the median of three runs per page. Then the limits (bench/limits.py),
the comparison with the signed originals (bench/signed.py), `make import` on a ministry's folder of 27
documents (bench/import_corpus.py), `make serve` on a fresh clone (bench/first_page.py) and the preview's
reload after one saved YAML file (bench/reload.py). Build times are the median of interleaved pairs
(ours, baseline, ours, baseline …); Lighthouse also runs on every page type of the real data.

    python bench/run.py [--sizes 810 10000] [--ergebnis bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))  # the nginx preview is a test helper the benchmark shares
from aqb.data.model import NOT_ENTERED, FullTextAgreement  # noqa: E402
from aqb.outputs.search import PAGEFIND_COMMAND  # noqa: E402 - the same indexer call as the site build
from first_page import rows as first_page_rows  # noqa: E402 – beside this file
from first_page import table as first_page_table  # noqa: E402
from import_corpus import rows as import_corpus_rows  # noqa: E402 – beside this file
from import_corpus import table as import_corpus_table  # noqa: E402
from limits import rows as limit_rows  # noqa: E402 – beside this file
from limits import table as limits_table  # noqa: E402
from preview import CHROMIUM, CHROMIUM_FLAGS, NGINX, nginx_serving  # noqa: E402 - the host setup the tests check
from reload import rows as reload_rows  # noqa: E402 – beside this file
from reload import table as reload_table  # noqa: E402
from signed import rows as signed_rows  # noqa: E402 – beside this file
from signed import table as signed_table  # noqa: E402

# What `make build` uses: ProperDocs, for our site and the plain mkdocs-material baseline alike.
MKDOCS = [sys.executable, "-m", "properdocs"]


# -- synthetic data -----------------------------------------------------------------------------------


def generate(project: Path, count: int) -> None:
    """Write data/ with `count` agreements: 27 partners, as many years as needed from 2014 on."""
    data = project / "data"
    shutil.copytree(REPO / "data", data)
    shutil.rmtree(data / "vereinbarungen")
    shutil.rmtree(data / "originaltexte")  # the signed texts belong to the real records only
    template = yaml.safe_load(
        (REPO / "data" / "vereinbarungen" / "2025" / "marburg-biedenkopf.yaml").read_text("utf-8")
    )
    partners = yaml.safe_load((data / "gebietskoerperschaften.yaml").read_text("utf-8"))
    slugs = [slug for slug in partners if slug != "hanau"]  # Hanau exists only from 2026; keep 26 + Hanau later
    standard = (REPO / "data" / "standardtexte" / "2025.yaml").read_text("utf-8")
    written: list[tuple[str, int]] = []
    year = 2014
    while len(written) < count:
        (data / "standardtexte" / f"{year}.yaml").write_text(standard.replace("jahr: 2025", f"jahr: {year}"), "utf-8")
        for slug in slugs + (["hanau"] if year >= 2026 else []):
            if len(written) == count:
                break
            name = partners[slug]["bezeichnung"]
            record = copy.deepcopy(template)
            record.update(jahr=year, partner=slug, budget=800_000 + zlib.crc32(f"{slug}{year}".encode()) % 600_000)
            record.pop("original", None)  # the signed documents belong to the real records only
            for signatory in record["unterzeichnende"]:  # signed in its year, never in the future
                if isinstance(signatory["datum"], date):
                    signed = date(year, signatory["datum"].month, signatory["datum"].day)
                    signatory["datum"] = signed if signed <= date.today() else NOT_ENTERED
            record["massnahmen"] = {
                "ausbildungsvorbereitung": [
                    f"Motivierendes Coaching {partners[slug]['name']} {year}",
                    f"Lernwerkstatt Nr{zlib.crc32(f'{slug}{year}'.encode())}",
                ],
                "ausbildung": [f"Teilzeitausbildung {year}", "Ausbildungscoaching im Verbund"],
                "qualifizierung": [f"Frauenakademie {year}", f"Sprachkurs Beruf {year}", "Werkstatt Zukunft"],
                "weiterbildung": "kein Projekt genannt" if year % 2 else [f"Fortbildung Fallmanagement {year}"],
            }
            record["quelle"] = {"titel": f"Synthetische Testdaten {name} {year}", "herausgeber": "Benchmark"}
            if year % 3 == 0:
                record["abweichungen"] = {
                    "paragraf-6": "## § 6\n\n### **Zielsteuerung**\n\n"
                    "{Nominativ} und das HMSI bleiben über die Entwicklung des Budgets im engen "
                    "Austausch. Dazu werden zwei Umsetzungsbesprechungen angesetzt."
                }
            target = data / "vereinbarungen" / str(year) / f"{slug}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
            written.append((slug, year))
        year += 1


def link_project(project: Path) -> None:
    # Copies, never links: the check and the build refuse a linked entry. The package itself is installed.
    for name in ("overrides", "hooks", "content"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, project / name)


def write_baseline(project: Path, baseline: Path) -> None:
    """The same pages as plain Markdown for mkdocs-material: agreements, partners, years."""
    from aqb.data.loader import load_dataset
    from aqb.data.text import full_text
    from aqb.formatting import euro

    dataset = load_dataset(project / "data")
    docs = baseline / "docs"
    (docs / "kreise").mkdir(parents=True)
    (docs / "jahre").mkdir()
    (docs / "index.md").write_text("# Start\n\nZielvereinbarungen.\n", "utf-8")
    (docs / "kreise" / "index.md").write_text("# Kreise\n", "utf-8")
    (docs / "jahre" / "index.md").write_text(
        "# Jahre\n\n" + "\n".join(f"- [{y}]({y}.md)" for y in dataset.years()) + "\n", "utf-8"
    )
    for slug, partner in dataset.partners.items():
        own = [a for a in dataset.agreements if a.partner == slug]
        (docs / "kreise" / slug).mkdir()
        (docs / "kreise" / slug / "index.md").write_text(
            f"# {partner.bezeichnung}\n\n"
            + "\n".join(f"- [{a.jahr}]({a.jahr}.md): {euro(a.budget)}" for a in own)
            + "\n",
            "utf-8",
        )
        for a in own:
            if not isinstance(a, FullTextAgreement):  # the benchmark writes full texts only
                continue
            facts = "\n".join(f"- {m}: {', '.join(p)}" for m, p in a.massnahmen.items())
            (docs / "kreise" / slug / f"{a.jahr}.md").write_text(
                f"# Zielvereinbarung {a.jahr} – {partner.bezeichnung}\n\n## Eckdaten\n\n- Budget: {euro(a.budget)}\n"
                f"{facts}\n\n{full_text(a, dataset.standard_texts[a.jahr], dataset.partners[a.partner].naming)}\n",
                "utf-8",
            )
    for year in dataset.years():
        rows = "\n".join(
            f"| {dataset.partners[a.partner].bezeichnung} | {euro(a.budget)} |"
            for a in dataset.agreements
            if a.jahr == year
        )
        (docs / "jahre" / f"{year}.md").write_text(f"# {year}\n\n| Partner | Budget |\n|---|---|\n{rows}\n", "utf-8")
    nav = [
        {"Start": "index.md"},
        {"Kreise": ["kreise/index.md", *[f"kreise/{slug}/index.md" for slug in dataset.partners]]},
        {"Jahre": "jahre/index.md"},
    ]
    (baseline / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "site_name": "Baseline",
                "theme": {"name": "material", "language": "de", "font": False},
                "plugins": [],
                "nav": nav,
                "validation": {"nav": {"omitted_files": "ignore"}},
                "markdown_extensions": ["tables"],
            },
            allow_unicode=True,
        ),
        "utf-8",
    )


# -- measuring ----------------------------------------------------------------------------------------


def measured(command: list[str], cwd: Path, environment: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in bytes of one command (its own process tree)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, **(environment or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


@contextlib.contextmanager
def nginx_serving_if_present(site: Path, workdir: Path) -> Iterator[str | None]:
    """The site served by nginx with the example configuration (gzip included), as a host would."""
    if not Path(NGINX).exists():
        print("nginx fehlt: nicht gemessen, was über nginx ausgeliefert wird", file=sys.stderr)
        yield None
        return
    with nginx_serving(site, REPO / "deploy" / "nginx.conf", workdir / "nginx") as base:
        yield base


SEARCH_PARTS = {
    ".pf_meta": "Seitenliste",
    ".pf_index": "Wortindex",
    ".pf_filter": "Filterindex",
    ".pf_fragment": "Trefferausschnitte",
    ".pagefind": "WebAssembly",
    ".js": "JavaScript",
    ".json": "Einstieg",
}


def search_bytes(base: str | None, query: str) -> tuple[int, int, dict[str, int]] | None:
    """Bytes the search page fetches from /pagefind/ for one query: (unpacked, over the network, by part).

    Over the network is what a reader pays: nginx compresses Pagefind's JavaScript; its index files
    are compressed already. The filter panel stays closed unless the query sets a filter."""
    if base is None or not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
        )
        tab = browser.new_page()
        finished: list[Any] = []
        tab.on("requestfinished", lambda request: finished.append(request) if "/pagefind/" in request.url else None)
        tab.goto(f"{base}suche/?{query}")
        try:
            tab.locator("#aqb-suche-status", has_text="Treffer").wait_for(timeout=180_000)
            tab.wait_for_timeout(500)
            unpacked = sum(len(request.response().body()) for request in finished)
            parts: dict[str, int] = {}
            for request in finished:
                part = next(
                    (name for suffix, name in SEARCH_PARTS.items() if request.url.endswith(suffix)), "Sonstiges"
                )
                parts[part] = parts.get(part, 0) + request.sizes()["responseBodySize"]
            return unpacked, sum(parts.values()), parts
        except Exception as error:
            print(f"Suche {query} bei {base} nicht gemessen: {error}", file=sys.stderr)
            return None
        finally:
            browser.close()


LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
# Every page type. The synthetic data has agreements only; the real data (built in the same run) has
# key-figures records and partner-years without a record as well.
LIGHTHOUSE_PAGES = {
    "Start": "",
    "Jahr": "jahre/2020/",
    "Kreis": "kreise/marburg-biedenkopf/",
    "Vereinbarung": "kreise/marburg-biedenkopf/2020/",
    "Suche": "suche/",
    "Projekte-Übersicht": "projekte/",
    "Projekte": "projekte/2020/",
    "Daten": "daten/",
    "Vergleich": "vergleich/",
}
REAL_LIGHTHOUSE_PAGES = {
    "Start": "",
    "Jahr": "jahre/2025/",
    "Kreis": "kreise/marburg-biedenkopf/",
    "Vereinbarung": "kreise/marburg-biedenkopf/2025/",
    "Eckdaten": "kreise/wetteraukreis/2024/",
    "Fehlende Vereinbarung": "kreise/fulda/2025/",
    "Suche": "suche/",
    "Projekte-Übersicht": "projekte/",
    "Projekte": "projekte/2025/",
    "Daten": "daten/",
    "Vergleich": "vergleich/",
}


LIGHTHOUSE_RUNS = 3  # the median of three: one run on a noisy 2-core machine says little
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(base: str | None, pages: dict[str, str] = LIGHTHOUSE_PAGES) -> dict[str, dict[str, float]] | None:
    """Median Lighthouse scores of each page type, on an emulated phone (Lighthouse's mobile preset)."""
    if base is None or not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        print("Lighthouse nicht gemessen: bench/node_modules, Chromium oder nginx fehlt", file=sys.stderr)
        return None
    scores = {}
    with tempfile.TemporaryDirectory(prefix="aqb-lighthouse-") as folder:
        for name, path in pages.items():
            runs = [
                lighthouse_run(f"{base}{path}", Path(folder) / f"{name}-{number}.json")
                for number in range(LIGHTHOUSE_RUNS)
            ]
            scores[name] = {key: statistics.median(run[key] for run in runs) for key in LIGHTHOUSE_CATEGORIES}
    return scores


def lighthouse_run(url: str, report: Path) -> dict[str, float]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--form-factor=mobile",
            "--screenEmulation.mobile",
            "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
            "--chrome-flags=--headless=new " + " ".join(CHROMIUM_FLAGS),
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        check=True,
        capture_output=True,
        timeout=300,
    )
    categories = json.loads(report.read_text("utf-8"))["categories"]
    return {key: float(categories[key]["score"]) for key in LIGHTHOUSE_CATEGORIES}


PAIRS = 3  # interleaved pairs (ours, baseline, ours, baseline …): one sequential pair says little here


def build_pairs(project: Path, baseline: Path, mirror: Path, pairs: int) -> dict[str, list[float]]:
    """Build our site and the baseline in turns, `pairs` times each, from an empty output folder each time.

    Interleaved, so that load from other processes on the machine falls on both alike."""
    times: dict[str, list[float]] = {"ours": [], "base": [], "ours_rss": [], "base_rss": []}
    for _ in range(pairs):
        for folder in (project / "site", mirror, baseline / "site"):
            shutil.rmtree(folder, ignore_errors=True)
        elapsed, rss = measured(
            [*MKDOCS, "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(project / "site")],
            project,
            {"AQB_SUCHSPIEGEL": str(mirror)},
        )
        times["ours"].append(elapsed)
        times["ours_rss"].append(rss)
        elapsed, rss = measured([*MKDOCS, "build", "-q", "-f", "mkdocs.yml", "-d", str(baseline / "site")], baseline)
        times["base"].append(elapsed)
        times["base_rss"].append(rss)
    return times


def run(size: int, workdir: Path, pairs: int = PAIRS) -> dict[str, Any]:
    project = workdir / f"projekt-{size}"
    project.mkdir()
    generate(project, size)
    link_project(project)
    mirror = workdir / f"suchspiegel-{size}"
    baseline = workdir / f"baseline-{size}"
    baseline.mkdir()
    write_baseline(project, baseline)
    times = build_pairs(project, baseline, mirror, pairs)
    index_time, index_rss = measured(
        [*PAGEFIND_COMMAND, "--site", str(mirror), "--output-path", str(project / "site" / "pagefind")], project
    )
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    base_pages = sum(1 for _ in (baseline / "site").rglob("index.html"))
    return {
        "size": size,
        "pairs": pairs,
        "pages": pages,
        "ours_time": statistics.median(times["ours"]),
        "ours_rss": max(times["ours_rss"]),
        "index_time": index_time,
        "index_rss": index_rss,
        "base_time": statistics.median(times["base"]),
        "base_rss": max(times["base_rss"]),
        "base_pages": base_pages,
        # Each pair's ratio, per page: how much the machine's load moved it
        "pair_ratios": [o / b * base_pages / pages for o, b in zip(times["ours"], times["base"], strict=True)],
        "page_bytes": (project / "site" / "kreise" / "marburg-biedenkopf" / "2020" / "index.html").stat().st_size,
        "site_bytes": folder_size(project / "site"),
        **served_measurements(project / "site", workdir, size),
    }


def served_measurements(site: Path, workdir: Path, size: int) -> dict[str, Any]:
    rare = f"q=nr{zlib.crc32(b'marburg-biedenkopf2020')}"
    with nginx_serving_if_present(site, workdir) as base:
        return {
            "search_bytes": search_bytes(base, "q=Frauenakademie"),
            "rare_search_bytes": search_bytes(base, rare),
            "filtered_search_bytes": search_bytes(base, rare + "&jahr=2020"),
            "lighthouse": lighthouse(base) if size == min(SIZES) else None,
        }


def real_lighthouse(workdir: Path) -> dict[str, dict[str, float]] | None:
    """Lighthouse on every page type of the site built from the real data (with its search index)."""
    project = workdir / "projekt-echt"
    project.mkdir()
    shutil.copytree(REPO / "data", project / "data")
    link_project(project)
    measured([*MKDOCS, "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(project / "site")], project)
    with nginx_serving_if_present(project / "site", workdir / "echt") as base:
        return lighthouse(base, REAL_LIGHTHOUSE_PAGES)


def lighthouse_table(scores: dict[str, dict[str, float]] | None) -> str:
    lines = [
        f"| Lighthouse, echte Daten, Handy, Median aus {LIGHTHOUSE_RUNS} | Leistung | Barrierefreiheit | Praxis "
        "| SEO |",
        "|---|---|---|---|---|",
        "| Ziel | ≥ 0,98 | 1,00 | 1,00 | 1,00 |",
    ]
    for name, page in (scores or {}).items():
        path = REAL_LIGHTHOUSE_PAGES[name]
        lines.append(f"| {name} (/{path}) | " + " | ".join(f"{page[k]:.2f}" for k in LIGHTHOUSE_CATEGORIES) + " |")
    return "\n".join(lines) if scores else "Lighthouse (echte Daten) nicht gemessen."


def table(results: list[dict[str, Any]]) -> str:
    mib = 1024 * 1024
    lines = [
        "| Messgröße | " + " | ".join(f"{r['size']} Vereinbarungen" for r in results) + " | Ziel |",
        "|---|" + "---|" * len(results) + "---|",
    ]

    def row(label: str, values: list[str], target: str) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + f" | {target} |")

    row("Seiten (unsere / Baseline)", [f"{r['pages']} / {r['base_pages']}" for r in results], "")
    pairs = "/".join(sorted({str(r["pairs"]) for r in results}))
    runs = f"Median aus {pairs} Läufen, abwechselnd mit der Baseline"
    row(f"Bau MkDocs, unsere Seite (s, {runs})", [f"{r['ours_time']:.1f}" for r in results], "")
    row(f"Bau MkDocs, Baseline (s, {runs})", [f"{r['base_time']:.1f}" for r in results], "")
    row(
        "Verhältnis unsere / Baseline (Median ÷ Median, je Seite)",
        [f"{r['ours_time'] / r['base_time'] * r['base_pages'] / r['pages']:.2f}" for r in results],
        "≤ 1,00 (je Seite)",
    )
    row(
        "… Verhältnis der einzelnen Paare",
        [" / ".join(f"{ratio:.2f}" for ratio in r["pair_ratios"]) for r in results],
        "",
    )
    row("Seiten/s (unsere)", [f"{r['pages'] / r['ours_time']:.1f}" for r in results], "")
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = (last["pages"] / last["ours_time"]) / (first["pages"] / first["ours_time"])
        row("Seiten/s groß ÷ klein", ["", f"{growth:.2f}"], "≥ 0,85")
    row("Spitzen-RSS MkDocs (MiB)", [f"{r['ours_rss'] / mib:.0f}" for r in results], "≤ 1024")
    row("Suchindex: Zeit (s)", [f"{r['index_time']:.1f}" for r in results], "")
    row("Spitzen-RSS Suchindex (MiB)", [f"{r['index_rss'] / mib:.0f}" for r in results], "≤ 1024")
    row("Bytes einer Vereinbarungsseite", [f"{r['page_bytes']:,}".replace(",", ".") for r in results], "wächst nicht")
    row("Größe der ganzen Seite (MiB)", [f"{r['site_bytes'] / mib:.0f}" for r in results], "")

    def fetched(key: str, which: int) -> list[str]:
        return [f"{r[key][which]:,}".replace(",", ".") if r[key] else "–" for r in results]

    row("Suche, Wort in jeder Vereinbarung: Bytes übers Netz", fetched("search_bytes", 1), "")
    row(
        "Suche, Wort in einer Vereinbarung: Bytes übers Netz",
        fetched("rare_search_bytes", 1),
        "≤ 250.000, wächst nicht",
    )
    row("… dieselbe Suche entpackt", fetched("rare_search_bytes", 0), "")
    row(
        "… davon übers Netz: " + ", ".join(SEARCH_PARTS.values()),
        [
            " / ".join(
                f"{r['rare_search_bytes'][2].get(name, 0):,}".replace(",", ".") for name in SEARCH_PARTS.values()
            )
            if r["rare_search_bytes"]
            else "–"
            for r in results
        ],
        "",
    )
    row("… dieselbe Suche mit Jahresfilter (lädt den Filterindex), übers Netz", fetched("filtered_search_bytes", 1), "")
    for result in results:
        if result["lighthouse"]:
            for name, scores in result["lighthouse"].items():
                row(
                    f"Lighthouse {name} ({result['size']}, Handy, Median aus {LIGHTHOUSE_RUNS}): "
                    "Leistung / Barrierefreiheit / Praxis / SEO",
                    [
                        " / ".join(f"{scores[k]:.2f}" for k in LIGHTHOUSE_CATEGORIES) if r is result else ""
                        for r in results
                    ],
                    "≥ 0,98 / 1,00 / 1,00 / 1,00",
                )
    return "\n".join(lines)


SIZES: list[int] = [810, 10_000]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[810, 10_000])
    parser.add_argument("--ergebnis", type=Path, help="Tabelle zusätzlich an diese Datei anhängen")
    parser.add_argument("--paare", type=int, default=PAIRS, help="abwechselnde Bau-Paare je Größe (mindestens 3)")
    arguments = parser.parse_args()
    SIZES[:] = arguments.sizes
    if arguments.paare < 3:
        parser.error("--paare: mindestens 3")
    results = []
    with tempfile.TemporaryDirectory(prefix="aqb-bench-") as folder:
        for size in arguments.sizes:
            results.append(run(size, Path(folder), arguments.paare))
            print(table(results), file=sys.stderr, flush=True)  # partial results survive a later failure
        real = lighthouse_table(real_lighthouse(Path(folder)))  # every page type
        limits = limits_table(limit_rows(Path(folder)))  # the largest input each limit allows
        comparison = signed_table(signed_rows(Path(folder)))  # every page against its original
        corpus = import_corpus_table(import_corpus_rows(Path(folder)))  # make import on a ministry's folder
    first_page = first_page_table(first_page_rows())  # make serve on a fresh clone
    reload = reload_table(reload_rows())  # make serve: one saved YAML file until its page shows it
    machine = f"{platform.machine()}, {os.cpu_count()} Kerne, Python {platform.python_version()}"
    report = (
        f"## {date.today().isoformat()} – {machine}\n\n{table(results)}\n\n{real}\n\n{limits}\n\n{comparison}\n\n"
        f"{corpus}\n\n{first_page}\n\n{reload}\n"
    )
    print(report)
    if arguments.ergebnis:
        with arguments.ergebnis.open("a", encoding="utf-8") as results_file:
            results_file.write("\n" + report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
