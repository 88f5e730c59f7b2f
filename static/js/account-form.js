// The account form shows the library only for branch staff and the centres only for
// coordinators. Without scripts both show, and the server ignores the one the role does not use.
"use strict";
(function () {
  var role = document.getElementById("role");
  if (!role) { return; }
  var parts = document.querySelectorAll("[data-for-role]");
  function sync() {
    parts.forEach(function (part) { part.hidden = part.getAttribute("data-for-role") !== role.value; });
  }
  role.addEventListener("change", sync);
  sync();
})();
