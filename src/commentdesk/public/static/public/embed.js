/* Commentdesk loader: puts each [data-commentdesk] element's comments in an isolated iframe
   from the Commentdesk origin and keeps the iframe's height in step with its content.
   Nothing else touches the host page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URLSearchParams) return;
  var base = new URL(script.src).origin;
  var count = 0;

  function mount(el) {
    if (el.querySelector("iframe[data-commentdesk-frame]")) return;
    var query = new URLSearchParams({
      url: el.getAttribute("data-story-url") || location.href.split("#")[0],
      title: el.getAttribute("data-story-title") || document.title,
      lang: el.getAttribute("lang") || document.documentElement.lang || "",
      origin: location.origin
    });
    var frame = document.createElement("iframe");
    frame.setAttribute("data-commentdesk-frame", "");
    // The frame learns which origin to report its height to from its name (see widget.js).
    frame.name = "commentdesk:" + ++count + ":" + location.origin;
    frame.title = el.getAttribute("data-frame-title") || "Comments";
    frame.src = base + "/embed/?" + query;
    frame.loading = "lazy"; // comments far below the fold wait until the reader nears them
    frame.style.width = "100%";
    frame.style.minHeight = "320px";
    frame.style.border = "0";
    frame.style.display = "block";
    var fallback = el.querySelectorAll("noscript");
    for (var i = 0; i < fallback.length; i++) fallback[i].remove();
    el.appendChild(frame);

    window.addEventListener("message", function (event) {
      if (event.origin !== base || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== "object") return;
      if (data.type === "commentdesk:height") {
        var height = data.height;
        if (typeof height !== "number" || !(height > 0) || height > 100000) return;
        frame.style.height = Math.ceil(height) + "px";
      } else if (data.type === "commentdesk:load" && isId(data.story)) {
        // Browsers that keep third-party frames from storage: this page keeps the reader's
        // comment secrets for the frame, and gives them back only to that frame.
        var reply = { type: "commentdesk:mine", story: data.story, items: read(data.story) };
        frame.contentWindow.postMessage(reply, base);
      } else if (data.type === "commentdesk:store" && isId(data.story) && valid(data.items)) {
        try {
          localStorage.setItem(key(data.story), JSON.stringify(data.items));
        } catch (e) { /* storage off: the secrets last as long as the frame */ }
      }
    });
  }

  function isId(value) {
    return typeof value === "number" && value > 0 && value % 1 === 0;
  }
  function valid(items) {
    if (!Array.isArray(items) || items.length > 50) return false;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      if (!item || !isId(item.id) || typeof item.secret !== "string" || item.secret.length > 100) {
        return false;
      }
    }
    return true;
  }
  function key(story) {
    return "commentdesk:" + base + ":" + story;
  }
  function read(story) {
    try {
      var items = JSON.parse(localStorage.getItem(key(story)));
      return valid(items) ? items : [];
    } catch (e) {
      return [];
    }
  }

  function mountAll() {
    var elements = document.querySelectorAll("[data-commentdesk]");
    for (var i = 0; i < elements.length; i++) mount(elements[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
