// Prophasis page behaviour. Loaded on every page from our own origin: the
// Content-Security-Policy forbids inline scripts, so all behaviour lives here.
(function () {
  "use strict";

  // Lua editors: a plain <textarea data-editor="lua"> still works without JS.
  function initEditors(root) {
    if (!window.CodeMirror) { return; }
    root.querySelectorAll('textarea[data-editor="lua"]').forEach(function (ta) {
      if (ta.dataset.editorReady) { return; }
      ta.dataset.editorReady = "1";
      var cm = window.CodeMirror.fromTextArea(ta, { mode: "lua", lineNumbers: true, indentUnit: 2 });
      ta.form && ta.form.addEventListener("submit", function () { cm.save(); });
    });
  }

  // Filterable checkbox lists: <input data-filter="#list"> hides the
  // .filter-item rows of #list whose text does not contain what is typed.
  function initFilters(root) {
    root.querySelectorAll("input[data-filter]").forEach(function (input) {
      var list = document.querySelector(input.dataset.filter);
      if (!list) { return; }
      input.addEventListener("input", function () {
        var q = input.value.toLowerCase();
        list.querySelectorAll(".filter-item").forEach(function (item) {
          item.classList.toggle("d-none", item.textContent.toLowerCase().indexOf(q) < 0);
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { initEditors(document); initFilters(document); });
  document.body.addEventListener("htmx:afterSwap", function (e) { initEditors(e.target); });
})();
