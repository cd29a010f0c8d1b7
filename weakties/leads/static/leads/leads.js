// The leads board: after a move, keep the keyboard on the lead that moved. Without this file
// (or without JavaScript) every move is a plain form post and the page reloads.
(function () {
  "use strict";

  // htmx:load fires on the new board once it is in the page (the form that asked for it is
  // gone by then, so its own events no longer reach the document).
  document.addEventListener("htmx:load", function (event) {
    var board = event.target;
    if (!board || board.id !== "board") return;
    var moved = board.getAttribute("data-moved");
    var card = moved ? document.getElementById("lead-" + moved) : null;
    if (card) card.focus();
  });
})();
