// The filter form sends only what the reader chose: a short address to share or bookmark, and the
// same one the facet links use for that selection, so its page and counts come from the cache.
// Without scripts the form works as before (the server ignores empty fields).
(() => {
  const form = document.querySelector("form[data-send-chosen-only]");
  if (!form) return;
  form.addEventListener("submit", () => {
    for (const field of form.elements) {
      const defaultSort = field.name === "sort" && field.value === "relevance";
      if (field.name && (field.value === "" || defaultSort)) field.disabled = true;
    }
  });
  // Back on this page (the browser's page cache), every field is usable again.
  window.addEventListener("pageshow", () => {
    for (const field of form.elements) field.disabled = false;
  });
})();
