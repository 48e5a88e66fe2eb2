// A voice testimony recorded in the browser (MediaRecorder, Opus in WebM) and sent with the
// written words in one POST; if sending fails, the recording and the words stay on the page.
(function () {
  "use strict";
  var form = document.getElementById("testimony-form");
  var box = document.getElementById("recorder");
  var words = document.getElementById("recorder-words");
  if (!form || !box || !words || !window.MediaRecorder || !navigator.mediaDevices) { return; }
  var start = document.getElementById("record-start");
  var stop = document.getElementById("record-stop");
  var state = document.getElementById("record-state");
  var playback = document.getElementById("record-playback");
  var errors = document.getElementById("testimony-errors");
  var type = "audio/webm;codecs=opus";
  var recorder = null;
  var pieces = [];
  var recording = null;
  box.hidden = false;

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var options = MediaRecorder.isTypeSupported(type) ? { mimeType: type } : {};
      recorder = new MediaRecorder(stream, options);
      pieces = [];
      recorder.ondataavailable = function (event) { if (event.data.size) { pieces.push(event.data); } };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        recording = new Blob(pieces, { type: "audio/webm" });
        playback.src = URL.createObjectURL(recording);
        playback.hidden = false;
        state.textContent = words.dataset.recorded;
        box.dataset.recorded = "yes";
      };
      recorder.start();
      start.disabled = true;
      stop.disabled = false;
      state.textContent = words.dataset.recording;
    }).catch(function () {
      state.textContent = words.dataset.noMicrophone;
    });
  });

  stop.addEventListener("click", function () {
    if (recorder && recorder.state !== "inactive") { recorder.stop(); }
    start.disabled = false;
    stop.disabled = true;
  });

  form.addEventListener("submit", function (event) {
    if (!recording) { return; }
    event.preventDefault();
    var body = new FormData(form);
    body.set("recording", recording, "voice.webm");
    state.textContent = words.dataset.sending;
    fetch(form.action || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (!answer.ok) {
        var lines = [];
        Object.keys(answer.data.errors || {}).forEach(function (k) { lines = lines.concat(answer.data.errors[k]); });
        errors.textContent = lines.join(" ");
        errors.hidden = false;
        state.textContent = words.dataset.failed;
        return;
      }
      state.textContent = words.dataset.kept;
      window.location.reload();
    }).catch(function () { state.textContent = words.dataset.failed; });
  });
})();
