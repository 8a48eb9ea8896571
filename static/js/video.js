/* Videos on pitch pages (templates/startups/pitches/_video.html): a still and a play link;
   the provider's player is loaded only when the visitor clicks, so nothing is sent to the
   provider before. Only the players the Content-Security-Policy lets in are ever framed
   (core/video.py FRAME_ORIGINS). Without JavaScript the link opens the video on its site. */
(function () {
    "use strict";

    var PLAYERS = [
        "https://www.youtube-nocookie.com/embed/",
        "https://www.tiktok.com/embed/v2/",
        "https://www.facebook.com/plugins/video.php?"
    ];

    function allowed(url) {
        for (var i = 0; i < PLAYERS.length; i++) {
            if (url.indexOf(PLAYERS[i]) === 0) { return true; }
        }
        return false;
    }

    function play(box, event) {
        var url = box.getAttribute("data-video-embed") || "";
        if (!allowed(url)) { return; }  // the link opens the video on its site instead
        event.preventDefault();
        var frame = document.createElement("iframe");
        frame.src = url;
        frame.className = "pitch-video__frame";
        frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
        frame.setAttribute("allowfullscreen", "");
        frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        frame.setAttribute("title", box.querySelector(".pitch-video__button").textContent);
        box.innerHTML = "";
        box.appendChild(frame);
        box.classList.add("is-playing");
    }

    function ready(fn) {
        if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
    }

    ready(function () {
        document.querySelectorAll(".pitch-video[data-video-embed]").forEach(function (box) {
            var link = box.querySelector(".pitch-video__play");
            if (link) {
                link.addEventListener("click", function (event) { play(box, event); });
            }
        });
    });
})();
