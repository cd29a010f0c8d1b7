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
