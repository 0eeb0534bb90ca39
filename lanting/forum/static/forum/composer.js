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
    if (words.mentions) mentions(area, words);
  });

  // @name autocomplete: typing "@" and a letter or two offers members whose names
  // begin so; arrows choose, Enter or Tab takes one, Escape closes. Without
  // JavaScript the name is typed whole and still links and notifies.
  var AT_NAME = /(^|[^\w@.])@([^\s@]{1,15})$/;
  function mentions(area, words) {
    var list = document.createElement("ul");
    var id = (area.id || "composer") + "-mentions";
    var names = [], active = -1, timer = null, asked = "";
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", words.mentions_label || "Members");
    list.hidden = true;
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", id);
    area.parentNode.insertBefore(list, area.nextSibling);
    function typed() {
      var found = AT_NAME.exec(area.value.slice(0, area.selectionStart));
      return found ? found[2] : null;
    }
    function close() {
      list.hidden = true;
      names = [];
      active = -1;
      area.removeAttribute("aria-activedescendant");
    }
    function mark(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) area.setAttribute("aria-activedescendant", id + "-" + index);
    }
    function take(index) {
      var part = typed();
      if (part === null || !names[index]) return close();
      var end = area.selectionStart, start = end - part.length;
      area.setRangeText(names[index] + " ", start, end, "end");
      close();
      area.focus();
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    function show(found) {
      names = found;
      list.textContent = "";
      found.forEach(function (name, i) {
        var item = document.createElement("li");
        item.id = id + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = "@" + name;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the caret in the textarea
          take(i);
        });
        list.append(item);
      });
      list.hidden = !found.length;
      mark(found.length ? 0 : -1);
    }
    area.addEventListener("input", function () {
      var part = typed();
      clearTimeout(timer);
      if (part === null) return close();
      timer = setTimeout(function () {
        asked = part;
        fetch(words.mentions + "?q=" + encodeURIComponent(part), {
          credentials: "same-origin", headers: { Accept: "application/json" }
        }).then(function (response) {
          return response.ok ? response.json() : { names: [] };
        }).then(function (data) {
          if (asked === typed()) show(data.names || []);
        }).catch(close);
      }, 150);
    });
    area.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : names.length - 1;
        mark((active + step) % names.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        take(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    area.addEventListener("blur", function () { setTimeout(close, 100); });
  }
})();
