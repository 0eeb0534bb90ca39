// The composer's BBCode toolbar. Without JavaScript the plain textarea and the
// server-side Preview button still work; this only inserts tags around the selection.
(function () {
  "use strict";
  var SMILIES = [":)", ":(", ":D", ":P", ":lol", ":handshake", ":victory:", ":kiss:"];
  function wrap(area, open, close, fallback) {
    var start = area.selectionStart, end = area.selectionEnd;
    var chosen = area.value.slice(start, end) || fallback || "";
    area.setRangeText(open + chosen + close, start, end, "select");
    area.setSelectionRange(start + open.length, start + open.length + chosen.length);
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function button(label, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "composer-button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", action);
    return b;
  }
  document.querySelectorAll("textarea[data-composer]").forEach(function (area) {
    var words = JSON.parse(area.getAttribute("data-composer") || "{}");
    var bar = document.createElement("div");
    bar.className = "composer-bar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", words.toolbar || "BBCode");
    bar.append(
      button("B", words.bold || "Bold", function () { wrap(area, "[b]", "[/b]"); }),
      button("I", words.italic || "Italic", function () { wrap(area, "[i]", "[/i]"); }),
      button("🔗", words.link || "Link", function () {
        var url = window.prompt(words.link_prompt || "URL", "https://");
        if (url) wrap(area, "[url=" + url + "]", "[/url]", url);
      }),
      button("🖼", words.image || "Image", function () {
        var url = window.prompt(words.image_prompt || "Image URL", "https://");
        if (url) wrap(area, "[img]" + url, "[/img]");
      }),
      button("❝", words.quote || "Quote", function () { wrap(area, "[quote]", "[/quote]"); }),
      button("</>", words.code || "Code", function () { wrap(area, "[code]", "[/code]"); }),
      button("•", words.list || "List", function () { wrap(area, "[list]\n[*]", "\n[/list]"); })
    );
    // Private messages carry no files: their composer has no attachment button.
    if (!area.hasAttribute("data-no-attach")) {
      bar.append(button("📎", words.attach || "Attachment", function () {
        var n = window.prompt(words.attach_prompt || "Attachment number", "1");
        if (n) wrap(area, "[attach]" + n + "[/attach]", "");
      }));
    }
    SMILIES.forEach(function (code) {
      bar.append(button(code, code, function () { wrap(area, "", "", code); }));
    });
    area.parentNode.insertBefore(bar, area);
  });
})();
