// A form's draft is kept in this browser as it is typed, so nothing is lost if the server
// cannot save it (signed out, offline): put back on the next visit, then saved by the autosave.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  const key = form.dataset.draftKey;
  const fields = () =>
    Array.from(form.elements).filter(
      (el) => el.name && !["csrfmiddlewaretoken", "revision", "template_version", "typed_name", "confirm"].includes(el.name) && el.type !== "submit",
    );
  const read = () => {
    const data = {};
    for (const el of fields()) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) data[el.name].push(el.value);
      } else {
        data[el.name] = [el.value];
      }
    }
    return data;
  };
  const write = (data) => {
    for (const el of fields()) {
      const values = data[el.name];
      if (!values) continue;
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.includes(el.value);
      else el.value = values[0] || "";
    }
  };
  let stored = null;
  try {
    stored = JSON.parse(window.localStorage.getItem(key) || "null");
  } catch (error) {
    stored = null;
  }
  if (stored && JSON.stringify(stored) !== JSON.stringify(read())) {
    write(stored);
    document.getElementById("draft-restored")?.classList.remove("d-none");
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }
  form.addEventListener("input", () => window.localStorage.setItem(key, JSON.stringify(read())));
  form.addEventListener("change", () => window.localStorage.setItem(key, JSON.stringify(read())));
  // saved on the server: the browser's copy is no longer needed
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "autosave-status" && event.detail.target.querySelector("[data-saved]")) {
      window.localStorage.removeItem(key);
    }
  });
  form.addEventListener("submit", () => window.localStorage.removeItem(key));
});
