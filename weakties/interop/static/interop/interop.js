// Reading a large file takes a while: say so, and keep a second click from sending it again.
// The button is disabled only after the browser has taken the form's data (and its formaction).
document.querySelectorAll("form[data-busy]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button) return;
    form.setAttribute("aria-busy", "true");
    setTimeout(() => {
      form.querySelectorAll("button").forEach((other) => { other.disabled = true; });
      if (button.dataset.busy) button.textContent = button.dataset.busy;
    }, 0);
  });
});
