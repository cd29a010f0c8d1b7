// The "Copy" button next to the calendar address (the address can be selected by hand too).
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(field.value);
    button.textContent = "Copied";
    const status = document.getElementById(button.dataset.copied);
    if (status) status.textContent = "Address copied";
    setTimeout(() => { button.textContent = "Copy"; }, 2000);
  });
});
