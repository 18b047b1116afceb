// The citation's "abgerufen am": the date on which this reader opened the page, in the reader's own
// time zone, written as the site writes dates ("2. August 2025"). Without JavaScript the placeholder
// "[Datum Ihres Abrufs]" stays for the reader to fill in; a build date would not be the date of access.
const written = new Date().toLocaleDateString("de-DE", { day: "numeric", month: "long", year: "numeric" });
for (const element of document.querySelectorAll("[data-aqb-abruf]")) {
  element.textContent = written;
}
