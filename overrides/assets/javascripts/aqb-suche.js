// Search page: runs Pagefind with the query and filters from the URL, keeps the URL in step with
// the form so a filtered search can be linked, and shows results with counts per filter value.
// Everything shown is built with DOM methods and textContent: no page text becomes markup.

const form = document.getElementById("aqb-suche");
const field = document.getElementById("aqb-suche-feld");
const status = document.getElementById("aqb-suche-status");
const list = document.getElementById("aqb-treffer");
const fieldsets = [...form.querySelectorAll("fieldset[data-filter]")];
const filterPanel = document.getElementById("aqb-filterbereich");

const pagefind = await import(new URL(form.dataset.pagefind, document.baseURI).href);
// Result URLs are site-root paths; this keeps them right when the site lives below a sub-path.
await pagefind.options({ baseUrl: new URL(form.dataset.wurzel, document.baseURI).pathname });
// Pagefind counts filter values for a search only once its filter index is loaded. That index grows
// with every page, so it is loaded when the filter panel is first opened, not for every search.
let filterIndex = null;
let allCounts = null;
async function loadFilterIndex() {
  filterIndex ??= pagefind.filters();
  allCounts = await filterIndex;
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  field.value = params.get("q") ?? "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
  if (form.querySelector("input[type=checkbox]:checked")) filterPanel.open = true;
}

function writeUrl() {
  const params = new URLSearchParams(new FormData(form));
  if (!field.value.trim()) params.delete("q");
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function chosenFilters() {
  const filters = {};
  for (const set of fieldsets) {
    const values = [...set.querySelectorAll("input:checked")].map((box) => box.value);
    if (values.length) filters[set.dataset.filter] = { any: values };
  }
  return filters;
}

function showCounts(counts) {
  for (const set of fieldsets) {
    const available = counts?.[set.dataset.filter] ?? {};
    for (const box of set.querySelectorAll("input")) {
      const count = available[box.value] ?? 0;
      const label = form.querySelector(`label[for="${box.id}"] [data-anzahl]`);
      label.textContent = `(${count})`;
    }
  }
}

// Pagefind's excerpts mark hits with <mark>; keep only text and those marks.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
  const nodes = [];
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function link(url, text) {
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.textContent = text;
  return anchor;
}

// Where on an agreement page the search words stand: the key fact (its term, e.g. "Weitere Angaben der
// Quelle") before each hit. A word among the source's other statements is no project, and /projekte/
// counts projects: the reader sees which of the two a hit is.
function foundUnder(data) {
  const anchors = [...(data.anchors ?? [])].sort((a, b) => a.location - b.location);
  const terms = new Set();
  for (const location of data.locations) {
    const anchor = anchors.filter((a) => a.location <= location).at(-1);
    if (anchor?.element === "dt" && anchor.text) terms.add(anchor.text);
  }
  return [...terms];
}

async function showResults(results, isCurrent) {
  const items = [];
  for (const result of results.slice(0, 50)) {
    const data = await result.data();
    if (!isCurrent()) return;
    const item = document.createElement("li");
    const heading = document.createElement("h3");
    heading.append(link(data.url, data.meta.title));
    item.append(heading);
    const facts = [data.filters["Gebietskörperschaft"], data.filters["Jahr"]].flat().filter(Boolean);
    if (facts.length) {
      const where = document.createElement("p");
      where.className = "aqb-treffer-ort";
      where.textContent = facts.join(" · ");
      item.append(where);
    }
    const titles = new Set();
    const sections = (data.sub_results ?? [])
      .filter((sub) => sub.url !== data.url && !titles.has(sub.title) && titles.add(sub.title))
      .slice(0, 3);
    const excerpt = document.createElement("p");
    excerpt.className = "aqb-treffer-auszug";
    excerpt.append(...excerptNodes((sections[0] ?? data).excerpt));
    item.append(excerpt);
    const terms = foundUnder(data);
    if (terms.length) {
      const where = document.createElement("p");
      where.className = "aqb-treffer-fundstelle";
      where.textContent = `Gefunden unter: ${terms.join("; ")}`;
      item.append(where);
    }
    if (sections.length) {
      const jumps = document.createElement("ul");
      for (const sub of sections) {
        const entry = document.createElement("li");
        entry.append(link(sub.url, `Abschnitt: ${sub.title}`));
        jumps.append(entry);
      }
      item.append(jumps);
    }
    items.push(item);
  }
  list.replaceChildren(...items);
}

// Pagefind, finding no indexed word that begins with a search word, falls back to the longest indexed
// word that the search word begins with: "Jugendwerkstatt" would find every page with "Jugend". So a
// search word counts as found only where a page has it (the same stem: Pagefind's exact search) or a
// word that begins with it (typing "Teilzeit" finds "Teilzeitausbildung"). Pagefind uses the fallback
// for all pages or none, so the first page it returns tells; its fragment is loaded to show it anyway.
function folded(text) {
  return text.toLocaleLowerCase("de").normalize("NFD").replace(/\p{M}/gu, "").replaceAll("ß", "ss").replace(/[^\p{L}\p{N}]/gu, "");
}

// A page word and its parts, as Pagefind indexes them ("Marburg-Biedenkopf", "FragDenStaat").
function wordParts(word) {
  const parts = word.split(/[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})/u);
  return [word, ...parts].map(folded).filter(Boolean);
}

async function isFound(word) {
  const exact = await pagefind.search(`"${word}"`);
  if (exact.results.length) return true;
  const first = (await pagefind.search(word)).results[0];
  if (!first) return false;
  const data = await first.data();
  const target = folded(word);
  const words = data.raw_content.split(/[\r\n\s]+/g);
  return data.locations.some((at) => wordParts(words[at] ?? "").some((part) => part.startsWith(target)));
}

async function everyWordFound(term) {
  if (/^\s*".+"\s*$/.test(term)) return true; // an exact phrase: Pagefind uses no fallback
  const words = term.split(/\s+/).filter((word) => folded(word));
  return (await Promise.all(words.map(isFound))).every(Boolean);
}

// A newer search (typing, a ticked filter) replaces an older one that is still loading.
let latestRun = 0;

async function run() {
  const thisRun = ++latestRun;
  const isCurrent = () => thisRun === latestRun;
  status.textContent = "";
  const term = field.value.trim();
  const filters = chosenFilters();
  if (filterPanel.open) await loadFilterIndex();
  if (!isCurrent()) return;
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "Bitte einen Suchbegriff eingeben oder einen Filter wählen.";
    if (allCounts) showCounts(allCounts);
    return;
  }
  const [search, found] = await Promise.all([pagefind.search(term || null, { filters }), everyWordFound(term)]);
  if (!isCurrent()) return;
  const results = found ? search.results : [];
  if (allCounts) showCounts(found ? search.filters : {});
  await showResults(results, isCurrent);
  if (!isCurrent()) return;
  const count = results.length;
  status.textContent = count === 0 ? "Keine Treffer." : count === 1 ? "1 Treffer." : `${count} Treffer.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  writeUrl();
  run();
});
form.addEventListener("change", (event) => {
  if (event.target.type === "checkbox") {
    writeUrl();
    run();
  }
});

filterPanel.addEventListener("toggle", () => {
  if (filterPanel.open && !filterIndex) run();
});

readUrl();
run();
