// On a phone a table is laid out as one card per row (app.css); each cell then shows its
// column's heading before it. Cells that already carry a data-label keep theirs.
(function () {
  "use strict";
  function label(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) { return; }
    var names = [];
    Array.prototype.forEach.call(head.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i += 1) { names.push(cell.textContent.trim()); }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var name = names[column];
          if (name && !cell.hasAttribute("data-label") && (cell.colSpan || 1) === 1) {
            cell.setAttribute("data-label", name);
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }
  function labelAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("main table"), label);
  }
  document.addEventListener("DOMContentLoaded", function () { labelAll(document); });
  // Rows swapped in by htmx (search results, panels) get their labels too.
  document.addEventListener("htmx:afterSettle", function () { labelAll(document); });
})();
