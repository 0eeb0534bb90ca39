// The captcha widget (ALTCHA, altcha.min.js) in the site's words: the template puts them,
// translated, on the widget as data-words; they replace the widget's own for its language.
(function () {
  "use strict";
  document.querySelectorAll("altcha-widget[data-words]").forEach(function (widget) {
    var language = widget.getAttribute("language") || "en";
    var words = JSON.parse(widget.getAttribute("data-words") || "{}");
    var registry = globalThis.$altcha && globalThis.$altcha.i18n;
    if (!registry) return;
    registry.set(language, Object.assign({}, registry.get(language) || registry.get("en"), words));
  });
})();
