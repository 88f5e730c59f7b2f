// "Select all" for a bulk form: ticks or clears every checkbox that belongs to the form.
// The box stays hidden without scripts (each request is then ticked by hand).
"use strict";
document.querySelectorAll("[data-select-all]").forEach(function (holder) {
  var form = holder.getAttribute("data-select-all");
  var all = holder.querySelector("input[type=checkbox]");
  var boxes = document.querySelectorAll('input[type=checkbox][form="' + form + '"]');
  function sync() {
    var ticked = Array.prototype.filter.call(boxes, function (box) { return box.checked; }).length;
    all.checked = ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
  boxes.forEach(function (box) { box.addEventListener("change", sync); });
  holder.hidden = false;
  sync();
});
