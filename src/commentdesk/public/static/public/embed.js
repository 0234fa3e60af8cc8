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
      if (!data || data.type !== "commentdesk:height") return;
      var height = data.height;
      if (typeof height !== "number" || !(height > 0) || height > 100000) return;
      frame.style.height = Math.ceil(height) + "px";
    });
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
