// "Snel weg": leave for a neutral site and replace this page's entry in the history, so that
// the back button does not bring it back. Without JavaScript the link still leaves.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-quick-exit]") : null;
  if (!link) { return; }
  event.preventDefault();
  window.location.replace(link.href);
});
