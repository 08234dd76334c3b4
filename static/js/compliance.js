// Self-assessment: refuse a too-large file before it is sent, so the visitor keeps what
// they typed. Everything works without this script; the server checks again.
(function () {
  "use strict";
  function check(input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var id = input.id + "-size-error";
    var old = document.getElementById(id);
    if (old) { old.parentNode.removeChild(old); }
    var tooLarge = Array.prototype.some.call(input.files || [], function (file) { return file.size > max; });
    if (!tooLarge) { input.removeAttribute("aria-invalid"); return true; }
    var message = document.createElement("p");
    message.className = "error-message";
    message.id = id;
    message.setAttribute("role", "alert");
    message.textContent = input.getAttribute("data-too-large");
    input.parentNode.appendChild(message);
    input.setAttribute("aria-invalid", "true");
    return false;
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type=file][data-max-bytes]")) { check(event.target); }
  });
  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll("input[type=file][data-max-bytes]");
    for (var i = 0; i < inputs.length; i++) {
      if (!check(inputs[i])) { event.preventDefault(); inputs[i].focus(); return; }
    }
  });
}());
