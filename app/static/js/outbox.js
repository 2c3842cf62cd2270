// Kite's outbox, run inside the service worker (imported by sw.js): what a child sends while
// the tablet has no connection, or while the server fails, is kept here until the server has
// it. See docs/offline.md for the design and its threat model.
//
// - Each item is sealed before it is stored: a fresh AES-GCM key per item, wrapped with the
//   server's RSA-OAEP public key, the item's idempotency key bound in as additional data. The
//   tablet cannot open what it keeps, so the next child cannot either.
// - Items are sent one at a time, oldest first, each with its idempotency key, and deleted only
//   when the server answers that it has stored it (201) or had it already (200).
// - Nothing ever drops an item: a refusal or a failure makes it wait longer and try again.
// - The store's schema has a version; an upgrade moves it forward step by step, never wipes it.
"use strict";

var OUTBOX_DB = "kite-outbox";
var OUTBOX_SCHEMA = 1;
var SYNC_TAG = "kite-outbox";
var FIRST_WAIT = 5000; // ms before the first retry; it doubles up to LONGEST_WAIT
var LONGEST_WAIT = 10 * 60 * 1000;
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

var opened = null; // one connection, kept while the worker runs

function openOutbox() {
  if (opened) {
    return opened;
  }
  opened = new Promise(function (resolve, reject) {
    var opening = indexedDB.open(OUTBOX_DB, OUTBOX_SCHEMA);
    opening.onupgradeneeded = function (event) {
      var db = opening.result;
      // One step per schema version, each from the one before: what is stored is carried on.
      if (event.oldVersion < 1) {
        db.createObjectStore("items", { keyPath: "key" }); // sealed envelopes waiting to go
        db.createObjectStore("meta"); // the server's public key
      }
    };
    opening.onsuccess = function () {
      var db = opening.result;
      db.onversionchange = function () { db.close(); opened = null; }; // a newer worker moves on
      db.onclose = function () { opened = null; };
      resolve(db);
    };
    opening.onerror = function () { opened = null; reject(opening.error); };
  });
  return opened;
}

// Run work(store) in one transaction; resolves with its result once the transaction is durable.
function inStore(name, mode, work) {
  return openOutbox().then(function (db) {
    return new Promise(function (resolve, reject) {
      var transaction = db.transaction(name, mode, { durability: "strict" });
      var result;
      var request = work(transaction.objectStore(name));
      if (request) {
        request.onsuccess = function () { result = request.result; };
      }
      transaction.oncomplete = function () { resolve(result); };
      transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
    });
  });
}

function keepSealingKey(sealingKey) {
  return inStore("meta", "readwrite", function (store) { return store.put(sealingKey, "sealing"); });
}

function base64(bytes) {
  var text = "";
  new Uint8Array(bytes).forEach(function (byte) { text += String.fromCharCode(byte); });
  return btoa(text);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
}

function seal(key, path, fields) {
  var subtle = self.crypto.subtle;
  var iv = self.crypto.getRandomValues(new Uint8Array(12));
  var encoder = new TextEncoder();
  var plain = encoder.encode(JSON.stringify({ path: path, fields: fields }));
  var aad = encoder.encode("kite-outbox-v1:" + key);
  return inStore("meta", "readonly", function (store) { return store.get("sealing"); })
    .then(function (sealing) {
      if (!sealing) {
        throw new Error("Kite has no key to seal with yet.");
      }
      return Promise.all([
        sealing,
        subtle.importKey("spki", fromBase64(sealing.spki), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["wrapKey"]),
        subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt"]),
      ]);
    })
    .then(function (made) {
      return Promise.all([
        made[0],
        subtle.wrapKey("raw", made[2], made[1], { name: "RSA-OAEP" }),
        subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: aad }, made[2], plain),
      ]);
    })
    .then(function (parts) {
      return { v: 1, kid: parts[0].id, key: key, wrapped: base64(parts[1]), iv: base64(iv), sealed: base64(parts[2]) };
    });
}

// Keep a form the child sent: sealed, under the form's own idempotency key (a resend of the
// same form is the same item), with the page path that tells the server what it is.
function keepForm(request) {
  var path = new URL(request.url).pathname;
  return request.formData().then(function (form) {
    var fields = [];
    form.forEach(function (value, name) {
      if (name !== "csrf_token" && typeof value === "string") {
        fields.push([name, value]);
      }
    });
    var key = String(form.get("key") || "").toLowerCase();
    if (!UUID.test(key)) {
      key = self.crypto.randomUUID();
    }
    return seal(key, path, fields).then(function (envelope) {
      var item = { key: key, envelope: envelope, savedAt: Date.now(), tries: 0, nextTry: 0 };
      return inStore("items", "readwrite", function (store) { return store.put(item); });
    });
  }).then(function () {
    if (self.registration.sync) {
      self.registration.sync.register(SYNC_TAG).catch(function () {});
    }
    flushLater(FIRST_WAIT);
  });
}

function waitAfter(tries) {
  var wait = Math.min(FIRST_WAIT * Math.pow(2, Math.max(tries - 1, 0)), LONGEST_WAIT);
  return wait * (0.8 + 0.4 * Math.random()); // tablets coming back together do not all send at once
}

var flushing = null;
var offlineTries = 0;
var timer = null;

function flushLater(wait) {
  if (timer === null) {
    timer = setTimeout(function () { timer = null; flush(); }, wait);
  }
}

function sendOne(item) {
  return fetch("/tablet/api/sealed", {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(item.envelope),
  }).then(function (response) {
    offlineTries = 0;
    if (response.status === 200 || response.status === 201) {
      return inStore("items", "readwrite", function (store) { return store.delete(item.key); });
    }
    // Refused or failed: it waits longer and is tried again; it is never dropped.
    item.tries += 1;
    item.lastStatus = response.status;
    item.nextTry = Date.now() + waitAfter(item.tries);
    return inStore("items", "readwrite", function (store) { return store.put(item); });
  });
}

// Send what is due, one item at a time, oldest first. Resolves with how many still wait.
function flush() {
  if (flushing) {
    return flushing;
  }
  flushing = inStore("items", "readonly", function (store) { return store.getAll(); })
    .then(function (items) {
      var now = Date.now();
      var due = items.filter(function (item) { return item.nextTry <= now; })
        .sort(function (a, b) { return a.savedAt - b.savedAt; });
      return due.reduce(function (sent, item) {
        return sent.then(function () { return sendOne(item); });
      }, Promise.resolve());
    })
    .catch(function () {
      offlineTries += 1; // no connection: the whole round waits, and nothing is lost
    })
    .then(waiting)
    .then(function (left) {
      flushing = null;
      if (left) {
        flushLater(waitAfter(offlineTries || 1));
      }
      return left;
    });
  return flushing;
}

function waiting() {
  return inStore("items", "readonly", function (store) { return store.count(); });
}

self.addEventListener("sync", function (event) {
  if (event.tag === SYNC_TAG) {
    // Rejecting asks the browser to try again later: it does while items still wait.
    event.waitUntil(flush().then(function (left) {
      if (left) {
        throw new Error(left + " items still wait");
      }
    }));
  }
});

// Pages ask: "send now" (they are online, or a minute has passed) and "how many wait?".
self.addEventListener("message", function (event) {
  if (event.data === "outbox-flush" || event.data === "outbox-count") {
    var work = event.data === "outbox-flush" ? flush() : waiting();
    event.waitUntil(work.then(function (left) {
      if (event.ports[0]) {
        event.ports[0].postMessage({ waiting: left });
      }
    }));
  }
});
