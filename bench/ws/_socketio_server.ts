/**
 * Benchmark server: Socket.IO on node:http with the Redis adapter (REDIS_URL set) or its
 * in-memory adapter. Publishing is `io.emit`, which fans out locally and through Redis.
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
const redis = redisUrl ? [createClient({ url: redisUrl }), createClient({ url: redisUrl })] : [];
if (redis.length) {
  await Promise.all(redis.map((client) => client.connect()));
  io.adapter(createAdapter(redis[0], redis[1], { key: prefix }));
}
await new Promise<void>((resolve) => http.listen({ port: 0, host: "127.0.0.1" }, resolve));
const { port } = http.address() as { port: number };
await serveCommands(port, (payload) => void io.emit("bench", payload));
io.close();
await Promise.allSettled(redis.map((client) => client.close()));
