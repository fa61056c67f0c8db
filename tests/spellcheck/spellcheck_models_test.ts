/**
 * `POST /api/spellcheck` keeps a language's model while its dictionaries stay as they are: their
 * words (up to hundreds of thousands, seconds of parsing) are read again only when one changes.
 */
import assert from "node:assert/strict";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import type { Collection } from "../../src/storage/document_store.ts";

Deno.test("POST /api/spellcheck reads the dictionaries' words again only when one changes", async () => {
  const app = await createTestApp();
  try {
    const admin = await loginAs(app, { username: "speller", admin: true });
    const documents = app.platform.services.documents;
    const collection = documents.collection.bind(documents);
    let wordReads = 0;
    documents.collection = (name: string) => {
      const found = collection(name);
      if (name !== "dictionaries") return found;
      return new Proxy(found, {
        get(target, property) {
          const value = Reflect.get(target, property);
          if (property !== "find") return typeof value === "function" ? value.bind(target) : value;
          return (...args: Parameters<Collection["find"]>) => {
            if (!args[1]?.projection) wordReads++;
            return target.find(...args);
          };
        },
      });
    };
    const created = await admin.post("/api/dictionaries", {
      name: "en",
      language_id: "en",
      content: { hello: 3, help: 1 },
    });
    assert.equal(created.status, 201);
    const dictionary = await created.json();
    const corrections = async () => {
      const response = await admin.post("/api/spellcheck", { word: "helo", language_id: "en" });
      assert.equal(response.status, 201);
      return (await response.json()).corrections;
    };
    wordReads = 0;
    assert.deepEqual(await corrections(), ["hello", "Hello", "help", "Help"]);
    assert.deepEqual(await corrections(), ["hello", "Hello", "help", "Help"]);
    assert.equal(wordReads, 1);
    const patched = await admin.patch(`/api/dictionaries/${dictionary._id}`, {
      content: { helot: 5 },
    }, { etag: dictionary._etag });
    assert.equal(patched.status, 200);
    wordReads = 0;
    assert.deepEqual(await corrections(), ["helot", "Helot", "hello", "Hello", "help", "Help"]);
    assert.equal(wordReads, 1);
  } finally {
    await app.close();
  }
});
