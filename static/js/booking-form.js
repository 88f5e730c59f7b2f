// The booking form follows its choices without a reload; without scripts the server does it.
// A new date asks the server for that day's choices (?part=day: the heading, the times, the
// lengths, the seats, all in words) and puts them in place, so what was typed stays; if that
// fails, the day's GET form is sent. A new start or length asks the availability JSON which
// seats are free and which lengths end by closing. No date text is made here: every word comes
// from the server or the page (data-free, data-taken, data-sending); times are the API's HH:MM.
"use strict";
(function () {
  var seat = document.querySelector("select[data-availability]");
  var start = document.getElementById("start");
  var duration = document.getElementById("duration");
  var asked = null;
  function ask() {
    asked = fetch(seat.getAttribute("data-availability"), {headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }
  function fill(select, options) {
    select.textContent = "";
    options.forEach(function (o) { select.add(new Option(o[1], o[0], o[2], o[2])); });
  }
  var dayForm = document.querySelector("form[data-refresh-on-change]");
  function newDay(event) {
    var query = new URLSearchParams(new FormData(dayForm));
    if (!query.get("date")) { return; }
    if (event) { event.preventDefault(); }
    query.set("part", "day");
    fetch("?" + query.toString(), {headers: {Accept: "application/json"}})
      .then(function (response) { if (!response.ok) { throw response; } return response.json(); })
      .then(function (data) {
        document.getElementById("book-day").innerHTML = data.info;
        document.querySelector("input[name=day]").value = data.day;
        fill(start, data.start);
        fill(duration, data.duration);
        fill(seat, data.seat);
        seat.setAttribute("data-availability", data.availability);
        ask();
        query.delete("part");
        history.replaceState(null, "", "?" + query.toString());
      })
      .catch(function () { dayForm.submit(); });
  }
  // A tap on Send says the request is on its way, and a second tap sends nothing more.
  var send = document.querySelector("#booking-form [data-sending]");
  if (send) {
    var label = send.textContent;
    var sending = function (on) {
      send.disabled = on;
      send.textContent = on ? send.getAttribute("data-sending") : label;
      if (on) { send.setAttribute("aria-busy", "true"); } else { send.removeAttribute("aria-busy"); }
    };
    send.form.addEventListener("submit", function () { sending(true); });
    // Back here from the next page (the browser's page cache): it can be sent again.
    window.addEventListener("pageshow", function () { sending(false); });
  }
  if (dayForm && seat) {
    dayForm.querySelector("input[type=date]").addEventListener("change", function () { newDay(); });
    dayForm.addEventListener("submit", newDay);
  }
  if (!seat) { return; }
  var minutes = function (hhmm) { return +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5); };
  ask();
  function refresh(data) {
    if (!data || !data.open || !start.value) { return; }
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
