/* The expo's pages (templates/startups/expos/public/): the countdown to the opening, "live
   now" kept right as sessions start and end, and the lobby's "staff online now" row fetched
   from its own small address (so the lobby itself can come from the page cache). Everything
   reads data attributes; without JavaScript the pages show the dates and the state they were
   rendered with. First party only: nothing is asked of another site. */
(function () {
    "use strict";

    function pad(n) { return (n < 10 ? "0" : "") + n; }

    function countdown(box) {
        var opens = Date.parse(box.getAttribute("data-countdown"));
        var template = box.getAttribute("data-countdown-template") || "{days} {time}";
        var text = box.querySelector("[data-countdown-text]") || box;
        if (isNaN(opens)) { return; }
        function tick() {
            var left = Math.floor((opens - Date.now()) / 1000);
            if (left <= 0) {
                window.clearInterval(timer);
                window.setTimeout(function () { window.location.reload(); }, 1500 + Math.random() * 3000);
                return;
            }
            var days = Math.floor(left / 86400);
            var time = pad(Math.floor(left % 86400 / 3600)) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
            text.textContent = template.replace("{days}", days).replace("{time}", time);
        }
        var timer = window.setInterval(tick, 1000);
        tick();
    }

    function liveNow() {
        var now = Date.now();
        var rows = document.querySelectorAll("[data-session-starts]");
        for (var i = 0; i < rows.length; i++) {
            var starts = Date.parse(rows[i].getAttribute("data-session-starts"));
            var ends = Date.parse(rows[i].getAttribute("data-session-ends"));
            var live = starts <= now && now < ends;
            rows[i].classList.toggle("is-live", live);
            rows[i].classList.toggle("is-ended", ends <= now);
            var badge = rows[i].querySelector("[data-live-badge]");
            if (badge) { badge.hidden = !live; }
        }
    }

    function online(box) {
        var url = box.getAttribute("data-expo-online");
        function load() {
            if (document.hidden || !window.fetch) { return; }
            window.fetch(url, { credentials: "same-origin" }).then(function (response) {
                return response.ok ? response.text() : "";
            }).then(function (html) {
                box.innerHTML = html;  // our own fragment (templates/startups/expos/public/_online.html)
            }).catch(function () { /* the row is a help: keep what is shown */ });
        }
        load();
        window.setInterval(load, 60000);
    }

    var boxes = document.querySelectorAll("[data-countdown]");
    for (var i = 0; i < boxes.length; i++) { countdown(boxes[i]); }
    if (document.querySelector("[data-session-starts]")) {
        liveNow();
        window.setInterval(liveNow, 30000);
    }
    var onlineBox = document.querySelector("[data-expo-online]");
    if (onlineBox) { online(onlineBox); }
}());
