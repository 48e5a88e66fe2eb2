// Draw the boxes to black out on a photo: each box dragged on the picture becomes a line of
// the form's text ("x0, y0, x1, y1" in the photo's own pixels), which stays the one input
// the server reads. The photo is fetched through the guarded download, like any file.
(function () {
  "use strict";
  const canvas = document.getElementById("redact-canvas");
  const field = document.getElementById("redact-boxes");
  if (!canvas || !field || !window.createImageBitmap) return;
  const context = canvas.getContext("2d");
  let picture = null;
  let scale = 1;
  let start = null;

  function boxes() {
    return field.value
      .split("\n")
      .map((line) => line.split(/[\s,]+/).filter(Boolean).map(Number))
      .filter((numbers) => numbers.length === 4 && numbers.every((n) => !Number.isNaN(n)));
  }

  function paint(extra) {
    if (!picture) return;
    context.drawImage(picture, 0, 0, canvas.width, canvas.height);
    context.fillStyle = "rgba(0, 0, 0, 0.85)";
    for (const [x0, y0, x1, y1] of boxes().concat(extra ? [extra] : [])) {
      context.fillRect(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale);
    }
  }

  function at(event) {
    const frame = canvas.getBoundingClientRect();
    const x = (event.clientX - frame.left) * (canvas.width / frame.width) / scale;
    const y = (event.clientY - frame.top) * (canvas.height / frame.height) / scale;
    return [
      Math.max(0, Math.min(picture.width, Math.round(x))),
      Math.max(0, Math.min(picture.height, Math.round(y))),
    ];
  }

  function spanned(a, b) {
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  }

  canvas.addEventListener("pointerdown", (event) => {
    if (!picture) return;
    start = at(event);
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (start) paint(spanned(start, at(event)));
  });
  canvas.addEventListener("pointerup", (event) => {
    if (!start) return;
    const box = spanned(start, at(event));
    start = null;
    if (box[2] - box[0] >= 2 && box[3] - box[1] >= 2) {
      field.value = (field.value.trim() ? field.value.trim() + "\n" : "") + box.join(", ");
    }
    paint();
  });
  field.addEventListener("input", () => paint());

  fetch(canvas.dataset.source, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.blob() : Promise.reject(response.status)))
    .then((blob) => createImageBitmap(blob, { imageOrientation: "from-image" }))
    .then((bitmap) => {
      picture = bitmap;
      scale = Math.min(1, 800 / bitmap.width);
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.hidden = false;
      paint();
    })
    .catch(() => {
      canvas.hidden = true;
    });
})();
