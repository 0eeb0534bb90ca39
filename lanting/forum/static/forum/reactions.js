// 支持 / 反对, the mood bar and 收藏 without a reload. Without JavaScript the same
// forms post and come back to the same place with a message; this only answers in place.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-inplace]")) return;
    event.preventDefault();
    var data = new FormData(form);
    var button = event.submitter;
    if (button && button.name) data.append(button.name, button.value);
    var said = form.querySelector("[data-said]");
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        var counts = answer.counts || {};
        Object.keys(counts).forEach(function (name) {
          var shown = form.querySelector('[data-count="' + name + '"]');
          if (shown) shown.textContent = counts[name];
        });
        if (said) {
          said.textContent = answer.message || "";
          said.className = answer.ok ? "said ok" : "said error";
        }
        if (answer.ok && button && button.name) {
          form.querySelectorAll("button").forEach(function (b) { b.removeAttribute("aria-pressed"); });
          if (button.value !== "undo") button.setAttribute("aria-pressed", "true");
        }
      })
      .catch(function () {
        // Not answered in place (offline, a login page): post the plain form instead.
        if (button && button.name) {
          var kept = document.createElement("input");
          kept.type = "hidden";
          kept.name = button.name;
          kept.value = button.value;
          form.appendChild(kept);
        }
        form.submit();
      });
  });
})();
