/**
 * Benchmark server: Socket.IO on node:http with the Redis adapter (REDIS_URL set) or its
 * in-memory adapter. With Redis, events are emitted by a second Socket.IO node in the same
 * process (no listener, no clients) whose adapter publishes them through Redis, as an API
 * process would; the listening node receives them from Redis and fans them out, the same path
 * as our bus. Without Redis, publishing is the listening node's own `io.emit`.
 */
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import { serveCommands } from "./_child_commands.ts";

const redisUrl = Deno.env.get("REDIS_URL");
const prefix = Deno.env.get("NOTIFY_PREFIX") ?? "bench:socketio";
const http = createServer();
const io = new Server(http, { transports: ["websocket"] });
const publisher = redisUrl ? new Server() : io;
const redis = redisUrl ? Array.from({ length: 4 }, () => createClient({ url: redisUrl })) : [];
if (redis.length) {
  await Promise.all(redis.map((client) => client.connect()));
  io.adapter(createAdapter(redis[0], redis[1], { key: prefix }));
  publisher.adapter(createAdapter(redis[2], redis[3], { key: prefix }));
}
await new Promise<void>((resolve) => http.listen({ port: 0, host: "127.0.0.1" }, resolve));
const { port } = http.address() as { port: number };
await serveCommands(port, (payload) => void publisher.emit("bench", payload));
io.close();
await Promise.allSettled(redis.map((client) => client.close()));
