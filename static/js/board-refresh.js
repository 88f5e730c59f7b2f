// The day board keeps itself current: while the tab is visible it asks the server for its
// seats and bookings again every data-refresh-seconds and swaps them in. All text comes from
// the server. Without scripts the board is as it was loaded: reload to see changes.
"use strict";
(function () {
  var live = document.querySelector("[data-board-live]");
  if (!live || !window.fetch) { return; }
  var last = Date.now();
  var busy = false;
  var stopped = false;
  function due() {
    var seconds = parseInt(live.getAttribute("data-refresh-seconds"), 10) || 20;
    return Date.now() - last >= seconds * 1000;
  }
  function refresh() {
    var focus = document.activeElement;
    // Not while the tab is hidden, nor under the hand of someone about to press a button.
    if (busy || stopped || document.visibilityState !== "visible" || !due() ||
        (live.contains(focus) && focus.matches("button, a, input"))) { return; }
    busy = true;
    // A redirect is not followed: the sign-in page would take the "session ended" message
    // meant for the coordinator's next click. Signed out, the board stops asking.
    fetch(live.getAttribute("data-refresh-url"), { credentials: "same-origin", redirect: "manual" })
      .then(function (answer) {
        if (answer.type === "opaqueredirect") { stopped = true; }
        if (!answer.ok) { throw answer; }
        return answer.text();
      })
      .then(function (html) {
        var scroller = live.querySelector(".board-scroll");
        var left = scroller ? scroller.scrollLeft : 0;
        live.innerHTML = html;
        scroller = live.querySelector(".board-scroll");
        if (scroller) { scroller.scrollLeft = left; }
      })
      .catch(function () {})
      .then(function () { last = Date.now(); busy = false; });
  }
  setInterval(refresh, 1000);
  document.addEventListener("visibilitychange", refresh);
})();
