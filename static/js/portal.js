// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // A form marked data-confirm asks before it is sent (cancel, reject, delete).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  // Selects marked data-autosubmit send their form when changed (filters).
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.requestSubmit(); });
  });
});
