# shellcheck shell=bash
# The `redis` service for scripts/services: Redis from Debian's redis-server package, with the
# append-only file on and no eviction, because the task queue and the bus must not lose entries.
# Sourced; implements the service interface described in scripts/services.

redis_port() { printf '%s' "$REDIS_PORT"; }
redis_url() { printf 'redis://%s:%s' "$SERVICES_HOST" "$REDIS_PORT"; }
redis_process() { printf 'redis-server %s:%s' "$SERVICES_HOST" "$REDIS_PORT"; }
redis_logs() { printf '%s\n' "$(state_dir redis "$REDIS_PORT")/redis.log"; }

redis_install() {
  need_command redis-server redis-server
  need_command redis-cli redis-tools
}

# Starts redis-server in the background in its own session; its pid goes to the pid file.
redis_launch() {
  local dir
  dir=$(state_dir redis "$REDIS_PORT")
  mkdir -p "$dir"
  setsid redis-server --bind "$SERVICES_HOST" --port "$REDIS_PORT" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
    --dir "$dir" --daemonize no \
    </dev/null >>"$dir/redis.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$dir/pid"
}

# True when the server answers PING with PONG (not while it is still loading its data).
redis_ready() {
  [ "$(timeout 3 redis-cli -h "$SERVICES_HOST" -p "$REDIS_PORT" PING 2>/dev/null)" = PONG ]
}

redis_version() {
  local version
  version=$(timeout 3 redis-cli -h "$SERVICES_HOST" -p "$REDIS_PORT" INFO server 2>/dev/null |
    tr -d '\r' | sed -n 's/^redis_version://p')
  printf 'Redis %s' "${version:-?}"
}
