// Kite's service worker: an enrolled tablet keeps what a child needs to read without a
// connection. Served from /sw.js with its version stamped in (app/views/offline.py); see
// docs/offline.md.
//
// Pages are fetched from the network first, always: what a child chose or wrote is never kept.
// Only when the network fails does the tablet show a page it keeps — the same for every child,
// fetched without the tablet's session — or, for anything else, the kind offline page in the
// child's language. Static files have versioned URLs and come from the cache first.
"use strict";

importScripts("__OUTBOX__"); // static/js/outbox.js: the outbox, sealed, sent once

var VERSION = "__VERSION__";
var CACHE = "kite-" + VERSION;
var BATCH = 8; // files fetched at once while keeping
// While an Exit pressed offline has not reached the server, this cache holds one entry. The
// visit lives in the session cookie, which only the server can clear: until it has, no page
// is fetched for the next child (its name does not start with "kite-", so no upgrade drops it).
var EXIT_PENDING = "exit-pending";

function keep(cache, urls, credentials) {
  var queue = urls.slice();
  function next() {
    var url = queue.shift();
    if (url === undefined) {
      return Promise.resolve();
    }
    // Kite-Keeping: the server answers without touching the visit under way (app/visits.py).
    var headers = { "Kite-Keeping": "1" };
    return fetch(new Request(url, { credentials: credentials, cache: "no-store", headers: headers }))
      .then(function (response) {
        if (!response.ok) {
          throw new Error("Kite could not keep " + url + ": " + response.status);
        }
        return cache.put(url, response);
      })
      .then(next);
  }
  var workers = [];
  for (var n = 0; n < BATCH; n += 1) {
    workers.push(next());
  }
  return Promise.all(workers);
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch("/tablet/offline-files.json", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (files) {
        return caches.open(CACHE).then(function (cache) {
          // The help, offline and answer pages need the tablet's credential (for the home's
          // numbers, and to offer a form). Every other page is the same for everyone, and is
          // fetched without it.
          var withTablet = files.pages.filter(function (url) {
            return /\/(help\/?|offline.*|on-this-tablet)$/.test(url);
          });
          var plain = files.pages.filter(function (url) { return withTablet.indexOf(url) < 0; });
          return keepSealingKey(files.sealing_key)
            .then(function () { return keep(cache, files.static, "omit"); })
            .then(function () { return keep(cache, plain, "omit"); })
            .then(function () { return keep(cache, withTablet, "same-origin"); });
        });
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("kite-") === 0 && name !== CACHE;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function localeOf(url) {
  var first = new URL(url).pathname.split("/")[1];
  return /^[a-z]{2,3}$/.test(first) ? first : "en";
}

function offlinePage(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match("/" + localeOf(request.url) + "/offline")
      .then(function (page) { return page || cache.match("/en/offline"); })
      .then(function (page) {
        return page || new Response("No internet just now.", {
          status: 503,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        });
      });
  });
}

function exitOffline() {
  return caches.open(EXIT_PENDING)
    .then(function (cache) { return cache.put("/exit", new Response("")); })
    .then(function () { return Response.redirect("/", 303); }); // the start the tablet keeps
}

// Before anything goes to the server: an Exit still waiting is sent first (it is the same for
// every language and needs no token), so the next child never carries the last one's visit.
function finishExit() {
  return caches.has(EXIT_PENDING).then(function (waiting) {
    if (!waiting) {
      return undefined;
    }
    return fetch("/en/exit", { method: "POST", credentials: "same-origin", redirect: "manual" })
      .then(function () { return caches.delete(EXIT_PENDING); });
  });
}

function toServer(request) {
  return finishExit().then(function () { return fetch(request); });
}

function kept(path) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(path, { ignoreSearch: true });
  });
}

// Forms whose post the outbox keeps when it cannot reach the server: a call for help, and a
// whole answer set (the send page carries a copy of the answers; the one-page form has them).
var KEPT_FORMS = /^\/([a-z]{2,3})\/(help\/?|questions\/(younger|older)\/[a-z-]+\/(send|on-this-tablet))$/;
var QUESTIONS = /^\/([a-z]{2,3})\/questions\/(younger|older)\/([a-z-]+)\//;

function sendOrKeep(request, match) {
  var copy = request.clone();
  var what = match[2].indexOf("help") === 0 ? "help" : "answers";
  function keepIt() {
    return keepForm(copy).then(function () {
      return Response.redirect("/" + match[1] + "/offline/saved/" + what, 303);
    }, function () {
      return offlinePage(request); // could not even keep it: say it was not sent
    });
  }
  return toServer(request).then(function (response) {
    return response.status >= 500 ? keepIt() : response;
  }, keepIt);
}

// A question answered just as the connection went: its answer is carried, in memory only and
// for a minute, to the one-page form, whose script asks for it once when it opens (kite.js).
var carried = null;

function carry(copy, url, whole) {
  var question = url.pathname.split("/").pop();
  return copy.formData().then(function (form) {
    var fields = form.getAll("value").map(function (value) { return ["value-" + question, value]; });
    if (form.get("words")) {
      fields.push(["words-" + question, form.get("words")]);
    }
    carried = { whole: whole, fields: fields, at: Date.now() };
  }).catch(function () {});
}

self.addEventListener("message", function (event) {
  if (event.data === "carried" && event.ports[0]) {
    var fresh = carried && Date.now() - carried.at < 60000 ? carried : null;
    carried = null;
    event.ports[0].postMessage(fresh);
  }
});

// Offline, a question page the tablet cannot follow becomes the kept one-page form of its set.
function questionsOffline(request, url, copy) {
  var found = QUESTIONS.exec(url.pathname);
  if (!found) {
    return null;
  }
  var whole = "/" + found[1] + "/questions/" + found[2] + "/" + found[3] + "/on-this-tablet";
  return kept(whole).then(function (page) {
    if (!page) {
      return null;
    }
    if (request.method === "GET" && url.pathname === whole) {
      return page;
    }
    return (copy ? carry(copy, url, whole) : Promise.resolve()).then(function () {
      return Response.redirect(whole, 303);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  // Static files (their URLs change with their content) and recordings: the cache first.
  var isStatic = url.pathname.indexOf("/static/") === 0;
  if (request.method === "GET" && (isStatic || url.pathname.indexOf("/narration/") > 0)) {
    event.respondWith(
      caches.open(CACHE).then(function (cache) {
        return cache.match(request, { ignoreSearch: isStatic }).then(function (found) {
          return found || fetch(request);
        });
      })
    );
    return;
  }
  var keptForm = request.method === "POST" && KEPT_FORMS.exec(url.pathname);
  if (request.mode === "navigate" && keptForm) {
    event.respondWith(sendOrKeep(request, keptForm));
    return;
  }
  if (request.mode === "navigate") {
    var copy = request.method === "POST" ? request.clone() : null;
    event.respondWith(
      toServer(request).then(function (response) {
        flush(); // the server is there: send what waits
        return response;
      }, function () {
        if (/\/exit$/.test(url.pathname)) {
          return exitOffline();
        }
        return Promise.resolve(questionsOffline(request, url, copy)).then(function (page) {
          if (page) {
            return page;
          }
          if (request.method !== "GET") {
            return offlinePage(request); // a form sent without a connection: it was not sent
          }
          return kept(url.pathname).then(function (found) { return found || offlinePage(request); });
        });
      })
    );
    return;
  }
  if (request.method === "GET" && request.headers.get("HX-Request")) {
    // An htmx move without a connection: go to the whole page instead, which the tablet may keep.
    event.respondWith(
      toServer(request).catch(function () {
        return new Response("", { status: 200, headers: { "HX-Redirect": url.pathname } });
      })
    );
  }
});
