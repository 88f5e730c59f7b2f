// The diary grid by keyboard: Enter or ↓ goes to the same column on the next day, ↑ to the day
// before; Tab goes along the day as usual. A focused cell selects its figure, to type over it.
(function () {
  "use strict";
  document.querySelectorAll(".diary-grid").forEach(function (grid) {
    grid.addEventListener("focusin", function (event) {
      if (event.target.matches("input")) event.target.select();
    });
    grid.addEventListener("keydown", function (event) {
      const input = event.target;
      if (!input.matches("input")) return;
      const step = { Enter: 1, ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const cell = input.closest("td");
      const rows = Array.from(grid.querySelectorAll("tbody tr")).filter(function (row) {
        return row.querySelector("input");
      });
      const index = rows.indexOf(cell.parentElement) + step;
      const column = Array.from(cell.parentElement.children).indexOf(cell);
      if (index < 0 || index >= rows.length) return;
      const target = rows[index].children[column].querySelector("input");
      if (target) target.focus();
    });
  });
})();
