/* The visit beacon of expo pages (templates/startups/expos/includes/beacon.html).

   Once per page view: an event id (uuid4) is made here and the event is POSTed, form-encoded,
   to the beacon endpoint (startups.views.expo_stats.BeaconView) with fetch keepalive, so the
   page never waits for the count. A failed send is retried with the same id (the server keeps
   one row per id), a few times now and once more on the next page of the site, from
   sessionStorage. The answer {stamps, goal, unlocked} fills in the visitor's passport on the
   page, which may have come from the cache. */
(function () {
    "use strict";

    var PENDING_KEY = "expo-beacon-pending";
    var DELAYS = [1000, 4000, 15000];

    function uuid4() {
        if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
        var bytes = new Uint8Array(16);
        window.crypto.getRandomValues(bytes);
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        var hex = "";
        for (var i = 0; i < 16; i++) { hex += (bytes[i] + 0x100).toString(16).slice(1); }
        return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
            hex.slice(16, 20) + "-" + hex.slice(20);
    }

    function pending() {
        try { return JSON.parse(window.sessionStorage.getItem(PENDING_KEY) || "[]"); } catch (e) { return []; }
    }

    function keep(list) {
        try { window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(list.slice(-20))); } catch (e) { /* private mode */ }
    }

    function forget(eventId) {
        keep(pending().filter(function (item) { return item.fields.event_id !== eventId; }));
    }

    function encode(fields) {
        var parts = [];
        for (var name in fields) {
            if (Object.prototype.hasOwnProperty.call(fields, name)) {
                parts.push(encodeURIComponent(name) + "=" + encodeURIComponent(fields[name] || ""));
            }
        }
        return parts.join("&");
    }

    function showPassport(answer) {
        if (!answer || typeof answer.stamps !== "number") { return; }
        var counts = document.querySelectorAll("[data-passport-stamps]");
        for (var i = 0; i < counts.length; i++) { counts[i].textContent = String(answer.stamps); }
        var goals = document.querySelectorAll("[data-passport-goal]");
        for (var j = 0; j < goals.length; j++) { goals[j].textContent = String(answer.goal); }
        var unlocked = document.querySelectorAll("[data-passport-unlocked]");
        for (var k = 0; k < unlocked.length; k++) { unlocked[k].hidden = !answer.unlocked; }
        var locked = document.querySelectorAll("[data-passport-locked]");
        for (var m = 0; m < locked.length; m++) { locked[m].hidden = !!answer.unlocked; }
    }

    function send(item, attempt) {
        var body = encode(item.fields);
        if (!window.fetch) {
            if (navigator.sendBeacon) {
                navigator.sendBeacon(item.url, new Blob([body], { type: "application/x-www-form-urlencoded" }));
            }
            forget(item.fields.event_id);
            return;
        }
        window.fetch(item.url, {
            method: "POST",
            body: body,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            credentials: "same-origin",
            keepalive: true
        }).then(function (response) {
            if (response.status >= 500 || response.status === 429) { throw new Error("retry"); }
            forget(item.fields.event_id);  // counted, or refused for good (4xx)
            if (response.status === 200) { return response.json().then(showPassport); }
        }).catch(function () {
            if (attempt < DELAYS.length) {
                window.setTimeout(function () { send(item, attempt + 1); }, DELAYS[attempt]);
            }  // else it stays pending: the next expo page sends it again, with the same id
        });
    }

    function start() {
        var box = document.querySelector("[data-expo-beacon]");
        var waiting = pending();
        if (box) {
            var item = {
                url: box.getAttribute("data-expo-beacon"),
                fields: {
                    event_id: uuid4(),
                    expo: box.getAttribute("data-expo"),
                    kind: box.getAttribute("data-kind"),
                    hall: box.getAttribute("data-hall"),
                    booth: box.getAttribute("data-booth"),
                    session: box.getAttribute("data-session")
                }
            };
            waiting.push(item);
            keep(waiting);
        }
        for (var i = 0; i < waiting.length; i++) { send(waiting[i], 0); }
    }

    if (document.readyState !== "loading") { start(); } else { document.addEventListener("DOMContentLoaded", start); }
    // A page shown again from the browser's back-forward cache is another visit.
    window.addEventListener("pageshow", function (event) { if (event.persisted) { start(); } });
}());
