// The staff menus open without scripts (<details>); this only closes the others when one opens,
// and closes them on a click elsewhere or on Escape, as a menu is expected to behave.
"use strict";
(function () {
  var menus = document.querySelectorAll("details[data-staff-menu]");
  function closeAll(except) {
    menus.forEach(function (menu) { if (menu !== except) { menu.open = false; } });
  }
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () { if (menu.open) { closeAll(menu); } });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest("details[data-staff-menu]")) { closeAll(null); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector("details[data-staff-menu][open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
})();
