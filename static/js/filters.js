// The filter form sends only what the reader chose: a short address to share or bookmark, and the
// same one the facet links use for that selection, so its page and counts come from the cache.
// Without scripts the forms work as before (the server ignores empty fields; the sort has a button).
(() => {
  const form = document.querySelector("form[data-send-chosen-only]");
  if (form) {
    form.addEventListener("submit", () => {
      for (const field of form.elements) {
        if (field.name && field.value === "") field.disabled = true;
      }
    });
    // Back on this page (the browser's page cache), every field is usable again.
    window.addEventListener("pageshow", () => {
      for (const field of form.elements) field.disabled = false;
    });
  }
  // The order beside the results applies as soon as it is chosen.
  for (const sortForm of document.querySelectorAll("form[data-submit-on-change]")) {
    const button = sortForm.querySelector("button");
    if (button) button.hidden = true;
    sortForm.addEventListener("change", () => sortForm.submit());
  }
  // A long facet narrowed by typing: values whose label lacks the typed text are hidden (ticked ones
  // stay). Without scripts the same field is sent and the server lists only the matching values.
  for (const finder of document.querySelectorAll("input[data-facet-find]")) {
    const values = finder.closest("fieldset").querySelectorAll(".facet-value");
    const narrow = () => {
      const typed = finder.value.trim().toLowerCase();
      for (const value of values) {
        const label = value.querySelector(".facet-label").textContent.toLowerCase();
        value.hidden = Boolean(typed) && !label.includes(typed) && !value.querySelector("input").checked;
      }
    };
    finder.addEventListener("input", narrow);
    finder.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // typing narrows; it does not send the form
    });
    narrow();
  }
})();

// Compare: at most four ticks; a fifth is refused with a word why.
(() => {
  const form = document.getElementById("compare-form");
  if (!form) return;
  const ticks = () => document.querySelectorAll('input[form="compare-form"][name="id"]');
  for (const tick of ticks()) {
    tick.addEventListener("change", () => {
      const chosen = [...ticks()].filter((box) => box.checked);
      if (chosen.length > 4) {
        tick.checked = false;
        tick.setCustomValidity("Up to four trials can be compared at once.");
        tick.reportValidity();
        tick.setCustomValidity("");
      }
    });
  }
})();
