/* The desk's keyboard and freshness. No inline handlers: everything hangs off data-* and
   classes, so the page works under a strict Content-Security-Policy. htmx does the requests. */
(function () {
  "use strict";
  var PULSE_MS = 10000;
  var queue = document.getElementById("desk-queue");
  var context = document.getElementById("desk-context");
  var announcer = document.getElementById("desk-announce");
  var help = document.getElementById("desk-help");
  var rulesDialog = document.getElementById("desk-rules");
  var batch = document.getElementById("desk-batch");
  if (!queue) return;

  var current = null;
  var lastDecided = [];
  var claimTimer = null;

  function announce(text, error) {
    var p = document.createElement("p");
    p.className = "desk-msg " + (error ? "desk-msg-error" : "desk-msg-success");
    p.textContent = text;
    announcer.replaceChildren(p);
  }

  function items() { return Array.prototype.slice.call(queue.querySelectorAll(".desk-item")); }

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  /* One claim request at a time: moving fast through the list claims only where you stop. */
  var claiming = false;
  var claimNext = null;
  function claim(item) {
    if (!item.dataset.claimUrl || !context) return;
    clearTimeout(claimTimer);
    claimTimer = setTimeout(function () { sendClaim(item); }, 150);
  }
  function sendClaim(item) {
    if (claiming) { claimNext = item; return; }
    claiming = true;
    htmx.ajax("POST", item.dataset.claimUrl, {target: "#desk-context", swap: "innerHTML",
      headers: {"X-CSRFToken": csrf()}}).finally(function () {
      claiming = false;
      var next = claimNext;
      claimNext = null;
      if (next && next === current) sendClaim(next);
    });
  }

  function setCurrent(item, focus) {
    if (!item) return;
    var changed = current !== item;
    if (changed) {  // an unchanged class is not written again: no needless style pass
      if (current) current.classList.remove("desk-current");
      current = item;
      item.classList.add("desk-current");
    }
    if (focus && document.activeElement !== item) {
      item.focus({preventScroll: true});
      item.scrollIntoView({block: "nearest"});
    }
    if (changed) claim(item);
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var index = current ? list.indexOf(current) : -1;
    var next = list[Math.max(0, Math.min(list.length - 1, index + step))];
    if (index === -1) next = list[0];
    setCurrent(next, true);
  }

  function submit(item, action) {
    var form = item && item.querySelector("form[data-action=" + action + "]");
    if (!form) { announce("That action does not apply to this comment.", true); return false; }
    form.requestSubmit();
    return true;
  }

  function openRules(item) {
    var select = item.querySelector("form[data-action=reject] select[name=rule]");
    if (!select) { announce("This comment cannot be rejected from here.", true); return; }
    var list = rulesDialog.querySelector("[data-rule-list]");
    list.replaceChildren();
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var li = document.createElement("li");
      li.textContent = option.textContent;
      list.appendChild(li);
    });
    rulesDialog.querySelector("[data-rules-for]").textContent = "#" + item.dataset.id;
    rulesDialog.dataset.item = item.id;
    rulesDialog.showModal();
  }

  function pickRule(number) {
    var item = document.getElementById(rulesDialog.dataset.item);
    rulesDialog.close();
    if (!item) return;
    var select = item.querySelector("form[data-action=reject] select[name=rule]");
    var options = Array.prototype.filter.call(select.options, function (o) { return o.value; });
    if (number < 1 || number > options.length) { announce("No rule has number " + number + ".", true); return; }
    select.value = options[number - 1].value;
    submit(item, "reject");
    item.focus();
  }

  function edit(item) {
    htmx.ajax("GET", item.dataset.editUrl, {target: "#edit-" + item.dataset.id, swap: "innerHTML"});
  }

  function showThread(item) {
    var slot = document.getElementById("desk-thread-" + item.dataset.id);
    if (!slot) { announce("Focus the comment first so its context is shown.", true); return; }
    htmx.ajax("GET", item.dataset.threadUrl, {target: slot, swap: "innerHTML"}).then(function () {
      announce("The story's thread is shown beside the comment.");
    });
  }

  function undo() {
    while (lastDecided.length) {
      var item = document.getElementById(lastDecided.pop());
      if (item && submit(item, "undo")) return;
    }
    announce("Nothing to undo on this page.", true);
  }

  function toggleSelect(item) {
    var box = item.querySelector(".desk-select");
    if (!box || box.disabled) { announce("Only pending comments can be selected.", true); return; }
    box.checked = !box.checked;
    updateBatch();
  }

  function selectedIds() {
    return Array.prototype.map.call(queue.querySelectorAll(".desk-select:checked"), function (b) { return b.value; });
  }

  function updateBatch() {
    if (!batch) return;
    var ids = selectedIds();
    batch.querySelector("input[name=ids]").value = ids.join(",");
    batch.querySelector("[data-selected-count]").textContent = ids.length;
  }

  var KEYS = {
    j: function () { move(1); },
    k: function () { move(-1); },
    a: function (item) { submit(item, "approve"); },
    r: function (item) { openRules(item); },
    s: function (item) { submit(item, "spam"); },
    e: function (item) { edit(item); },
    t: function (item) { showThread(item); },
    x: function (item) { toggleSelect(item); },
    o: function (item) { window.location.href = item.querySelector(".desk-item-title a").href; },
    z: function () { undo(); },
    "?": function () { help.showModal(); }
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (rulesDialog.open) {
      if (/^[1-9]$/.test(event.key)) { event.preventDefault(); pickRule(Number(event.key)); }
      return;
    }
    if (help.open) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var handler = KEYS[event.key];
    if (!handler) return;
    var item = current && document.body.contains(current) ? current : null;
    if (!item && "jkz?".indexOf(event.key) === -1) { move(1); item = current; }
    if (!item && "jkz?".indexOf(event.key) === -1) return;
    event.preventDefault();
    handler(item);
  });

  /* Inside the inline editor: Ctrl+Enter saves, Escape cancels. */
  document.addEventListener("keydown", function (event) {
    var form = event.target.closest && event.target.closest("[data-edit-form]");
    if (!form) return;
    if (event.key === "Escape") { event.preventDefault(); cancelEdit(form); }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
  });

  function cancelEdit(form) {
    var item = form.closest(".desk-item");
    form.parentNode.replaceChildren();
    if (item) item.focus();
  }

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest("[data-edit-cancel]");
    if (cancel) cancelEdit(cancel.closest("form"));
  });

  queue.addEventListener("focusin", function (event) {
    var item = event.target.closest(".desk-item");
    if (item) setCurrent(item, false);
  });
  queue.addEventListener("click", function (event) {
    var item = event.target.closest(".desk-item");
    if (item && !event.target.closest("a, button, input, select, textarea, label")) setCurrent(item, true);
  });
  queue.addEventListener("change", function (event) {
    if (event.target.classList.contains("desk-select")) updateBatch();
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target.classList && target.classList.contains("desk-edit-slot")) {
      var area = target.querySelector("textarea");
      if (area) area.focus();
    }
  });

  /* After a decision the item is swapped in place (directly, or out of band for a batch):
     remember it for z and move on to the next comment. */
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var item = event.target;
    if (!item.classList || !item.classList.contains("desk-item") || !item.isConnected) return;
    var path = (event.detail.requestConfig && event.detail.requestConfig.path) || "";
    var decided = /\/(approve|reject|spam|batch)$/.test(path) && item.dataset.status !== "pending";
    if (decided) lastDecided.push(item.id);
    if (/\/undo$/.test(path)) lastDecided = lastDecided.filter(function (id) { return id !== item.id; });
    if (current && current.id === item.id) {
      current = item;
      item.classList.add("desk-current");
      if (decided && !/\/batch$/.test(path)) move(1);
      else item.focus({preventScroll: true});
    }
    updateBatch();
  });

  /* The pulse waits for the page's own requests, so it never races a decision. */
  var inFlight = 0;
  var pulseWanted = false;
  document.body.addEventListener("htmx:beforeRequest", function () { inFlight += 1; });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    inFlight = Math.max(0, inFlight - 1);
    var elt = event.detail.elt;
    if (elt && elt.closest && (elt.closest(".desk-item") || elt === batch)) pulseWanted = true;
    if (pulseWanted && !inFlight) pulse();
  });
  if (batch) {
    batch.addEventListener("htmx:afterRequest", function () {
      queue.querySelectorAll(".desk-select:checked").forEach(function (b) { b.checked = false; });
      updateBatch();
    });
  }

  /* Counts, others' claims and decisions, every few seconds while the tab is visible. */
  function pulse() {
    if (inFlight) { pulseWanted = true; return; }
    pulseWanted = false;
    var body = new URLSearchParams();
    body.set("ids", items().map(function (i) { return i.dataset.id; }).join(","));
    if (current) body.set("focused", current.dataset.id);
    fetch(queue.dataset.pulseUrl, {method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": csrf()}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) applyPulse(data); })
      .catch(function () {});
  }

  function applyPulse(data) {
    Object.keys(data.counts).forEach(function (tab) {
      var el = document.querySelector("[data-count-for=" + tab + "]");
      if (el) el.textContent = data.counts[tab];
    });
    items().forEach(function (item) {
      var id = item.dataset.id;
      var badge = item.querySelector(".desk-claim");
      var held = data.claims[id];
      badge.textContent = held ? "Held by " + held : "";
      item.classList.toggle("desk-item-held", Boolean(held));
      var status = data.statuses[id];
      var note = item.querySelector(".desk-note");
      if (status && status !== item.dataset.status) {
        note.textContent = "Someone else changed this comment: it is now " + (data.labels[status] || status).toLowerCase() + ".";
        item.classList.add("desk-item-stale");
      }
    });
  }

  setInterval(function () { if (document.visibilityState === "visible") pulse(); }, PULSE_MS);
  /* Leaving the desk releases the claim at once instead of letting it lapse. */
  window.addEventListener("pagehide", function () {
    var data = new FormData();
    data.set("csrfmiddlewaretoken", csrf());
    if (navigator.sendBeacon) navigator.sendBeacon(queue.dataset.releaseUrl, data);
  });
  /* Coming back to the desk shows the fresh state at once. */
  window.addEventListener("focus", pulse);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") pulse();
  });
})();
