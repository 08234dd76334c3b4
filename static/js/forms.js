// Every page: nothing typed is lost, and errors and scroll boxes are reachable.
// - After a refused submit, focus goes to the error summary (or the error message).
// - A table in a scroll box becomes a focusable, named region, so a keyboard can scroll it.
// - Leaving a page with unsaved changes in a form asks first (beforeunload).
// - Where a block carries data-autosave-url, what is typed in it is saved as a draft in the
//   background; its data-save-status element says when.
// Everything works without this script; the server keeps what was typed on every refusal.
(function () {
  "use strict";
  var dirty = new Set();
  var submitting = false;

  function focusErrors() {
    var target = document.querySelector(".error-summary") || document.querySelector(".flash-error");
    if (!target) { return; }
    var prefix = document.documentElement.getAttribute("lang") === "en" ? "Error: " : "Fout: ";
    if (document.title.indexOf(prefix) !== 0) { document.title = prefix + document.title; }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }

  function nameScrollBoxes() {
    var boxes = document.querySelectorAll(".table-scroll:not([tabindex])");
    Array.prototype.forEach.call(boxes, function (box) {
      var caption = box.querySelector("caption");
      var heading = null;
      for (var el = box.previousElementSibling; el && !heading; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) { heading = el; }
      }
      var name = document.documentElement.getAttribute("lang") === "en" ? "Table" : "Tabel";
      if (caption && caption.textContent.trim()) { name = caption.textContent.trim(); }
      else if (heading) { name = heading.textContent.trim(); }
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name);
    });
  }

  function watched(form) {
    return form && form.method && form.method.toLowerCase() === "post" && !form.hasAttribute("data-no-warn");
  }

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (watched(form) && event.target.type !== "hidden") { dirty.add(event.target); }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (watched(form) && event.target.type !== "hidden") { dirty.add(event.target); }
  });
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) { submitting = true; }
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || dirty.size === 0) { return undefined; }
    event.preventDefault();
    event.returnValue = "";
    return "";
  });

  // --- background drafts -------------------------------------------------------------------
  var timers = new WeakMap();

  function saveDraft(block) {
    var url = block.getAttribute("data-autosave-url");
    var status = block.querySelector("[data-save-status]");
    var form = block.closest("form");
    var data = new FormData();
    var token = form && form.querySelector("input[name=csrf_token]");
    if (token) { data.append("csrf_token", token.value); }
    var fields = block.querySelectorAll("input[name], textarea[name], select[name]");
    var sent = [];
    Array.prototype.forEach.call(fields, function (field) {
      if (dirty.has(field)) { sent.push(field); }
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      data.append(field.name, field.value);
    });
    fetch(url, { method: "POST", body: data, credentials: "same-origin",
                 headers: { "Accept": "application/json", "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json().then(function (body) { return [response.ok, body]; }); })
      .then(function (result) {
        if (status) { status.textContent = result[1].message || ""; }
        if (result[0]) {
          sent.forEach(function (field) {
            dirty.delete(field);
            if (field.type === "radio") {  // the whole group was saved
              Array.prototype.forEach.call(document.getElementsByName(field.name), function (f) { dirty.delete(f); });
            }
          });
        }
      })
      .catch(function () {
        if (status) { status.textContent = status.getAttribute("data-offline") || ""; }
      });
  }

  function schedule(block) {
    clearTimeout(timers.get(block));
    timers.set(block, setTimeout(function () { saveDraft(block); }, 1500));
  }

  document.addEventListener("input", function (event) {
    var block = event.target.closest && event.target.closest("[data-autosave-url]");
    if (block && event.target.name) { schedule(block); }
  });
  document.addEventListener("change", function (event) {
    var block = event.target.closest && event.target.closest("[data-autosave-url]");
    if (block && event.target.name) { schedule(block); }
  });

  function focusConfirmation() {
    // After a save the page opens at the save button; its confirmation is announced there.
    var target = location.hash && document.getElementById(location.hash.slice(1));
    var status = target && target.querySelector("[role=status]");
    if (status) { status.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameScrollBoxes();
    focusErrors();
    focusConfirmation();
  });
}());
