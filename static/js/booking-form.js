// The booking form follows its choices without a reload; without scripts the server does it.
// A new date reloads the times for that day (the GET form); a new start or length asks the
// availability JSON which seats are free and which lengths end by closing. No date text here:
// the words come from the page (data-free, data-taken), times are the API's HH:MM.
"use strict";
(function () {
  var dayForm = document.querySelector("form[data-refresh-on-change]");
  if (dayForm) {
    dayForm.querySelector("input[type=date]").addEventListener("change", function () {
      if (this.value) { dayForm.submit(); }
    });
  }
  var seat = document.querySelector("select[data-availability]");
  if (!seat) { return; }
  var start = document.getElementById("start");
  var duration = document.getElementById("duration");
  var minutes = function (hhmm) { return +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5); };
  var asked = fetch(seat.getAttribute("data-availability"), {headers: {Accept: "application/json"}})
    .then(function (response) { return response.ok ? response.json() : null; })
    .catch(function () { return null; });
  function refresh(data) {
    if (!data || !data.open) { return; }
    var step = data.slot_minutes;
    var closes = minutes(data.slots[data.slots.length - 1]) + step;
    var from = minutes(start.value);
    Array.prototype.forEach.call(duration.options, function (option) {
      option.disabled = from + +option.value > closes;
    });
    var wanted = [];
    for (var m = from; m < from + +duration.value; m += step) {
      wanted.push(String(Math.floor(m / 60)).padStart(2, "0") + ":" + String(m % 60).padStart(2, "0"));
    }
    data.seats.forEach(function (s) {
      var option = seat.querySelector('option[value="' + s.id + '"]');
      if (!option) { return; }
      var free = wanted.every(function (t) { return s.free.indexOf(t) !== -1; });
      option.textContent = seat.getAttribute(free ? "data-free" : "data-taken").replace("{seat}", s.label);
    });
  }
  function changed() { asked.then(refresh); }
  start.addEventListener("change", changed);
  duration.addEventListener("change", changed);
})();
