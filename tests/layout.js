// What a reader on any screen width notices, measured in the page: returns a list of problems (empty = fine).
() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) problems.push(`Seite scrollt seitwärts: ${root.scrollWidth} > ${window.innerWidth}`);

  // Tables fit their column; only the partners × years matrix may scroll, in a labelled, focusable region.
  for (const table of document.querySelectorAll(".md-content table")) {
    const column = table.closest(".aqb-tabelle") || table.parentElement;
    const scrolls = table.getBoundingClientRect().width > column.clientWidth + 1;
    if (!scrolls) continue;
    if (!table.classList.contains("aqb-vergleich")) {
      problems.push(`Tabelle breiter als ihre Spalte: ${table.className || "(Markdown)"} ${Math.round(table.getBoundingClientRect().width)} > ${column.clientWidth}`);
      continue;
    }
    if (column.getAttribute("role") !== "region" || !column.getAttribute("aria-label") || column.tabIndex !== 0)
      problems.push("scrollende Tabelle ohne benannten, fokussierbaren Bereich");
    const first = table.querySelector("tbody th");
    if (first && getComputedStyle(first).position !== "sticky") problems.push("erste Spalte der scrollenden Tabelle bleibt nicht stehen");
  }

  // No word broken inside: a run of letters and digits must lie on one line (breaks at "-", "/" or spaces are fine).
  const walker = document.createTreeWalker(document.querySelector(".md-container") || document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const broken = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // A command or path in code that is longer than a phone line has to break somewhere.
    const code = node.parentElement.closest("code, pre");
    if (code && Math.max(...code.textContent.split(/\s+/).map((chunk) => chunk.length)) >= 30) continue;
    for (const match of node.data.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.add(match[0]);
    }
  }
  if (broken.size) problems.push(`im Wort umgebrochen: ${[...broken].slice(0, 5).join(", ")}`);

  // The site title is shown whole, and nothing in the header bar lies over it.
  const title = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  if (title) {
    const box = title.getBoundingClientRect();
    if (title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1)
      problems.push("Seitentitel abgeschnitten");
    for (const other of document.querySelectorAll(".aqb-kopf-suche button, .aqb-kopf-suche input, .md-header__option label:not([hidden]), .md-header__button")) {
      const r = other.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || getComputedStyle(other).visibility === "hidden") continue;
      if (r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top)
        problems.push(`verdeckt den Seitentitel: ${other.className || other.tagName}`);
    }
  }

  // Chart text at least as large as the body text.
  const body = parseFloat(getComputedStyle(document.querySelector(".md-typeset")).fontSize);
  for (const label of document.querySelectorAll(".aqb-diagramm .aqb-balken-name, .aqb-diagramm .aqb-balken-betrag")) {
    const size = parseFloat(getComputedStyle(label).fontSize);
    if (size + 0.1 < body) problems.push(`Diagrammtext ${size.toFixed(1)} px kleiner als Fließtext ${body} px`);
  }
  return problems;
}
