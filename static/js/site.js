/* Behaviour of the public pages, kept out of the HTML so that the Content-Security-Policy can
   refuse every inline script (an injected one included). Replaces Oscar's inline
   "onbodyload" snippets and our former onchange/inline scripts. */
(function () {
    "use strict";

    function ready(fn) {
        if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
    }

    ready(function () {
        var oscar = window.oscar;
        var view = document.body.getAttribute("data-view") || "";
        if (oscar) {
            oscar.init();
            if (view === "basket:summary" && oscar.basket) {
                oscar.basket.init({basketURL: document.body.getAttribute("data-basket-url")});
            } else if (view === "checkout:index" && oscar.checkout) {
                oscar.checkout.gateway.init();
            } else if (view.indexOf("customer:wishlists") === 0 && oscar.customer) {
                oscar.customer.wishlists.init();
            } else if (view.indexOf("customer:notifications") === 0 && oscar.notifications) {
                oscar.notifications.init();
            }
            if (oscar.search && document.querySelector(".facet_checkbox")) {
                oscar.search.initFacetWidgets();
            }
        }
        // Selects that submit their form when changed (sort order of listings).
        document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
            select.addEventListener("change", function () { select.form.submit(); });
        });
        // Facets start open on wide screens.
        var facets = document.getElementById("listing-facets");
        if (facets && window.matchMedia && window.matchMedia("(min-width: 992px)").matches) {
            facets.open = true;
        }
    });
})();
