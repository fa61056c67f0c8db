# shellcheck shell=bash
# The `mongo` service for scripts/services: FerretDB (MongoDB wire protocol) on the backend named
# by FERRETDB_BACKEND: `postgresql` (the `postgres` service, which scripts/services starts with
# it) or `sqlite` (files in its state directory), built from the Go module proxy once and
# cached. Readiness is a real OP_MSG `ping` (which FerretDB answers only when its backend
# answers), written and read with bash's /dev/tcp, so no MongoDB client is needed on the machine.
# Sourced; implements the service interface described in scripts/services.

FERRETDB_VERSION=v1.24.2

mongo_port() { printf '%s' "$MONGO_PORT"; }
mongo_url() { printf 'mongodb://%s:%s/' "$SERVICES_HOST" "$MONGO_PORT"; }
# The state directory is on the command line with either backend, so a FerretDB this script
# started is recognised (and stopped) after FERRETDB_BACKEND changed.
mongo_process() { printf -- '--state-dir=%s ' "$(state_dir mongo "$MONGO_PORT")"; }
mongo_logs() { printf '%s\n' "$(state_dir mongo "$MONGO_PORT")/ferretdb.log"; }
mongo_binary() { printf '%s/bin/ferretdb-%s' "$SERVICES_DIR" "$FERRETDB_VERSION"; }

# Builds FerretDB from its module source. `go install` alone gives a binary that panics at start
# (its build/version/version.txt is filled by the project's own release tooling), so the source
# is copied, that file written, and the command built from the copy.
mongo_install() {
  local bin work src
  bin=$(mongo_binary)
  [ -x "$bin" ] && return 0
  command -v go >/dev/null 2>&1 || die "mongo: Go (1.22 or newer) is needed to build FerretDB"
  say "mongo: building FerretDB $FERRETDB_VERSION (once; cached as $bin)"
  mkdir -p "$SERVICES_DIR/bin"
  work=$(mktemp -d "$SERVICES_DIR/ferretdb-build.XXXXXX")
  src=$(cd "$work" && go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  if [ -z "$src" ] || [ ! -d "$src" ]; then
    rm -rf "$work"
    die "mongo: go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION gave no source"
  fi
  cp -R "$src" "$work/src"
  chmod -R u+w "$work/src"
  printf '%s\n' "$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
  (cd "$work/src" && GOFLAGS=-buildvcs=false go build -trimpath -o "$bin.part" ./cmd/ferretdb) \
    >"$work/build.log" 2>&1 || {
    log_tails "$work/build.log"
    rm -rf "$work"
    die "mongo: building FerretDB failed"
  }
  mv "$bin.part" "$bin"
  rm -rf "$work"
}

# Starts FerretDB in the background in its own session; its pid goes to the pid file.
mongo_launch() {
  local dir backend
  dir=$(state_dir mongo "$MONGO_PORT")
  mkdir -p "$dir/data"
  if [ "$FERRETDB_BACKEND" = postgresql ]; then
    backend=(--handler=postgresql "--postgresql-url=$(postgres_url)")
  else
    backend=(--handler=sqlite "--sqlite-url=file:$dir/data/")
  fi
  setsid "$(mongo_binary)" "${backend[@]}" \
    --listen-addr="$SERVICES_HOST:$MONGO_PORT" --state-dir="$dir" --debug-addr=- \
    --telemetry=disable --log-level=warn \
    </dev/null >>"$dir/ferretdb.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$dir/pid"
}

# Little-endian hex of a 32-bit integer.
le32_hex() {
  printf '%02x%02x%02x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) \
    $((($1 >> 24) & 255))
}

# Hex of a string's bytes.
text_hex() {
  printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'
}

# Writes the bytes that a hex string spells.
hex_bytes() {
  # shellcheck disable=SC2001 # two hex digits at a time need a regular expression.
  printf '%b' "$(sed 's/../\\x&/g' <<<"$1")"
}

# Runs the admin command {$1: 1} over OP_MSG and prints the reply's BSON body as hex.
mongo_command_hex() {
  local body doc message length reply
  # shellcheck disable=SC2016 # "$db" is the BSON field name, not a shell variable.
  body="10$(text_hex "$1")00$(le32_hex 1)02$(text_hex '$db')00$(le32_hex 6)$(text_hex admin)0000"
  doc="$(le32_hex $((${#body} / 2 + 4)))$body"
  message="$(le32_hex 1)$(le32_hex 0)$(le32_hex 2013)$(le32_hex 0)00$doc"
  message="$(le32_hex $((${#message} / 2 + 4)))$message"
  exec 3<>"/dev/tcp/$SERVICES_HOST/$MONGO_PORT" || return 1
  hex_bytes "$message" >&3
  length=$(timeout 5 head -c 4 <&3 | od -An -v -tx1 | tr -d ' \n')
  [ "${#length}" -eq 8 ] || return 1
  length=$((16#${length:6:2}${length:4:2}${length:2:2}${length:0:2}))
  ((length > 21 && length < 16777216)) || return 1
  reply=$(timeout 5 head -c $((length - 4)) <&3 | od -An -v -tx1 | tr -d ' \n')
  exec 3<&-
  [ "${#reply}" -eq $(((length - 4) * 2)) ] || return 1
  # Skip the rest of the header (12 bytes), the flag bits (4) and the section kind (1).
  printf '%s' "${reply:34}"
}

# True when the server answers `ping` with ok: 1 (a double, or an int32).
mongo_ready() {
  local reply
  reply=$(mongo_command_hex ping 2>/dev/null) || return 1
  [[ $reply == *016f6b00000000000000f03f* || $reply == *106f6b0001000000* ]]
}

# The string value of a top-level-or-nested BSON field named $2 in hex document $1.
bson_string_field() {
  local rest length
  rest=${1#*02"$(text_hex "$2")"00}
  [ "$rest" != "$1" ] || return 1
  length=$((16#${rest:6:2}${rest:4:2}${rest:2:2}${rest:0:2} - 1))
  hex_bytes "${rest:8:$((length * 2))}"
}

# ", <handler>" of the FerretDB this script started on the port, from its command line; empty
# for one started otherwise.
mongo_running_backend() {
  local dir cmdline
  dir=$(state_dir mongo "$MONGO_PORT")
  pid_alive "$dir/pid" "$(mongo_process)" || return 0
  cmdline=$(tr '\0' ' ' <"/proc/$(<"$dir/pid")/cmdline" 2>/dev/null) || return 0
  [[ $cmdline =~ --handler=([a-z]+) ]] && printf ', %s' "${BASH_REMATCH[1]}"
  return 0
}

mongo_version() {
  local reply
  reply=$(mongo_command_hex buildInfo 2>/dev/null) || {
    printf 'FerretDB ?'
    return 0
  }
  printf 'FerretDB %s (MongoDB %s%s)' \
    "$(bson_string_field "$reply" ferretdbVersion || printf '?')" \
    "$(bson_string_field "$reply" version || printf '?')" "$(mongo_running_backend)"
}
