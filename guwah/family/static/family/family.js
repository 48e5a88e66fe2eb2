// Adding relatives on the tree without a page load: the one form moves under the card it adds
// to, each relative is kept on the server at once (a draft), and the new card appears in place.
// Without this script the same form posts as a page, so nothing depends on it.
(function () {
  "use strict";
  var tree = document.getElementById("family-tree");
  var form = document.getElementById("relative-form");
  if (!tree || !form) { return; }
  var errors = document.getElementById("relative-form-errors");
  var close = document.getElementById("relative-form-close");
  var count = document.getElementById("family-drafts-count");
  var home = form.parentNode;
  var next = form.nextSibling;

  function csrf() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function showErrors(found) {
    var lines = [];
    Object.keys(found || {}).forEach(function (field) {
      (found[field] || []).forEach(function (line) { lines.push(line); });
    });
    errors.textContent = lines.join(" ");
    errors.hidden = lines.length === 0;
  }

  function openUnder(button) {
    var node = button.closest(".family-node");
    form.elements.anchor.value = button.dataset.anchor;
    form.elements.edge.value = button.dataset.edge;
    form.elements.key.value = "";
    node.querySelector(":scope > .family-card").after(form);
    form.classList.add("is-open");
    close.hidden = false;
    showErrors({});
    form.elements.name.focus();
  }

  var FIELDS = ["edge", "name", "sex", "birth_date", "hometown", "hometown_text",
    "lost_contact", "what_is_known"];

  function openToChange(button) {
    openUnder(button);
    form.elements.key.value = button.dataset.key;
    FIELDS.forEach(function (field) { form.elements[field].value = button.dataset[field] || ""; });
  }

  tree.addEventListener("click", function (event) {
    var change = event.target.closest("button.family-change");
    if (change) { openToChange(change); return; }
    var button = event.target.closest("button.family-add");
    if (button) { openUnder(button); }
  });

  close.addEventListener("click", function () {
    form.classList.remove("is-open");
    close.hidden = true;
    home.insertBefore(form, next);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = new FormData(form);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (!answer.ok) { showErrors(answer.data.errors); return; }
      showErrors({});
      var holder = document.createElement("ul");
      holder.innerHTML = answer.data.card;
      var fresh = holder.firstElementChild;
      var known = tree.querySelector('.family-node[data-key="' + answer.data.key + '"]');
      if (known) {
        // A changed relative keeps those added under it; only its own card is redrawn.
        known.querySelector(":scope > .family-card").replaceWith(
          fresh.querySelector(":scope > .family-card"));
        form.classList.remove("is-open");
        close.hidden = true;
        home.insertBefore(form, next);
      } else {
        var anchor = tree.querySelector('.family-node[data-key="' + answer.data.anchor + '"]');
        if (!anchor) { anchor = tree.querySelector(".family-node"); }
        anchor.querySelector(":scope > .family-below").appendChild(fresh);
      }
      if (count && answer.data.pending) {
        count.textContent = answer.data.pending;
      }
      // Ready for the next relative of the same person: what was said once stays filled.
      ["name", "birth_date", "what_is_known", "key"].forEach(function (field) {
        form.elements[field].value = "";
      });
      form.elements.sex.value = "";
      form.elements.name.focus();
    }).catch(function () {
      // The network failed: nothing typed is cleared, she can press again.
      showErrors({ __all__: [form.dataset.offline || ""] });
    });
  });
})();
