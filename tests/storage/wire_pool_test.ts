/**
 * Our own MongoDB-wire connections (src/storage/mongo/wire_pool.ts) against a scripted OP_MSG
 * server: which URIs they serve, which servers they refuse (replica sets, mongos), errors as the
 * driver's types (so an outage maps to 503), the connection limit, closing, and the retry of a
 * read (never a write) on a kept connection the server closed. The real engine runs the
 * document-store contract over them (mongo_document_store_test.ts).
 */
import assert from "node:assert/strict";
import { MongoNetworkError, MongoServerError } from "mongodb";
import { ServiceUnavailableError } from "../../src/errors.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { toStoreError } from "../../src/storage/mongo/mongo_errors.ts";
import { decodeReply, encodeMessage, nextRequestId } from "../../src/storage/mongo/wire_message.ts";
import { throwWriteErrors } from "../../src/storage/mongo/mongo_operations.ts";
import { WireConn, WirePool } from "../../src/storage/mongo/wire_pool.ts";
import { wireTarget } from "../../src/storage/mongo/wire_target.ts";

const STANDALONE = { ok: 1, isWritablePrimary: true, maxWireVersion: 17 };

/** What the scripted server does with a command: answer it, or close the connection. */
type Script = (command: Doc, connection: number) => Doc | "close" | Promise<Doc | "close">;

/** An OP_MSG server on a free port answering each command by `script`. */
function scriptedServer(script: Script) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  let opened = 0;
  let open = 0;
  let mostOpen = 0;
  const serve = async (conn: Deno.Conn, index: number) => {
    let buffered = new Uint8Array(0);
    const chunk = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const read = await conn.read(chunk);
        if (read === null) return;
        buffered = new Uint8Array([...buffered, ...chunk.subarray(0, read)]);
        while (buffered.byteLength >= 4) {
          const length = new DataView(buffered.buffer).getInt32(0, true);
          if (buffered.byteLength < length) break;
          const message = buffered.slice(0, length);
          buffered = buffered.slice(length);
          const requestId = new DataView(message.buffer).getInt32(4, true);
          const answer = await script(decodeReply(message).body, index);
          if (answer === "close") return;
          const reply = encodeMessage(1, answer);
          new DataView(reply.buffer).setInt32(8, requestId, true);
          await conn.write(reply);
        }
      }
    } catch {
      // the pool closed it
    } finally {
      conns.delete(conn);
      open--;
      try {
        conn.close();
      } catch {
        // closed already
      }
    }
  };
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      open++;
      mostOpen = Math.max(mostOpen, open);
      void serve(conn, opened++);
    }
  })();
  const { port } = listener.addr as Deno.NetAddr;
  return {
    port,
    get opened() {
      return opened;
    },
    get mostOpen() {
      return mostOpen;
    },
    async close() {
      listener.close();
      for (const conn of conns) conn.close();
      await accepting.catch(() => {});
    },
  };
}

/** Commands held by the scripted server until the test answers them, in arrival order. */
function heldCommands() {
  const held: Array<() => void> = [];
  let arrived: (() => void) | undefined;
  return {
    hold(answer: Doc): Promise<Doc> {
      return new Promise((resolve) => {
        held.push(() => resolve(answer));
        arrived?.();
      });
    },
    /** Resolves once a command is held. */
    async arrival() {
      while (held.length === 0) await new Promise<void>((resolve) => arrived = resolve);
    },
    /** Answers the oldest held command, once one has arrived. */
    async answerNext() {
      await this.arrival();
      held.shift()!();
    },
  };
}

Deno.test("wire target: plain single-host URIs only; anything that changes a command keeps the driver", () => {
  assert.deepEqual(wireTarget("mongodb://127.0.0.1:27017/"), {
    hostname: "127.0.0.1",
    port: 27017,
  });
  assert.deepEqual(wireTarget("mongodb://db.example/superdesk?appName=sd&maxPoolSize=20"), {
    hostname: "db.example",
    port: 27017,
    maxConnections: 20,
  });
  assert.deepEqual(wireTarget("mongodb://[::1]:27018"), { hostname: "::1", port: 27018 });
  assert.deepEqual(wireTarget("mongodb://127.0.0.1/?connectTimeoutMS=10000"), {
    hostname: "127.0.0.1",
    port: 27017,
    connectTimeoutMs: 10000,
  });
  assert.equal(
    wireTarget("mongodb://127.0.0.1/?connectTimeoutMS=0")?.connectTimeoutMs,
    2 ** 31 - 1,
  );
  // The URI's server selection timeout, not our default, bounds opening a connection; its
  // connectTimeoutMS, when given, wins (as the driver's for each new connection).
  for (
    const [query, expected] of [
      ["serverSelectionTimeoutMS=10000", 10000],
      ["serverselectiontimeoutms=0", 2 ** 31 - 1],
      ["serverSelectionTimeoutMS=10000&connectTimeoutMS=500", 500],
      ["connectTimeoutMS=500&serverSelectionTimeoutMS=10000", 500],
      // Named twice in different case: the first, as the driver reads it.
      ["serverSelectionTimeoutMS=250&serverselectiontimeoutms=10000", 250],
      ["connectTimeoutMS=500&CONNECTTIMEOUTMS=0", 500],
    ] as const
  ) {
    assert.equal(wireTarget(`mongodb://127.0.0.1/?${query}`)?.connectTimeoutMs, expected, query);
  }
  assert.equal(wireTarget("mongodb://127.0.0.1/?serverSelectionTimeoutMS=soon"), undefined);
  for (
    const uri of [
      "mongodb://user:secret@127.0.0.1:27017/",
      "mongodb+srv://cluster.example/",
      "mongodb://a:27017,b:27017/",
      "mongodb://127.0.0.1/?tls=true",
      "mongodb://127.0.0.1/?ssl=true",
      "mongodb://127.0.0.1/?replicaSet=rs0",
      "mongodb://127.0.0.1/?authSource=admin",
      "mongodb://127.0.0.1/?readPreference=secondary",
      "mongodb://127.0.0.1/?w=majority",
      "mongodb://127.0.0.1/?compressors=zstd",
      "mongodb://127.0.0.1/?socketTimeoutMS=1000",
      "mongodb://%2Ftmp%2Fmongodb-27017.sock/",
      "mongodb://127.0.0.1:99999/",
    ]
  ) {
    assert.equal(wireTarget(uri), undefined, uri);
  }
});

Deno.test("wire pool: a standalone server is served; a replica set member, a mongos or a server without hello is not", async () => {
  for (
    const [hello, usable] of [
      [STANDALONE, true],
      [{ ...STANDALONE, setName: "rs0", hosts: ["a:27017"] }, false],
      [{ ...STANDALONE, msg: "isdbgrid" }, false],
      [{ ok: 1, isWritablePrimary: false, secondary: true, setName: "rs0" }, false],
      [{ ok: 0, code: 59, errmsg: "no such command: 'hello'" }, false], // before MongoDB 4.4.2
    ] as const
  ) {
    const server = scriptedServer((command) => command.hello ? hello : { ok: 1 });
    const pool = new WirePool({ hostname: "127.0.0.1", port: server.port });
    try {
      assert.equal(await pool.usable(), usable, JSON.stringify(hello));
      assert.equal(pool.isUsable, usable);
      assert.equal(pool.size, usable ? 1 : 0, "a refused server's connection is closed");
    } finally {
      pool.close();
      await server.close();
    }
  }
});

Deno.test("wire pool: a command's reply, the server's refusal as MongoServerError", async () => {
  const server = scriptedServer((command) => {
    if (command.ping) return { ok: 1, echo: command.$db };
    return { ok: 0, code: 11000, errmsg: "E11000 duplicate key error", codeName: "DuplicateKey" };
  });
  const pool = new WirePool({ hostname: "127.0.0.1", port: server.port });
  try {
    assert.deepEqual(await pool.command("things", { ping: 1 }), { ok: 1, echo: "things" });
    const refused = await pool.command("things", { insert: "x" }).catch((error) => error);
    assert.ok(refused instanceof MongoServerError);
    assert.equal(refused.code, 11000);
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("wire pool: an unreachable server is a network error, which the store answers with 503", async () => {
  const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = free.addr as Deno.NetAddr;
  free.close();
  const pool = new WirePool({ hostname: "127.0.0.1", port });
  try {
    const error = await pool.command("things", { ping: 1 }).catch((e) => e);
    assert.ok(error instanceof MongoNetworkError, String(error));
    assert.ok(toStoreError(error, { queryTimeMs: 1000 }) instanceof ServiceUnavailableError);
    await assert.rejects(pool.usable(), MongoNetworkError);
  } finally {
    pool.close();
  }
});

Deno.test("wire pool: a connection lost mid-command is a network error; the next command reconnects", async () => {
  let calls = 0;
  const server = scriptedServer(() => ++calls === 1 ? "close" : { ok: 1 });
  const pool = new WirePool({ hostname: "127.0.0.1", port: server.port });
  try {
    await assert.rejects(
      pool.command("things", { find: "x" }, { retryable: true }),
      MongoNetworkError,
    );
    assert.deepEqual(await pool.command("things", { find: "x" }), { ok: 1 });
    assert.equal(server.opened, 2);
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("wire pool: a kept connection the server closed is retried for a read, never for a write", async () => {
  const commands: string[] = [];
  const server = scriptedServer((command, connection) => {
    commands.push(`${Object.keys(command)[0]} on ${connection}`);
    // The first connection answers once, then dies as an idle connection closed by the server.
    return connection === 0 && commands.length > 1 ? "close" : { ok: 1 };
  });
  const pool = new WirePool({ hostname: "127.0.0.1", port: server.port });
  try {
    await pool.command("things", { ping: 1 });
    await pool.command("things", { find: "x" }, { retryable: true });
    assert.deepEqual(commands, ["ping on 0", "find on 0", "find on 1"]);
    commands.length = 0;
    const server2 = scriptedServer((command, connection) => {
      commands.push(`${Object.keys(command)[0]} on ${connection}`);
      return connection === 0 && commands.length > 1 ? "close" : { ok: 1 };
    });
    const pool2 = new WirePool({ hostname: "127.0.0.1", port: server2.port });
    try {
      await pool2.command("things", { ping: 1 });
      await assert.rejects(pool2.command("things", { insert: "x" }), MongoNetworkError);
      assert.deepEqual(commands, ["ping on 0", "insert on 0"], "the write was not sent twice");
    } finally {
      pool2.close();
      await server2.close();
    }
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("wire pool: at most maxConnections open; later commands wait for a free one", async () => {
  const held = heldCommands();
  const server = scriptedServer((command) => held.hold({ ok: 1, n: command.n }));
  const pool = new WirePool({ hostname: "127.0.0.1", port: server.port, maxConnections: 2 });
  try {
    const answers = Array.from({ length: 6 }, (_, n) => pool.command("things", { ping: 1, n }));
    for (let answered = 0; answered < 6; answered++) await held.answerNext();
    const replies = await Promise.all(answers);
    assert.deepEqual(replies.map((reply) => reply.n), [0, 1, 2, 3, 4, 5]);
    assert.equal(server.mostOpen, 2);
    assert.equal(pool.size, 2);
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("wire pool: closing rejects the commands waiting for a connection and later ones", async () => {
  const held = heldCommands();
  const server = scriptedServer(() => held.hold({ ok: 1 }));
  const pool = new WirePool({ hostname: "127.0.0.1", port: server.port, maxConnections: 1 });
  try {
    const first = pool.command("things", { ping: 1 });
    const waiting = pool.command("things", { ping: 2 });
    await held.arrival(); // the first command is with the server, the second waits
    pool.close();
    await assert.rejects(waiting, MongoNetworkError);
    await held.answerNext();
    assert.deepEqual(await first, { ok: 1 }, "a command already sent still gets its answer");
    await assert.rejects(pool.command("things", { ping: 3 }), MongoNetworkError);
    assert.equal(pool.size, 0);
  } finally {
    await server.close();
  }
});

Deno.test("wire pool: a failed connect hands its slot to a waiting command, which does not hang", async () => {
  const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = free.addr as Deno.NetAddr;
  free.close();
  const pool = new WirePool({ hostname: "127.0.0.1", port, maxConnections: 1 });
  try {
    const first = pool.command("things", { ping: 1 });
    const second = pool.command("things", { ping: 2 });
    await assert.rejects(first, MongoNetworkError);
    assert.equal(pool.size, 1, "the waiting command opens a connection in the freed slot");
    const error = await second.catch((e) => e);
    assert.ok(error instanceof MongoNetworkError && !/closed/.test(error.message), String(error));
  } finally {
    pool.close();
  }
});

Deno.test("wire connection: a reply whose length arrives over several reads is read whole", async () => {
  const reply = encodeMessage(7, { ok: 1, n: 3 });
  let at = 0;
  const conn = {
    write: (bytes: Uint8Array) => Promise.resolve(bytes.byteLength),
    // Two bytes a read, as a slow network may deliver them.
    read: (into: Uint8Array) => {
      if (at >= reply.byteLength) return Promise.resolve(null);
      const piece = reply.subarray(at, Math.min(at + 2, reply.byteLength, at + into.byteLength));
      into.set(piece);
      at += piece.byteLength;
      return Promise.resolve(piece.byteLength);
    },
    close: () => {},
  } as unknown as Deno.Conn;
  const answer = await new WireConn(conn).exchange(encodeMessage(7, { ping: 1 }));
  assert.deepEqual(decodeReply(answer).body, { ok: 1, n: 3 });
});

Deno.test("wire message: request ids wrap before 2^31, so replies keep matching", () => {
  assert.equal(nextRequestId(0), 1);
  assert.equal(nextRequestId(41), 42);
  assert.equal(nextRequestId(2 ** 31 - 1), 1);
  const id = nextRequestId(2 ** 31 - 2);
  const message = encodeMessage(id, { ping: 1 });
  assert.equal(new DataView(message.buffer).getInt32(4, true), id);
});

Deno.test("wire message: undefined values go as null, as the driver sends them", () => {
  const message = encodeMessage(1, { update: "things", u: { a: undefined, b: 1 } });
  new DataView(message.buffer).setInt32(12, 2013, true);
  assert.deepEqual(decodeReply(message).body.u, { a: null, b: 1 });
});

Deno.test("wire operations: a write error keeps the failure's fields (a duplicate key's index)", () => {
  const failure = {
    index: 0,
    code: 11000,
    errmsg: "E11000 duplicate key error",
    keyPattern: { slug: 1 },
    keyValue: { slug: "a" },
  };
  assert.throws(
    () => throwWriteErrors({ ok: 1, n: 0, writeErrors: [failure] }),
    (error: unknown) =>
      error instanceof MongoServerError && error.code === 11000 &&
      (error as MongoServerError & { keyPattern?: unknown }).keyPattern !== undefined &&
      JSON.stringify((error as MongoServerError & { keyValue?: unknown }).keyValue) ===
        JSON.stringify({ slug: "a" }),
  );
});
