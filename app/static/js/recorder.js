// Staff record a narration in the browser; the file goes up with the form. Only the narration
// page loads this; without it (or without a microphone) the page still takes a file.
(function () {
  "use strict";

  function setUpRecorder(form) {
    var controls = form.querySelector(".recorder-controls");
    var input = form.querySelector('input[type="file"]');
    if (!controls || !window.MediaRecorder || !navigator.mediaDevices || !window.DataTransfer) {
      return;
    }
    var start = controls.querySelector('[data-recorder="start"]');
    var stop = controls.querySelector('[data-recorder="stop"]');
    var status = controls.querySelector('[data-recorder="status"]');
    var preview = controls.querySelector('[data-recorder="preview"]');
    var recorder = null;
    controls.hidden = false;
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (event) { chunks.push(event.data); };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (track) { track.stop(); });
          var type = recorder.mimeType.split(";")[0] || "audio/webm";
          var file = new File(chunks, "narration." + (type.split("/")[1] || "webm"), { type: type });
          var files = new DataTransfer();
          files.items.add(file);
          input.files = files.files;
          preview.src = URL.createObjectURL(file);
          preview.hidden = false;
          status.textContent = status.dataset.done || "";
          start.disabled = false;
          stop.disabled = true;
        };
        recorder.start();
        status.textContent = status.dataset.recording || "";
        start.disabled = true;
        stop.disabled = false;
      }).catch(function () {
        status.textContent = status.dataset.denied || "";
      });
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state !== "inactive") {
        recorder.stop();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.recorder"), setUpRecorder);
  });
})();
