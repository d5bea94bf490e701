// Behaviour the pages would otherwise put in inline handlers (onsubmit, hx-on), which the
// Content-Security-Policy forbids: every script comes from a file of this site.

// <form data-confirm="…">: asks before submitting (used by delete buttons).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// <button data-remove-closest=".selector">: removes the nearest enclosing element that matches.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-remove-closest]");
  if (button) {
    button.closest(button.dataset.removeClosest)?.remove();
  }
});
