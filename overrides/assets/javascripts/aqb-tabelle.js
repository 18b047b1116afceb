// The comparison table scrolls sideways where it is wider than the screen: the line above it says so
// while that is the case (and only then), on loading and whenever the window changes size.
const hint = document.getElementById("aqb-vergleich-wischen");
const region = hint?.nextElementSibling?.matches(".aqb-tabelle") ? hint.nextElementSibling : null;

function update() {
  hint.hidden = region.scrollWidth <= region.clientWidth + 1;
}

if (hint && region) {
  update();
  new ResizeObserver(update).observe(region);
}
