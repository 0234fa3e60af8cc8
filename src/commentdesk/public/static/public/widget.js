/* Commentdesk widget: enhances the server-rendered comments page when JavaScript runs.
   Without it the page works as it is. No dependency, no cookie, no request to any other
   origin. Comment text is only ever inserted as text, never as HTML. */
(function () {
  "use strict";
  var body = document.body;
  var api = body.getAttribute("data-api");
  var storyId = body.getAttribute("data-story");
  var lang = body.getAttribute("data-lang");
  var T = JSON.parse(document.getElementById("cd-strings").textContent);
  var status = document.getElementById("status");
  var form = document.getElementById("cd-form");
  var post = document.getElementById("cd-post");
  var list = document.getElementById("cd-list");
  var mine = document.getElementById("cd-mine");
  var storeKey = "commentdesk:" + storyId;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function say(text, isError) {
    status.textContent = "";
    status.appendChild(el("p", isError ? "cd-error" : "cd-notice", text));
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k]; });
  }

  /* The embedding page: the origin it named, if the site allows it, gets our height. */
  var parts = window.name.split(":");
  var allowed = (body.getAttribute("data-origins") || "").split(" ");
  var parentOrigin = parts.slice(2).join(":");
  if (window.parent === window || parts[0] !== "commentdesk" || allowed.indexOf(parentOrigin) < 0) {
    parentOrigin = null;
  }
  function tell(message) {
    if (parentOrigin) window.parent.postMessage(message, parentOrigin);
  }
  if (parentOrigin) {
    var last = 0;
    var report = function () {
      var height = document.documentElement.scrollHeight;
      if (height !== last) {
        last = height;
        tell({ type: "commentdesk:height", height: height });
      }
    };
    new ResizeObserver(report).observe(document.documentElement);
    report();
  }

  /* JSON API calls: same origin, so the browser's Sec-Fetch-Site says so; no cookie. */
  function call(method, path, data, secret, key) {
    var headers = { "Accept-Language": lang };
    if (data) headers["Content-Type"] = "application/json";
    if (secret) headers["X-Comment-Secret"] = secret;
    if (key) headers["Idempotency-Key"] = key;
    return fetch(api + path, {
      method: method, headers: headers, credentials: "omit",
      body: data ? JSON.stringify(data) : undefined
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, data: json }; });
    });
  }

  function clearErrors(root) {
    root.querySelectorAll(".cd-error").forEach(function (n) { n.remove(); });
    root.querySelectorAll("[aria-invalid]").forEach(function (n) {
      n.removeAttribute("aria-invalid");
      n.removeAttribute("aria-describedby");
      n.closest(".cd-field").classList.remove("cd-invalid");
    });
  }
  function showErrors(root, problem) {
    var first = null;
    var errors = problem.errors || {};
    Object.keys(errors).forEach(function (name) {
      var field = root.querySelector("[name=" + name + "]");
      var box = field && field.closest(".cd-field");
      var message = el("p", "cd-error", errors[name].join(" "));
      if (!box) { say(errors[name].join(" "), true); return; }
      message.id = (field.id || name) + "-error";
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", message.id);
      box.classList.add("cd-invalid");
      box.appendChild(message);
      first = first || field;
    });
    if (first) first.focus(); else say(problem.detail || T.network, true);
  }

  /* Your comments: id and secret kept in this browser for this story only: in the frame's
     storage, or, where browsers keep third-party frames from storage, by the loader in the
     embedding page's storage (messages checked for origin, source and shape both ways). */
  var mineList = [];
  var relay = false;
  function isItem(x) {
    return x && typeof x.id === "number" && typeof x.secret === "string";
  }
  function loadStore(done) {
    var local = null;
    try {
      local = JSON.parse(localStorage.getItem(storeKey)) || [];
    } catch (e) { /* no storage for this frame */ }
    if (local || !parentOrigin) {
      mineList = (local || []).filter(isItem);
      return done();
    }
    relay = true;
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== parentOrigin || event.source !== window.parent) return;
      if (!data || data.type !== "commentdesk:mine" || data.story !== Number(storyId)) return;
      if (!Array.isArray(data.items)) return;
      mineList = data.items.filter(isItem);
      done();
    });
    tell({ type: "commentdesk:load", story: Number(storyId) });
  }
  function stored() { return mineList.slice(); }
  function store(items) {
    mineList = items;
    if (relay) tell({ type: "commentdesk:store", story: Number(storyId), items: items });
    else try { localStorage.setItem(storeKey, JSON.stringify(items)); } catch (e) { /* off */ }
  }
  function remember(id, secret) {
    store(stored().filter(function (x) { return x.id !== id; }).concat([{ id: id, secret: secret }]));
  }
  function renderOwn(item, own) {
    var li = $("#mine-" + own.id) || el("li", "cd-own");
    li.id = "mine-" + own.id;
    li.textContent = "";
    var line = T[own.status] || own.status;
    if (own.rule) line += " · " + fill(T.rule, { rule: own.rule.code + ": " + own.rule.title });
    li.appendChild(el("p", "cd-own-status cd-status-" + own.status, line));
    li.appendChild(el("p", "cd-body", own.body));
    if (own.can_edit) {
      var until = new Date(own.editable_until).toLocaleString(lang);
      li.appendChild(el("p", "cd-edit-until", fill(T.editUntil, { time: until })));
      var edit = el("button", "cd-secondary", T.edit);
      var remove = el("button", "cd-secondary", T["delete"]);
      edit.type = remove.type = "button";
      edit.addEventListener("click", function () { editOwn(item, own, li); });
      remove.addEventListener("click", function () {
        call("DELETE", "comments/" + own.id, null, item.secret).then(function (r) {
          if (r.ok) renderOwn(item, r.data); else say(r.data.detail, true);
        }, function () { say(T.network, true); });
      });
      li.appendChild(edit);
      li.appendChild(remove);
    }
    if (!li.parentNode) $(".cd-mine-list", mine).appendChild(li);
    mine.hidden = false;
  }
  function editOwn(item, own, li) {
    var box = el("form", "cd-own-edit");
    var field = el("div", "cd-field");
    var label = el("label", null, T.bodyLabel);
    var text = el("textarea");
    text.name = "body";
    text.id = label.htmlFor = "mine-body-" + own.id;
    text.rows = 5;
    text.value = own.body;
    field.appendChild(label);
    field.appendChild(text);
    box.appendChild(field);
    var save = el("button", null, T.save);
    var cancel = el("button", "cd-secondary", T.cancel);
    cancel.type = "button";
    cancel.addEventListener("click", function () { renderOwn(item, own); });
    box.appendChild(save);
    box.appendChild(cancel);
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(box);
      call("PATCH", "comments/" + own.id, { body: text.value }, item.secret).then(function (r) {
        if (r.ok) { renderOwn(item, r.data); $("#mine-" + own.id + " button").focus(); }
        else showErrors(box, r.data);
      }, function () { say(T.network, true); });
    });
    li.textContent = "";
    li.appendChild(box);
    text.focus();
  }
  function loadOwn() {
    stored().forEach(function (item) {
      call("GET", "comments/" + item.id, null, item.secret).then(function (r) {
        if (r.ok) renderOwn(item, r.data);
        else if (r.data && r.data.code === "not_found") {
          store(stored().filter(function (x) { return x.id !== item.id; }));
        }
      }, function () {});
    });
  }

  /* Posting without a reload; the no-JS form post stays the fallback. */
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(form);
      var data = {
        story_id: Number(storyId),
        parent_id: Number(form.elements.parent.value) || null,
        display_name: form.elements.display_name.value,
        email: form.elements.email.value,
        body: form.elements.body.value,
        consent: form.elements.consent.checked
      };
      var key = form.elements.idempotency_key;
      call("POST", "comments", data, null, key.value).then(function (r) {
        if (!r.ok) { showErrors(form, r.data); return; }
        // A double click sends the same key (one comment); the next comment gets a new one.
        var fresh = new Uint8Array(18);
        crypto.getRandomValues(fresh);
        key.value = Array.prototype.map.call(fresh, function (b) { return (b + 256).toString(16).slice(1); }).join("");
        remember(r.data.id, r.data.secret);
        renderOwn({ id: r.data.id, secret: r.data.secret }, r.data);
        form.elements.body.value = "";
        cancelReply();
        say(r.data.status === "approved" ? T.postedApproved : T.postedPending);
      }, function () { say(T.network, true); });
    });
  }

  /* Reply in place: the one form moves under the comment. */
  var replying = $(".cd-replying", form || document);
  var home = post && post.nextSibling;
  function cancelReply() {
    if (!form) return;
    form.elements.parent.value = "";
    replying.hidden = true;
    if (home) home.parentNode.insertBefore(post, home);
  }
  function startReply(link) {
    var article = link.closest("article");
    var name = $(".cd-name", article).textContent;
    form.elements.parent.value = link.getAttribute("data-comment");
    replying.textContent = fill(T.replying, { name: name }) + " ";
    var cancel = el("button", "cd-link", T.cancelReply);
    cancel.type = "button";
    cancel.addEventListener("click", function () { cancelReply(); form.elements.body.focus(); });
    replying.appendChild(cancel);
    replying.hidden = false;
    article.parentNode.insertBefore(post, article.nextSibling);
    form.elements.body.focus();
  }

  /* Report in place: a copy of the report form under the comment. */
  function startReport(link) {
    var article = link.closest("article");
    var id = link.getAttribute("data-comment");
    if ($("#report-" + id)) return;
    var copy = document.getElementById("cd-report-template").content.firstElementChild.cloneNode(true);
    copy.id = "report-" + id;
    copy.elements.comment.value = id;
    copy.querySelectorAll("[id]").forEach(function (n) {
      var label = $("label[for=" + n.id + "]", copy);
      n.id = "r" + id + n.id;
      if (label) label.htmlFor = n.id;
    });
    copy.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(copy);
      var data = { reason: copy.elements.reason.value, note: copy.elements.note.value };
      call("POST", "comments/" + id + "/reports", data).then(function (r) {
        if (!r.ok) { showErrors(copy, r.data); return; }
        var done = el("p", "cd-notice", T.reported);
        copy.replaceWith(done);
        say(T.reported);
      }, function () { say(T.network, true); });
    });
    article.appendChild(copy);
    copy.elements.reason.focus();
  }

  /* Load more and sort: fetch the next items of the cached thread, no page reload. */
  function fetchItems(sort, cursor) {
    var query = new URLSearchParams({ sort: sort, cursor: cursor || "", lang: lang });
    return fetch("/comments/" + storyId + "/thread/?" + query, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html; // our own server's escaped rendering
        return template.content;
      });
  }
  var currentSort = ($(".cd-sort [aria-current]") || { getAttribute: function () { return "oldest"; } })
    .getAttribute("data-sort");

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (link.classList.contains("cd-reply") && form) {
      event.preventDefault();
      startReply(link);
    } else if (link.classList.contains("cd-report")) {
      event.preventDefault();
      startReport(link);
    } else if (link.classList.contains("cd-more")) {
      event.preventDefault();
      var item = link.parentNode;
      fetchItems(currentSort, link.getAttribute("data-cursor")).then(function (items) {
        var first = items.firstElementChild;
        item.replaceWith(items);
        if (first) $("article", first).focus();
        say(T.loaded);
      }, function () { say(T.network, true); });
    } else if (link.hasAttribute("data-sort")) {
      event.preventDefault();
      var sort = link.getAttribute("data-sort");
      fetchItems(sort, "").then(function (items) {
        currentSort = sort;
        list.textContent = "";
        list.appendChild(items);
        document.querySelectorAll(".cd-sort a").forEach(function (a) {
          if (a === link) a.setAttribute("aria-current", "true");
          else a.removeAttribute("aria-current");
        });
      }, function () { say(T.network, true); });
    }
  });

  loadStore(loadOwn);
})();
