/* edition-tools: full-text search over search-index.js (window.EDITION_SEARCH_INDEX).
   Works from file:// and from any static server. Results are built with DOM text nodes only. */
(function () {
  "use strict";
  var index = window.EDITION_SEARCH_INDEX;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) { return; }
  if (!index) { status.textContent = "The search index (search-index.js) is missing."; return; }
  var words = Object.keys(index.words);
  var LIMIT = 100;

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function tokens(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  function lookup(query) {
    var qs = tokens(query);
    if (!qs.length) { return []; }
    var found = null;
    qs.forEach(function (q, i) {
      var hits = {};
      if (i === qs.length - 1) {
        words.forEach(function (w) {
          if (w.indexOf(q) === 0) { index.words[w].forEach(function (n) { hits[n] = true; }); }
        });
      } else {
        (index.words[q] || []).forEach(function (n) { hits[n] = true; });
      }
      if (found === null) { found = hits; }
      else { Object.keys(found).forEach(function (n) { if (!hits[n]) { delete found[n]; } }); }
    });
    return Object.keys(found).map(Number).sort(function (a, b) { return a - b; });
  }
  function snippet(text, qs) {
    var folded = fold(text);
    var at = -1, len = 0;
    qs.forEach(function (q) {
      var i = folded.indexOf(q);
      if (i >= 0 && (at < 0 || i < at)) { at = i; len = q.length; }
    });
    var frag = document.createDocumentFragment();
    if (at < 0 || folded.length !== text.length) {
      frag.appendChild(document.createTextNode(text.length > 240 ? text.slice(0, 240) + "…" : text));
      return frag;
    }
    var start = Math.max(0, at - 100);
    frag.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + len);
    frag.appendChild(mark);
    var end = Math.min(text.length, at + len + 140);
    frag.appendChild(document.createTextNode(text.slice(at + len, end) + (end < text.length ? "…" : "")));
    return frag;
  }
  function show(query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var qs = tokens(query);
    var hits = lookup(query);
    if (!qs.length) { status.textContent = ""; return; }
    status.textContent = hits.length + (hits.length === 1 ? " passage" : " passages") + " found" +
      (hits.length > LIMIT ? " (first " + LIMIT + " shown)" : "") + ".";
    hits.slice(0, LIMIT).forEach(function (n) {
      var entry = index.entries[n];
      var doc = index.docs[entry[0]];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = doc.url + (entry[1] ? "#" + entry[1] : "");
      a.textContent = doc.title;
      li.appendChild(a);
      if (doc.date) { li.appendChild(document.createTextNode(" (" + doc.date + ")")); }
      var p = document.createElement("p");
      p.appendChild(snippet(entry[2], qs));
      li.appendChild(p);
      list.appendChild(li);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    if (window.history && window.history.replaceState && location.protocol !== "file:") {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
}());
