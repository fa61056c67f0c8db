/**
 * A stand-in image thread for tests/media/image_watchdog_test.ts: an empty picture keeps it busy
 * for good (as a picture that never finishes decoding), after reporting that it started on it;
 * any other is answered at once. Plain JavaScript, so it starts at once (a test worker in
 * TypeScript is type-checked when spawned).
 */
self.onmessage = ({ data: job }) => {
  if (job.bytes.byteLength === 0) {
    self.postMessage({ id: job.id, progress: "spinning" });
    for (;;) { /* busy for good */ }
  }
  self.postMessage({ id: job.id, ok: true, width: 1, height: 1, exif: {}, renditions: [] });
};
