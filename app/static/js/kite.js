// Kite's own script. Pages work without it; it makes htmx requests as safe as forms, reads
// cards aloud, and lets an enrolled tablet keep Kite offline. (Recording a narration is in
// recorder.js, on the one staff page that records: child pages do not download it.)
(function () {
  "use strict";

  // Every htmx request carries the page's CSRF token in the header Flask-WTF reads.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.content;
    }
  });

  // ---- Read aloud: a staff recording, else the tablet's voice, else "ask a grown-up". ----
  var speech = window.speechSynthesis;
  var stopCurrent = function () {};

  function voiceFor(lang) {
    var voices = speech ? speech.getVoices() : [];
    var exact = voices.filter(function (v) { return v.lang.toLowerCase().replace("_", "-").split("-")[0] === lang; });
    return exact.filter(function (v) { return v.localService; })[0] || exact[0] || null;
  }

  function setLabel(button, key) {
    button.querySelector("span").textContent = button.dataset[key];
    button.setAttribute("aria-pressed", key === "pause" ? "true" : "false");
  }

  function withRecording(box, button, audio) {
    audio.controls = false;
    audio.hidden = true;
    button.hidden = false;
    // onclick, not a listener: if the recording fails, the tablet's voice takes the button over.
    button.onclick = function () {
      if (audio.paused) {
        audio.play().catch(function () { setLabel(button, "listen"); });
      } else {
        audio.pause();
      }
    };
    audio.addEventListener("play", function () { setLabel(button, "pause"); });
    audio.addEventListener("pause", function () { setLabel(button, audio.ended ? "again" : "listen"); });
    audio.addEventListener("ended", function () { setLabel(button, "again"); });
    audio.addEventListener("error", function () { withVoice(box, button) || showHint(box, button); });
    stopCurrent = function () { audio.pause(); };
    return true;
  }

  function withVoice(box, button) {
    var lang = document.documentElement.lang;
    var voice = voiceFor(lang);
    if (!voice) {
      return false;
    }
    var parts = Array.prototype.map.call(box.closest("article, main").querySelectorAll("[data-read]"), function (el) {
      return el.textContent.trim();
    });
    var state = "idle";
    box.querySelector(".ask-grown-up").hidden = true;
    button.hidden = false;
    function finish() { state = "idle"; setLabel(button, "again"); }
    button.onclick = function () {
      if (state === "speaking") {
        speech.pause();
        state = "paused";
        setLabel(button, "listen");
      } else if (state === "paused") {
        speech.resume();
        state = "speaking";
        setLabel(button, "pause");
      } else {
        speech.cancel();
        // One utterance a paragraph: long ones are cut short by some voices.
        parts.forEach(function (text, index) {
          var utterance = new SpeechSynthesisUtterance(text);
          utterance.lang = voice.lang;
          utterance.voice = voice;
          if (index === parts.length - 1) {
            utterance.onend = finish;
          }
          utterance.onerror = finish;
          speech.speak(utterance);
        });
        state = "speaking";
        setLabel(button, "pause");
      }
    };
    stopCurrent = function () { speech.cancel(); state = "idle"; };
    return true;
  }

  function showHint(box, button) {
    button.hidden = true;
    box.querySelector(".ask-grown-up").hidden = false;
  }

  function setUpReadAloud(root) {
    var box = root.querySelector("[data-read-aloud]");
    if (!box || box.dataset.ready) {
      return;
    }
    box.dataset.ready = "yes";
    stopCurrent();
    var button = box.querySelector("button");
    var audio = box.querySelector("audio");
    var ready = audio ? withRecording(box, button, audio) : withVoice(box, button);
    if (!ready && speech) {
      // Voices often load a moment after the page.
      speech.addEventListener("voiceschanged", function once() {
        speech.removeEventListener("voiceschanged", once);
        if (box.isConnected && withVoice(box, button) && box.hasAttribute("data-autoplay") && navigator.userActivation && navigator.userActivation.isActive) {
          button.click();
        }
      });
    }
    // Younger children hear the card by default once they have touched the screen.
    if (ready && box.hasAttribute("data-autoplay") && navigator.userActivation && navigator.userActivation.hasBeenActive) {
      button.click();
    }
  }

  document.addEventListener("htmx:beforeSwap", function () { stopCurrent(); });
  document.addEventListener("htmx:load", function (event) { setUpReadAloud(event.detail.elt.parentNode || document); });
  window.addEventListener("pagehide", function () { stopCurrent(); });

  // ---- A shared tablet forgets an idle child: ask first, then press Exit for them. ----
  function setUpIdleReset() {
    var dialog = document.getElementById("still-here");
    var exit = document.querySelector("form.exit");
    var limit = dialog ? parseInt(dialog.dataset.idleSeconds, 10) * 1000 : 0;
    if (!dialog || !exit || !limit || typeof dialog.showModal !== "function") {
      return;
    }
    var last = Date.now();
    function touched() {
      last = Date.now();
    }
    ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
      document.addEventListener(name, touched, { passive: true, capture: true });
    });
    dialog.querySelector("[data-still-here]").addEventListener("click", function () {
      touched();
      dialog.close();
    });
    var timer = window.setInterval(function () {
      var idle = Date.now() - last;
      if (idle >= limit) {
        window.clearInterval(timer);
        stopCurrent();
        exit.submit();
      } else if (idle >= limit - 30000 && !dialog.open) {
        dialog.showModal();
      }
    }, 1000);
  }

  // ---- An enrolled tablet keeps Kite to read offline (static/js/sw.js). ----
  function keepOffline() {
    if ("serviceWorker" in navigator && document.body.hasAttribute("data-tablet")) {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    }
  }

  // ---- The outbox (static/js/outbox.js) sends what waits; the page shows how much. ----
  function askOutbox() {
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    var shown = document.querySelector("[data-outbox]");
    if (!worker) {
      return;
    }
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      if (shown) {
        shown.textContent = shown.dataset.label + " " + event.data.waiting;
        shown.hidden = !event.data.waiting;
      }
    };
    worker.postMessage("outbox-flush", [channel.port2]);
  }

  function watchOutbox() {
    if ("serviceWorker" in navigator && document.body.hasAttribute("data-tablet")) {
      askOutbox();
      window.addEventListener("online", askOutbox);
      window.setInterval(askOutbox, 30000);
    }
  }

  // The one-page form takes over a question answered as the connection went (static/js/sw.js).
  function takeCarried() {
    var form = document.querySelector("form[data-carry]");
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!form || !worker) {
      return;
    }
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      var given = event.data;
      if (!given || given.whole !== location.pathname) {
        return;
      }
      given.fields.forEach(function (field) {
        Array.prototype.forEach.call(form.querySelectorAll("[name='" + field[0] + "']"), function (input) {
          if (input.tagName === "TEXTAREA") {
            input.value = field[1];
          } else if (input.value === field[1]) {
            input.checked = true;
          }
        });
      });
    };
    worker.postMessage("carried", [channel.port2]);
  }

  // A form's idempotency key is new each time the page opens, even from the tablet's cache.
  function freshKeys() {
    if (window.crypto && window.crypto.randomUUID) {
      Array.prototype.forEach.call(document.querySelectorAll("input[data-fresh-key]"), function (input) {
        input.value = window.crypto.randomUUID();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    freshKeys();
    keepOffline();
    watchOutbox();
    takeCarried();
    setUpIdleReset();
    setUpReadAloud(document);
  });
})();
