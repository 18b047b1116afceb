// Projects table: filter and sort in the browser, and download the rows shown as CSV or Excel workbook.
// Without JavaScript the full table is still there; these tools only appear with it.

const tools = document.getElementById("aqb-projekte-werkzeuge");
const table = document.getElementById("aqb-projekte");
const body = table.tBodies[0];
const rows = [...body.rows];
const text = document.getElementById("aqb-projekte-text");
const selects = [...tools.querySelectorAll("select[data-spalte]")];
const status = document.getElementById("aqb-projekte-status");
// The year's page names its downloads after the year: projekte-2025.csv.
const fileName = tools.dataset.dateiname || "projekte";
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

const HEADER = ["Projekt", "Maßnahmenart", "Gebietskörperschaft", "Jahr", "Auch in", "Adresse"];

function shownTable() {
  return visibleRows().map((row) => [
    ...[0, 1, 2, 3, 4].map((column) => cell(row, column)),
    new URL(row.cells[0].querySelector("a").getAttribute("href"), document.baseURI).href,
  ]);
}

function save(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

document.getElementById("aqb-projekte-csv").addEventListener("click", () => {
  const lines = [HEADER, ...shownTable()].map((values) => values.map(csvCell).join(","));
  save(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }), `${fileName}.csv`);
});

// Excel workbook (.xlsx), written here without any library: a zip archive (stored, not compressed)
// of five small XML files. Every text is an inline string, so Excel shows it as written and never
// runs it as a formula (no apostrophe needed); the year is a number.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function zip(files) {
  const encoder = new TextEncoder();
  const parts = [];
  const directory = [];
  let offset = 0;
  for (const [name, text] of files) {
    const nameBytes = encoder.encode(name);
    const data = encoder.encode(text);
    const crc = crc32(data);
    // version, flags (UTF-8 names), method 0 (stored), time 00:00, date 1980-01-01, crc, sizes, name length
    const common = [[20, 2], [0x0800, 2], [0, 2], [0, 2], [0x21, 2], [crc, 4], [data.length, 4], [data.length, 4], [nameBytes.length, 2]];
    const local = header(0x04034b50, [...common, [0, 2]]);
    parts.push(local, nameBytes, data);
    directory.push(header(0x02014b50, [[20, 2], ...common, [0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]]), nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const size = directory.reduce((sum, part) => sum + part.length, 0);
  const end = header(0x06054b50, [[0, 2], [0, 2], [files.length, 2], [files.length, 2], [size, 4], [offset, 4], [0, 2]]);
  return new Blob([...parts, ...directory, end], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

function header(signature, fields) {
  const bytes = new Uint8Array(4 + fields.reduce((sum, [, width]) => sum + width, 0));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, signature, true);
  let at = 4;
  for (const [value, width] of fields) {
    if (width === 2) view.setUint16(at, value, true);
    else view.setUint32(at, value, true);
    at += width;
  }
  return bytes;
}

function xml(value) {
  return value.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function sheetCell(value, column, row) {
  const ref = "ABCDEF"[column] + row;
  if (column === 3 && row > 1 && /^\d+$/.test(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xml(value)}</t></is></c>`;
}

function workbook(table) {
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const packageRelations = "http://schemas.openxmlformats.org/package/2006/relationships";
  const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const rowsXml = table.map((values, index) => `<row r="${index + 1}">${values.map((value, column) => sheetCell(value, column, index + 1)).join("")}</row>`).join("");
  return zip([
    ["[Content_Types].xml", declaration + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      + "</Types>"],
    ["_rels/.rels", declaration + `<Relationships xmlns="${packageRelations}">`
      + `<Relationship Id="rId1" Type="${relations}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", declaration + `<workbook xmlns="${main}" xmlns:r="${relations}">`
      + '<sheets><sheet name="Projekte" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    ["xl/_rels/workbook.xml.rels", declaration + `<Relationships xmlns="${packageRelations}">`
      + `<Relationship Id="rId1" Type="${relations}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
    ["xl/worksheets/sheet1.xml", declaration + `<worksheet xmlns="${main}"><sheetData>${rowsXml}</sheetData></worksheet>`],
  ]);
}

document.getElementById("aqb-projekte-xlsx").addEventListener("click", () => {
  save(workbook([HEADER, ...shownTable()]), `${fileName}.xlsx`);
});

text.addEventListener("input", applyFilters);
for (const select of selects) select.addEventListener("change", applyFilters);
tools.hidden = false;
applyFilters();
