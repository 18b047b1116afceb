// Search page: runs Pagefind with the query and filters from the URL, keeps the URL in step with
// the form so a filtered search can be linked, and shows results with counts per filter value.
// Everything shown is built with DOM methods and textContent: no page text becomes markup.

const form = document.getElementById("aqb-suche");
const field = document.getElementById("aqb-suche-feld");
const status = document.getElementById("aqb-suche-status");
const list = document.getElementById("aqb-treffer");
const fieldsets = [...form.querySelectorAll("fieldset[data-filter]")];

const pagefind = await import(new URL(form.dataset.pagefind, document.baseURI).href);
// Result URLs are site-root paths; this keeps them right when the site lives below a sub-path.
await pagefind.options({ baseUrl: new URL(form.dataset.wurzel, document.baseURI).pathname });
// Loading the filter index first is what makes Pagefind count filter values for each search.
const allCounts = await pagefind.filters();

function readUrl() {
  const params = new URLSearchParams(location.search);
  field.value = params.get("q") ?? "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
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

async function showResults(results) {
  list.replaceChildren();
  for (const result of results.slice(0, 50)) {
    const data = await result.data();
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
    excerpt.append(...excerptNodes((sections[0] ?? data).excerpt));
    item.append(excerpt);
    if (sections.length) {
      const jumps = document.createElement("ul");
      for (const sub of sections) {
        const entry = document.createElement("li");
        entry.append(link(sub.url, `Abschnitt: ${sub.title}`));
        jumps.append(entry);
      }
      item.append(jumps);
    }
    list.append(item);
  }
}

async function run() {
  status.textContent = "";
  const term = field.value.trim();
  const filters = chosenFilters();
  if (!term && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "Bitte einen Suchbegriff eingeben oder einen Filter wählen.";
    showCounts(allCounts);
    return;
  }
  const search = await pagefind.search(term || null, { filters });
  showCounts(search.filters);
  await showResults(search.results);
  const count = search.results.length;
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

readUrl();
run();
