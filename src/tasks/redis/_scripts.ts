/**
 * Lua scripts of the Redis queue. Each runs atomically on the server, so a retry, a dead
 * letter, a promotion or a schedule tick is never half done. Keys live under one prefix; a
 * prefix with a hash tag (`{sd}`) keeps them in one Redis Cluster slot.
 */

/** The stream entry fields, in order; delayed entries are JSON objects with the same keys. */
export const ENTRY_FIELDS = [
  "id",
  "task",
  "args",
  "attempt",
  "enqueued_at",
  "due_at",
  "unique_key",
  "traceparent",
] as const;

const PUT = `
local function put(stream, delayed, ukey, id, due, now, fields)
  if ukey ~= '' then
    local existing = redis.call('GET', ukey)
    if existing then return existing end
    redis.call('SET', ukey, id)
  end
  if tonumber(due) > tonumber(now) then
    local member = {}
    for i = 1, #fields, 2 do member[fields[i]] = fields[i + 1] end
    redis.call('ZADD', delayed, due, cjson.encode(member))
  else
    redis.call('XADD', stream, '*', unpack(fields))
  end
  return id
end
`;

/** KEYS stream, delayed; ARGV unique-key key ('' for none), id, due, now, fields… → id. */
export const ENQUEUE = PUT + `
local fields = {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
return put(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], fields)
`;

/** KEYS schedules, stream, delayed; ARGV name, expected, next, then as ENQUEUE → 0 or 1. */
export const CLAIM_TICK = PUT + `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
local fields = {}
for i = 8, #ARGV do fields[#fields + 1] = ARGV[i] end
put(KEYS[2], KEYS[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], fields)
return 1
`;

/** KEYS (delayed, stream) pairs; ARGV now, limit → entries moved. One ZREM per XADD. */
export const PROMOTE = `
local order = {${ENTRY_FIELDS.map((f) => `'${f}'`).join(", ")}}
local moved = 0
for k = 1, #KEYS, 2 do
  local due = redis.call('ZRANGEBYSCORE', KEYS[k], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
  for _, member in ipairs(due) do
    local entry = cjson.decode(member)
    local fields = {}
    for _, name in ipairs(order) do
      fields[#fields + 1] = name
      fields[#fields + 1] = tostring(entry[name] or '')
    end
    redis.call('XADD', KEYS[k + 1], '*', unpack(fields))
    redis.call('ZREM', KEYS[k], member)
    moved = moved + 1
  end
end
return moved
`;

/**
 * KEYS stream, counts, unique-key key, then the streams to read next (may be none); ARGV group,
 * entry id, task id, task, consumer → the XREADGROUP reply for the next entry, or nil.
 */
export const ACK = `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('XDEL', KEYS[1], ARGV[2])
  if KEYS[3] ~= KEYS[1] and redis.call('GET', KEYS[3]) == ARGV[3] then
    redis.call('DEL', KEYS[3])
  end
  redis.call('HINCRBY', KEYS[2], ARGV[4] .. ':done', 1)
end
if #KEYS < 4 then return nil end
local args = {'XREADGROUP', 'GROUP', ARGV[1], ARGV[5], 'COUNT', 1, 'STREAMS'}
for i = 4, #KEYS do args[#args + 1] = KEYS[i] end
for i = 4, #KEYS do args[#args + 1] = '>' end
return redis.call(unpack(args))
`;

/** KEYS stream, counts, delayed; ARGV group, entry id, task, due, member → 0 or 1. */
export const RETRY = `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
redis.call('HINCRBY', KEYS[2], ARGV[3] .. ':retried', 1)
return 1
`;

/** KEYS stream, counts, dead, unique-key key; ARGV group, entry id, task, id, fields… */
export const BURY = `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XDEL', KEYS[1], ARGV[2])
local fields = {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('XADD', KEYS[3], '*', unpack(fields))
if KEYS[4] ~= KEYS[1] and redis.call('GET', KEYS[4]) == ARGV[4] then redis.call('DEL', KEYS[4]) end
redis.call('HINCRBY', KEYS[2], ARGV[3] .. ':dead', 1)
return 1
`;

/** KEYS stream; ARGV group, consumer, entry id → 1 if still owned (idle reset), else 0. */
export const RENEW = `
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if #pending == 0 or pending[1][2] ~= ARGV[2] then return 0 end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
return 1
`;

/**
 * KEYS stream; ARGV group, idle ms → consumers deleted. Only consumers with no pending entry
 * and idle longer than the threshold: deleting one with pending entries would orphan them.
 */
export const PRUNE_CONSUMERS = `
local deleted = 0
for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local info = {}
  for i = 1, #consumer, 2 do info[consumer[i]] = consumer[i + 1] end
  if info.pending == 0 and info.idle > tonumber(ARGV[2]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info.name)
    deleted = deleted + 1
  end
end
return deleted
`;

/**
 * KEYS dead; ARGV key prefix, now, limit → entries moved back as first attempts, without
 * their unique key (a new task may hold it by now).
 */
export const RETRY_DEAD = `
local order = {${ENTRY_FIELDS.map((f) => `'${f}'`).join(", ")}}
local rows = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', ARGV[3])
for _, row in ipairs(rows) do
  local entry = {}
  for i = 1, #row[2], 2 do entry[row[2][i]] = row[2][i + 1] end
  entry.attempt = '1'
  entry.due_at = ARGV[2]
  entry.unique_key = ''
  local fields = {}
  for _, name in ipairs(order) do
    fields[#fields + 1] = name
    fields[#fields + 1] = entry[name] or ''
  end
  redis.call('XADD', ARGV[1] .. ':q:' .. entry.queue, '*', unpack(fields))
  redis.call('XDEL', KEYS[1], row[1])
end
return #rows
`;

/** KEYS dead → entries deleted. */
export const PURGE_DEAD = `
local n = redis.call('XLEN', KEYS[1])
redis.call('DEL', KEYS[1])
return n
`;

/**
 * KEYS (stream, delayed) pairs, then dead; ARGV group, unique-key prefix → tasks deleted. Deletes
 * the entries no consumer holds (ready ones) and the delayed and dead ones, and frees each one's
 * unique key when it still names that task; entries delivered and not acked (running) stay.
 */
export const PURGE_WAITING = `
local deleted = 0
local function free(ukey, id)
  if ukey and ukey ~= '' then
    local key = ARGV[2] .. ukey
    if redis.call('GET', key) == id then redis.call('DEL', key) end
  end
end
for k = 1, #KEYS - 1, 2 do
  local running = {}
  local ok, pending = pcall(redis.call, 'XPENDING', KEYS[k], ARGV[1], '-', '+', 1000000)
  if ok then
    for _, row in ipairs(pending) do running[row[1]] = true end
  end
  for _, row in ipairs(redis.call('XRANGE', KEYS[k], '-', '+')) do
    if not running[row[1]] then
      local entry = {}
      for i = 1, #row[2], 2 do entry[row[2][i]] = row[2][i + 1] end
      free(entry.unique_key, entry.id)
      redis.call('XDEL', KEYS[k], row[1])
      deleted = deleted + 1
    end
  end
  for _, member in ipairs(redis.call('ZRANGE', KEYS[k + 1], 0, -1)) do
    local entry = cjson.decode(member)
    free(entry.unique_key, entry.id)
    deleted = deleted + 1
  end
  redis.call('DEL', KEYS[k + 1])
end
deleted = deleted + redis.call('XLEN', KEYS[#KEYS])
redis.call('DEL', KEYS[#KEYS])
return deleted
`;

/** KEYS lock; ARGV token, ttl → 1 if renewed. */
export const LOCK_RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS lock; ARGV token → 1 if released. */
export const LOCK_RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;
