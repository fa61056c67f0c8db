/**
 * `refusals` (`load_documents.ts`): a store's refusal, or an HTTP error a write raises (the
 * embedded store's 400 for a field path it does not take, a 503), says what became of the data.
 */
import assert from "node:assert/strict";
import { BadRequestError, HttpError, ServiceUnavailableError } from "../../src/errors.ts";
import { refusals } from "../../src/storage_dump/load_documents.ts";

Deno.test("refusals: an HTTP error keeps its status and says what became of the data", async () => {
  const refuse = (error: Error) => () => Promise.reject(error);
  await assert.rejects(
    () => refusals("archive", refuse(new BadRequestError('Field "a..b" is not valid'))),
    (error: unknown) =>
      error instanceof HttpError && error.status === 400 &&
      /^Field "a\.\.b" is not valid; the data is partly restored$/.test(error.message),
  );
  await assert.rejects(
    () => refusals("archive", refuse(new ServiceUnavailableError("down")), "nothing is erased"),
    (error: unknown) =>
      error instanceof HttpError && error.status === 503 &&
      error.headers?.["Retry-After"] === "5" && /down; nothing is erased$/.test(error.message),
  );
  await assert.rejects(
    () => refusals("archive", refuse(new Error("E11000 duplicate key"))),
    (error: unknown) =>
      error instanceof BadRequestError &&
      /"archive".*\(E11000 duplicate key\); the data is partly restored$/.test(error.message),
  );
});
