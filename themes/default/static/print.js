// Reveals the "print or save as PDF" buttons and opens the browser's print dialog from them.
// Without JavaScript the buttons stay hidden and the page still prints with Ctrl+P.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
  var control = button.closest(".print-control");
  if (control) {
    control.hidden = false;
  }
});
