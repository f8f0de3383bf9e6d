// Show or hide findings by severity (the page works without it).
document.addEventListener("change", function (ev) {
  var box = ev.target;
  if (!box.matches || !box.matches("input[data-severity]")) return;
  document.querySelectorAll("tr.finding[data-severity='" + box.dataset.severity + "']").forEach(function (row) {
    row.hidden = !box.checked;
  });
});
// Filter the document index by what is typed (doc_id, date or title).
document.addEventListener("input", function (ev) {
  if (ev.target.id !== "doc-filter") return;
  var q = ev.target.value.toLowerCase();
  document.querySelectorAll("table.doc-index tbody tr").forEach(function (row) {
    row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
  });
});
