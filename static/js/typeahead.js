/* Type-ahead for the header search box (templates/includes/header.html).
 *
 * Progressive enhancement: without JavaScript the box is a plain GET form to the search page.
 * With it, the input becomes an ARIA 1.2 combobox: as the buyer types (debounced), suggestions
 * from GET <data-suggest-url>?q=… ({"suggestions": [{kind, label, url}]}) appear in a listbox
 * under the input. Up/Down move the highlight (aria-activedescendant), Enter opens the
 * highlighted suggestion (or submits the search when none is highlighted), Escape closes the
 * list, a tap opens a suggestion. Labels come from data-* attributes, translated by Django.
 */
(function () {
    "use strict";

    var DELAY_MS = 200;
    var MIN_LETTERS = 2;

    function enhance(form, number) {
        var input = form.querySelector("input[name=q]");
        if (!input || !window.fetch) {
            return;
        }
        var listId = "site-search-suggestions" + (number ? "-" + number : "");
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "typeahead";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", form.dataset.labelList || "");
        list.hidden = true;
        var status = document.createElement("div");
        status.className = "sr-only";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        // Under the whole form (input and button), so that names have room on a phone.
        form.appendChild(list);
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", listId);
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("autocomplete", "off");

        var items = [];
        var active = -1;
        var timer = null;
        var controller = null;
        var shownFor = null;  // the text the current items answer

        function open() {
            if (!items.length) {
                return;
            }
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
        }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            highlight(-1);
        }

        function highlight(index) {
            var options = list.children;
            if (active >= 0 && options[active]) {
                options[active].classList.remove("is-active");
                options[active].setAttribute("aria-selected", "false");
            }
            active = index;
            if (index >= 0 && options[index]) {
                options[index].classList.add("is-active");
                options[index].setAttribute("aria-selected", "true");
                input.setAttribute("aria-activedescendant", options[index].id);
                if (options[index].scrollIntoView) {
                    options[index].scrollIntoView({block: "nearest"});
                }
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function go(index) {
            var item = items[index];
            if (item && item.url) {
                close();
                window.location.assign(item.url);
            }
        }

        function render(suggestions, text) {
            highlight(-1);
            list.textContent = "";
            items = suggestions;
            shownFor = text;
            suggestions.forEach(function (s, i) {
                var option = document.createElement("li");
                option.id = listId + "-" + i;
                option.className = "typeahead__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.kind = s.kind;
                var label = document.createElement("span");
                label.className = "typeahead__label";
                label.textContent = s.label;
                var kind = document.createElement("span");
                kind.className = "typeahead__kind typeahead__kind--" + s.kind;
                kind.textContent = s.kind === "seller" ? form.dataset.labelSeller : form.dataset.labelProduct;
                option.appendChild(label);
                option.appendChild(kind);
                // Keep the focus in the input so that the click lands before the blur closes the list.
                option.addEventListener("mousedown", function (event) { event.preventDefault(); });
                option.addEventListener("click", function () { go(i); });
                list.appendChild(option);
            });
            if (suggestions.length) {
                open();
                status.textContent = (form.dataset.labelCount || "{count}").replace("{count}", suggestions.length);
            } else {
                close();
                status.textContent = "";
            }
        }

        function lookUp() {
            var text = input.value.trim();
            if (text === shownFor) {
                open();
                return;
            }
            if (controller) {
                controller.abort();
                controller = null;
            }
            if (text.replace(/\s+/g, "").length < MIN_LETTERS) {
                render([], text);
                return;
            }
            controller = window.AbortController ? new AbortController() : null;
            var url = form.dataset.suggestUrl + "?q=" + encodeURIComponent(text);
            fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin",
                        signal: controller ? controller.signal : undefined})
                .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                .then(function (data) {
                    if (input.value.trim() === text) {
                        render(data.suggestions || [], text);
                    }
                })
                .catch(function () { /* aborted or offline: the plain search still works */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(lookUp, DELAY_MS);
        });
        input.addEventListener("keydown", function (event) {
            var expanded = !list.hidden;
            if (event.key === "ArrowDown" || event.key === "Down") {
                event.preventDefault();
                if (!expanded) {
                    open();
                    highlight(items.length ? 0 : -1);
                } else {
                    highlight(active + 1 < items.length ? active + 1 : 0);
                }
            } else if (event.key === "ArrowUp" || event.key === "Up") {
                event.preventDefault();
                if (expanded) {
                    highlight(active > 0 ? active - 1 : items.length - 1);
                }
            } else if (event.key === "Enter") {
                if (expanded && active >= 0) {
                    event.preventDefault();
                    go(active);
                }
            } else if (event.key === "Escape" || event.key === "Esc") {
                if (expanded) {
                    event.preventDefault();
                    close();
                }
            }
        });
        input.addEventListener("blur", function () {
            window.setTimeout(close, 150);
        });
        input.addEventListener("focus", function () {
            if (items.length && input.value.trim() === shownFor) {
                open();
            }
        });
        form.addEventListener("submit", function () {
            window.clearTimeout(timer);
            close();
        });
    }

    function start() {
        var forms = document.querySelectorAll("form.site-search[data-suggest-url]");
        for (var i = 0; i < forms.length; i++) {
            enhance(forms[i], i);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
