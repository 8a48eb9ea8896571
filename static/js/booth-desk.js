// The booth desk: while the page is open, tell the expo every minute that a staff member
// answers at the booth (dashboard:booth-presence, POST with the CSRF token; 204).
(function () {
  "use strict";
  var desk = document.getElementById("booth-desk");
  if (!desk || !window.fetch) return;
  var url = desk.getAttribute("data-presence-url");
  var tokenInput = desk.querySelector("input[name=csrfmiddlewaretoken]");
  if (!url || !tokenInput) return;
  function mark() {
    if (document.visibilityState === "hidden") return;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput.value },
    }).catch(function () {});
  }
  mark();
  window.setInterval(mark, 60000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") mark();
  });
})();
