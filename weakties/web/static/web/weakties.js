// Small helpers on top of htmx. Every page works without this file.
(function () {
  "use strict";

  function showProblem(text) {
    var box = document.getElementById("connection-problem");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
  }

  function hideProblem() {
    var box = document.getElementById("connection-problem");
    if (box) box.hidden = true;
  }

  // htmx ignores failed responses by default; say so instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : "";
    showProblem("That did not work (error " + status + "). Reload the page and try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    showProblem("Cannot reach weakties. Is `weakties serve` still running?");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) hideProblem();
  });

  // Back and Forward: htmx puts back its copy of the page, taken when the address last
  // changed, so a search box would show what was typed after it ("david" at "?q=da") or
  // nothing. A form whose fields are in the address (hx-push-url) is filled from the address.
  document.addEventListener("htmx:historyRestore", function () {
    var params = new URLSearchParams(location.search);
    document.querySelectorAll("form[hx-push-url]").forEach(function (form) {
      Array.prototype.forEach.call(form.elements, function (field) {
        var type = (field.type || "").toLowerCase();
        if (!field.name || type === "hidden" || type === "submit" || type === "button") return;
        if (type === "checkbox" || type === "radio") {
          field.checked = params.getAll(field.name).indexOf(field.value) !== -1;
        } else {
          field.value = params.get(field.name) || "";
          if (field.tagName === "SELECT" && field.selectedIndex === -1) field.selectedIndex = 0;
        }
      });
    });
  });

  // Copy buttons (data-copy-from="ID of a field"): shown only where the browser lets a page
  // copy, in content htmx swaps in too. data-copy-status names an element (role="status")
  // that tells screen readers it worked.
  function revealCopyButtons(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll("[data-copy-from]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", function () { revealCopyButtons(document); });
  document.addEventListener("htmx:load", function (event) { revealCopyButtons(event.detail.elt); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-from]") : null;
    var field = button ? document.getElementById(button.dataset.copyFrom) : null;
    if (!field || !navigator.clipboard) return;
    navigator.clipboard.writeText(field.value).then(function () {
      var label = button.textContent;
      button.textContent = button.dataset.copyDone || "Copied";
      var status = document.getElementById(button.dataset.copyStatus || "");
      if (status) status.textContent = "Copied to the clipboard";
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  // "/" jumps to the search box, as in many web apps, unless the user is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    var tag = active ? active.tagName : "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (active && active.isContentEditable)) {
      return;
    }
    var search = document.querySelector("[data-search-shortcut]");
    if (search) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  });
})();
