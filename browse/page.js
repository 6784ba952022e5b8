"use strict";
(function () {
  var input = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var records = Array.prototype.slice.call(document.querySelectorAll("article.rec"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.kind"));
  var total = records.length;

  // apply shows the records whose text holds every word typed, and dims
  // the others' marks on the timeline.
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var hidden = {};
    var n = 0;
    records.forEach(function (r) {
      var text = r.getAttribute("data-find");
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) { n++; } else { hidden[r.id] = true; }
    });
    sections.forEach(function (s) {
      var visible = s.querySelectorAll("article.rec:not([hidden])").length;
      document.querySelectorAll('[data-count="' + s.id + '"]').forEach(function (c) { c.textContent = String(visible); });
      s.querySelector("p.none").hidden = visible > 0;
    });
    document.querySelectorAll("[data-mark], [data-row]").forEach(function (m) {
      var id = m.getAttribute("data-mark") || m.getAttribute("data-row");
      m.classList.toggle("dim", hidden[id] === true);
    });
    shown.textContent = n + " of " + total + " records";
  }

  // reveal clears the filter when a link leads to a record it hides.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.hidden) {
      input.value = "";
      apply();
      target.scrollIntoView();
    }
  }

  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; apply(); }
  });
  window.addEventListener("hashchange", reveal);
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#']");
    if (!a) { return; }
    var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (target && target.hidden) { input.value = ""; apply(); }
  });
  if (input.value) { apply(); }
  reveal();
})();
