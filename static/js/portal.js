/* A table wider than a phone scrolls sideways inside its box (.table-responsive): such a box must be
   reachable with the keyboard, or a keyboard user could never see its right-hand columns (WCAG 2.1.1,
   axe "scrollable-region-focusable"). So a box that scrolls becomes a focusable region named after its
   section; a box that fits stays out of the tab order. Re-checked when the window changes size. */
(() => {
  const MARK = "scrollRegion";

  const update = () => {
    document.querySelectorAll(".table-responsive, .chart-scroll").forEach((box) => {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (box.hasAttribute("tabindex")) return;
        box.tabIndex = 0;
        box.dataset[MARK] = "1";
        const section = box.closest("[aria-labelledby]");
        if (section) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-labelledby", section.getAttribute("aria-labelledby"));
        }
      } else if (box.dataset[MARK]) {
        ["tabindex", "role", "aria-labelledby", "data-scroll-region"].forEach((name) => box.removeAttribute(name));
      }
    });
  };

  update();
  window.addEventListener("resize", update);
})();
