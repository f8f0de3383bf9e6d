// Show or hide findings by severity (the page works without it).
document.addEventListener("change", function (ev) {
  var box = ev.target;
  if (!box.matches || !box.matches("input[data-severity]")) return;
  document.querySelectorAll("tr.finding[data-severity='" + box.dataset.severity + "']").forEach(function (row) {
    row.hidden = !box.checked;
  });
});
