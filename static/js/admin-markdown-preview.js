/* Live preview of organisers' Markdown in the admin (events/admin/widgets.py puts the box under
   each Markdown field). The admin's markdown-preview view renders it with the sanitiser the site
   uses at save, so what shows here is what the page will show. A file, not an inline script: the
   site's Content-Security-Policy allows scripts from the site itself only. */
"use strict";

(function () {
  // Long enough that a steady typist sends one request per pause, short enough to feel live.
  const DELAY_MS = 300;

  function csrfToken(textarea) {
    const form = textarea.form || document;
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(box) {
    // The widget puts the box right after its textarea; an inline row added later keeps that order.
    const textarea = box.previousElementSibling;
    if (!textarea || box.dataset.attached || textarea.name.includes("__prefix__")) {
      return;
    }
    box.dataset.attached = "true";
    const output = box.querySelector(".markdown-preview-body");
    let timer = null;
    let pending = null;

    async function update() {
      if (pending) {
        pending.abort();  // Only the newest text matters.
      }
      pending = new AbortController();
      try {
        const response = await fetch(box.dataset.url, {
          method: "POST",
          body: new URLSearchParams({ text: textarea.value }),
          headers: { "X-CSRFToken": csrfToken(textarea) },
          credentials: "same-origin",
          signal: pending.signal,
        });
        if (!response.ok) {
          box.classList.add("markdown-preview-unavailable");
          output.textContent = response.status === 400 ? await response.text() : "The preview is unavailable.";
          return;
        }
        box.classList.remove("markdown-preview-unavailable");
        // Sanitised by the server (common/text.py) exactly as it will be on save.
        output.innerHTML = (await response.json()).html;
      } catch (error) {
        if (error.name !== "AbortError") {
          box.classList.add("markdown-preview-unavailable");
          output.textContent = "The preview is unavailable.";
        }
      }
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, DELAY_MS);
    });
    update();
  }

  function attachAll(root) {
    root.querySelectorAll("[data-markdown-preview]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () {
    attachAll(document);
  });
  // A row added to an inline formset brings its own Markdown fields.
  document.addEventListener("formset:added", function (event) {
    attachAll(event.target);
  });
})();
