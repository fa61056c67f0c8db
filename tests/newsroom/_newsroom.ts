/**
 * The newsroom test fixture: an app (embedded store, or MongoDB when MONGO_URI is set), three
 * users signed in through the real login (an editor and a writer, members of the "Politics"
 * desk, and an outsider), the desk with its stages, and a collector of every bus event.
 * `newsroomTest` registers each case once per store.
 */
import assert from "node:assert/strict";
import { createUser } from "../../src/auth/create_user.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import type { TestApp } from "../_app.ts";
import { type Client, clientFor } from "../_client.ts";
import { ENGINES, onEachEngine, withEngineApp } from "../_engine_app.ts";
import { Collector } from "../notify/_collect.ts";

/** A signed-in user: a client plus its ids; `signInAgain` opens a second session. */
export interface Member extends Client {
  userId: string;
  sessionId: string;
  signInAgain(): Promise<Member>;
}

/** What each case receives. */
export interface Newsroom {
  app: TestApp;
  editor: Member;
  writer: Member;
  outsider: Member;
  desk: Json;
  events: Collector<Notification>;
}

const WRITER = { archive: 1, spike: 1 } as const;
const EDITOR = { archive: 1, spike: 1, unspike: 1, unlock: 1, desks: 1 } as const;

/**
 * Registers `fn` twice: on the embedded default, and on the real engines (MongoDB, plus
 * Elasticsearch and Redis when their URLs are set) with a unique index prefix. `before` runs on
 * the fresh app before the users and the desk are made (e.g. to seed data); `engines` narrows
 * the stores a case is about; `env` adds settings.
 */
export function newsroomTest(
  title: string,
  fn: (room: Newsroom) => Promise<void>,
  { before, engines = ENGINES, env }: {
    before?: (app: TestApp) => Promise<unknown>;
    engines?: readonly (typeof ENGINES)[number][];
    env?: Record<string, string>;
  } = {},
): void {
  onEachEngine(title, (engine) =>
    withEngineApp(engine, async (app) => {
      const events = new Collector<Notification>();
      const unsubscribe = app.platform.bus.subscribe(events.push);
      try {
        await before?.(app);
        await fn(await setUp(app, events));
      } finally {
        unsubscribe();
      }
    }, { env }), { engines });
}

async function setUp(app: TestApp, events: Collector<Notification>): Promise<Newsroom> {
  const editor = await signIn(app, "editor", EDITOR);
  const writer = await signIn(app, "writer", WRITER);
  const outsider = await signIn(app, "outsider", WRITER);
  const created = await editor.post("/api/desks", {
    name: "Politics",
    members: [{ user: editor.userId }, { user: writer.userId }],
  });
  assert.equal(created.status, 201, await created.clone().text());
  const desk = await body(await editor.get(`/api/desks/${(await created.json())._id}`));
  return { app, editor, writer, outsider, desk, events };
}

/** Creates a user (`admin`: an administrator) with `privileges` and signs it in through `POST /api/auth_db`. */
export async function signIn(
  app: TestApp,
  username: string,
  privileges: Record<string, 0 | 1>,
  { admin = false }: { admin?: boolean } = {},
): Promise<Member> {
  const password = `pw-${crypto.randomUUID()}`;
  const user = await createUser(app.platform.registry, {
    username,
    password,
    email: `${username}@example.com`,
    admin,
  });
  await app.platform.registry.service("users").update(String(user._id), { privileges }, {
    actor: SYSTEM_ACTOR,
  });
  const login = async (): Promise<Member> => {
    const response = await clientFor(app).post("/api/auth_db", { username, password });
    assert.equal(response.status, 201, await response.clone().text());
    const session = await response.json();
    return {
      ...clientFor(app, session.token),
      userId: String(user._id),
      sessionId: String(session._id),
      signInAgain: login,
    };
  };
  return await login();
}

/** Signs in user `username` with `privileges` (as `signIn`), a member of the room's desk. */
export async function signInMember(
  room: Newsroom,
  username: string,
  privileges: Record<string, 0 | 1>,
): Promise<Member> {
  const member = await signIn(room.app, username, privileges);
  await room.app.platform.registry.service("desks").update(room.desk._id, {
    members: [...room.desk.members, { user: member.userId }],
  }, { actor: SYSTEM_ACTOR });
  return member;
}

/** A response body; tests read nested wire fields without declaring every shape. */
// deno-lint-ignore no-explicit-any
export type Json = any;

/** The JSON body of a response, after asserting its status (200 unless told). */
export async function body(response: Response, status = 200): Promise<Json> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get("content-type") ?? "", /application\/json/);
  return JSON.parse(text);
}

/** Asserts an error response's status and message. */
export async function refused(response: Response, status: number, message?: string | RegExp) {
  const error = await body(response, status);
  if (message instanceof RegExp) assert.match(String(error._error?.message), message);
  else if (message !== undefined) assert.equal(error._error?.message, message);
  return error;
}

/** Creates a story through the API and returns it as stored. */
export async function createStory(client: Client, fields: Doc = {}): Promise<Json> {
  const created = await body(await client.post("/api/archive", fields), 201);
  return await body(await client.get(`/api/archive/${created._id}`));
}

/** A story on `room.desk`'s working stage, written by the writer and saved once. */
export async function deskStory(room: Newsroom, fields: Doc = {}): Promise<Json> {
  return await createStory(room.writer, {
    headline: "Budget vote",
    body_html: "<p>The budget passed.</p>",
    task: { desk: room.desk._id, stage: room.desk.working_stage },
    ...fields,
  });
}

/**
 * A desk story (`deskStory`) the writer then edits onto the desk's incoming stage with a new
 * headline, in one PATCH (an edit that moves); the story as first stored and as saved.
 */
export async function storyMovedByEdit(room: Newsroom): Promise<{ item: Json; saved: Json }> {
  const item = await deskStory(room);
  const saved = await body(
    await room.writer.patch(
      `/api/archive/${item._id}`,
      {
        headline: "Budget vote, again",
        task: { desk: room.desk._id, stage: room.desk.incoming_stage },
      },
      { etag: item._etag },
    ),
  );
  return { item, saved };
}

/** A package on `room.desk` (its working stage), written by the writer, holding `ids`. */
export async function deskPackage(room: Newsroom, ids: string[]): Promise<Json> {
  return await body(
    await room.writer.post("/api/archive", {
      type: "composite",
      headline: "Budget package",
      task: { desk: room.desk._id, stage: room.desk.working_stage },
      groups: [
        { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
        { id: "main", role: "grpRole:main", refs: ids.map((residRef) => ({ residRef })) },
      ],
    }),
    201,
  );
}

/**
 * The events named `name` published so far by this process. The engines' bus delivers a moment
 * after publishing (Redis pub/sub), so it first publishes a marker and waits for it: the bus
 * delivers one publisher's events in order, so every earlier event has arrived by then.
 */
export async function eventsNamed(room: Newsroom, name: string): Promise<Notification[]> {
  const marker = crypto.randomUUID();
  await room.app.platform.bus.publish("test:marker", { marker });
  await room.events.until(
    (items) =>
      items.some((event) => event.event === "test:marker" && event.extra.marker === marker),
    "the bus to deliver a marker",
  );
  return room.events.items.filter((event) => event.event === name);
}

/** Waits for an event named `name` whose extra matches `match`. */
export async function awaitEvent(
  room: Newsroom,
  name: string,
  match: (extra: Json) => boolean = () => true,
): Promise<Notification> {
  const found = (items: Notification[]) =>
    items.find((event) => event.event === name && match(event.extra));
  await room.events.until((items) => found(items) !== undefined, `event ${name}`);
  return found(room.events.items)!;
}
