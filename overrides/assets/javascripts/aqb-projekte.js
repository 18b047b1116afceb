// Projects table: filter and sort in the browser, and download the rows shown as CSV.
// Without JavaScript the full table is still there; these tools only appear with it.

const tools = document.getElementById("aqb-projekte-werkzeuge");
const table = document.getElementById("aqb-projekte");
const body = table.tBodies[0];
const rows = [...body.rows];
const text = document.getElementById("aqb-projekte-text");
const selects = [...tools.querySelectorAll("select[data-spalte]")];
const status = document.getElementById("aqb-projekte-status");
const collator = new Intl.Collator("de", { numeric: true, sensitivity: "base" });

function cell(row, column) {
  return row.cells[column].textContent.trim();
}

function visibleRows() {
  return rows.filter((row) => !row.hidden);
}

function applyFilters() {
  const needle = text.value.trim().toLocaleLowerCase("de");
  for (const row of rows) {
    const matchesText = !needle || row.textContent.toLocaleLowerCase("de").includes(needle);
    const matchesSelects = selects.every((select) => !select.value || cell(row, Number(select.dataset.spalte)) === select.value);
    row.hidden = !(matchesText && matchesSelects);
  }
  status.textContent = `${visibleRows().length} von ${rows.length} Projekten angezeigt.`;
}

// Sorting: each column heading becomes a button; aria-sort tells screen readers the order.
for (const [column, heading] of [...table.tHead.rows[0].cells].entries()) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "aqb-sortieren";
  button.textContent = heading.textContent;
  heading.replaceChildren(button);
  button.addEventListener("click", () => {
    const ascending = heading.getAttribute("aria-sort") !== "ascending";
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const sorted = [...rows].sort((a, b) => collator.compare(cell(a, column), cell(b, column)) * (ascending ? 1 : -1));
    body.append(...sorted);
    rows.splice(0, rows.length, ...sorted);
  });
}

// CSV as RFC 4180. A cell that starts like a formula gets a leading apostrophe so that spreadsheet
// programs do not run it: the trigger characters come from the server's rule (aqb.exports.defused),
// looked for after white space and invisible characters, in full-width and small forms too (NFKC).
const formulaStart = document.getElementById("aqb-projekte-csv").dataset.formelanfang;

function defused(value) {
  const first = value.replace(/^[\s\p{Cf}]+/u, "").slice(0, 1).normalize("NFKC").slice(0, 1);
  return /^[\t\r]/.test(value) || (first !== "" && formulaStart.includes(first)) ? `'${value}` : value;
}

function csvCell(value) {
  const safe = defused(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

document.getElementById("aqb-projekte-csv").addEventListener("click", () => {
  const header = ["Projekt", "Maßnahmenart", "Gebietskörperschaft", "Jahr", "Auch in", "Adresse"];
  const lines = [header, ...visibleRows().map((row) => [
    ...[0, 1, 2, 3, 4].map((column) => cell(row, column)),
    new URL(row.cells[0].querySelector("a").getAttribute("href"), document.baseURI).href,
  ])].map((values) => values.map(csvCell).join(","));
  const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "projekte.csv";
  link.click();
  URL.revokeObjectURL(link.href);
});

text.addEventListener("input", applyFilters);
for (const select of selects) select.addEventListener("change", applyFilters);
tools.hidden = false;
applyFilters();
