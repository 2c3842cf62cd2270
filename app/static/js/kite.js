// Kite's own script. Pages work without it; it only makes htmx requests as safe as forms.
// Every htmx request carries the page's CSRF token in the header Flask-WTF reads.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.content;
  }
});
