/**
 * Splits a text stream into lines, for reading child processes' stdout (Deno std's
 * `TextLineStream` lives on JSR, which the build machines cannot reach).
 */
export function lineStream(): TransformStream<string, string> {
  let pending = "";
  return new TransformStream({
    transform(chunk, controller) {
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf("\n")) !== -1) {
        controller.enqueue(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
      }
    },
    flush(controller) {
      if (pending) controller.enqueue(pending);
    },
  });
}

/** The lines of a byte stream. */
export function linesOf(stream: ReadableStream<Uint8Array>): ReadableStream<string> {
  return stream.pipeThrough(new TextDecoderStream()).pipeThrough(lineStream());
}
