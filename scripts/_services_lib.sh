# shellcheck shell=bash
# Shared helpers for scripts/services: settings, messages, pid files, ports, waiting.
# Sourced by scripts/services, never run on its own. Every setting is an environment
# variable whose default is set here, so `scripts/services --help` and README can list them.

SERVICES_HOST=127.0.0.1
REDIS_PORT=${REDIS_PORT:-6379}
MONGO_PORT=${MONGO_PORT:-27017}
POSTGRES_PORT=${POSTGRES_PORT:-55432}
FERRETDB_BACKEND=${FERRETDB_BACKEND:-sqlite}
ES_PORT=${ES_PORT:-9200}
ES_HEAP=${ES_HEAP:-1g}
FTP_PORT=${FTP_PORT:-2121}
FTP_USER=${FTP_USER:-superdesk}
FTP_PASSWORD=${FTP_PASSWORD:-superdesk}
SMTP_PORT=${SMTP_PORT:-3025}
IMAP_PORT=${IMAP_PORT:-3143}
S3_PORT=${S3_PORT:-4566}
SUPERDESK_SERVICES_TIMEOUT=${SUPERDESK_SERVICES_TIMEOUT:-180}
for setting in REDIS_PORT MONGO_PORT POSTGRES_PORT ES_PORT FTP_PORT SMTP_PORT IMAP_PORT S3_PORT SUPERDESK_SERVICES_TIMEOUT ${ES_TRANSPORT_PORT:+ES_TRANSPORT_PORT}; do
  [[ ${!setting} =~ ^[0-9]+$ ]] || {
    printf 'services: error: %s must be a whole number, got "%s"\n' "$setting" "${!setting}" >&2
    exit 2
  }
done
ES_TRANSPORT_PORT=${ES_TRANSPORT_PORT:-$((ES_PORT + 100))}
[[ $FERRETDB_BACKEND =~ ^(postgresql|sqlite)$ ]] || {
  printf 'services: error: FERRETDB_BACKEND must be postgresql or sqlite, got "%s"\n' \
    "$FERRETDB_BACKEND" >&2
  exit 2
}
[[ $ES_HEAP =~ ^[0-9]+[mMgG]$ ]] || {
  printf 'services: error: ES_HEAP must look like 512m or 1g, got "%s"\n' "$ES_HEAP" >&2
  exit 2
}
if [ "$(id -u)" = 0 ]; then
  SERVICES_DIR=${SUPERDESK_SERVICES_DIR:-/var/cache/superdesk-services}
else
  SERVICES_DIR=${SUPERDESK_SERVICES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/superdesk-services}
fi
[[ $SERVICES_DIR == /* ]] || SERVICES_DIR=$PWD/$SERVICES_DIR

# Prints a progress message on stderr (stdout is kept for the `export` lines).
say() {
  printf 'services: %s\n' "$*" >&2
}

# Prints an error on stderr and exits non-zero.
die() {
  say "error: $*"
  exit 1
}

# The directory holding one instance's data, logs and pid file: one per service and port,
# so instances on other ports can share the same installs.
state_dir() {
  printf '%s/state/%s-%s' "$SERVICES_DIR" "$1" "$2"
}

# True when the pid file names a live process whose command line contains $2 (so a pid reused
# by another program is never taken for ours).
pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(<"$1")
  [[ $pid =~ ^[0-9]+$ ]] && process_matches "$pid" "$2"
}

# True when the process is alive and its command line contains $2.
process_matches() {
  local cmdline
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ $cmdline == *"$2"* ]]
}

# True when something accepts TCP connections on the loopback port.
port_open() {
  (exec 3<>"/dev/tcp/$SERVICES_HOST/$1") 2>/dev/null
}

# True when a server on the loopback port sends a first line starting with $2 within 3 s (the
# greeting of FTP, SMTP, IMAP).
greeting_starts_with() {
  local line
  # In a subshell, so that the descriptor and the silenced stderr do not outlive the check.
  line=$({ exec 3<>"/dev/tcp/$SERVICES_HOST/$1" && IFS= read -r -t 3 line <&3 &&
    printf '%s' "$line"; } 2>/dev/null) || return 1
  [[ $line == "$2"* ]]
}

# Sends TERM to the process of a pid file (if it is ours), waits up to 60 s for it to exit,
# then KILLs it. False when it was not running.
stop_pidfile() {
  local pidfile=$1 pattern=$2 pid waited=0
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    return 1
  fi
  pid=$(<"$pidfile")
  # A process started with setsid leads its own group: signal the group, so that what it has
  # started (Elasticsearch's node, under its launcher) stops with it.
  if [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null || true
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  # Not process_matches: a JVM whose main thread has ended shows an empty command line while its
  # other threads are still shutting down.
  while kill -0 "$pid" 2>/dev/null && ((waited < 600)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "process $pid did not stop within 60 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# Prints the last lines of each existing log file given, for an error report, leaving out Java
# stack frames so that the messages fit.
log_tails() {
  local file
  for file in "$@"; do
    [ -s "$file" ] || continue
    printf -- '----- last lines of %s (stack frames left out) -----\n' "$file" >&2
    grep -Ev '^[[:space:]]+(at |\.\.\. [0-9]+ more)' "$file" | tail -n 20 >&2
  done
}

# Installs Debian packages (root only), running `apt-get update` once per invocation.
apt_install() {
  local log="$SERVICES_DIR/apt.log"
  [ "$(id -u)" = 0 ] || die "missing packages ($*): install them, or run as root to let this script do it"
  say "installing Debian packages: $* (log: $log)"
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update >>"$log" 2>&1 || {
      log_tails "$log"
      die "apt-get update failed"
    }
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >>"$log" 2>&1 || {
    log_tails "$log"
    die "apt-get install $* failed"
  }
}

# Installs the PyPI requirement $3 (pinned) into a new Python virtual environment $2 for the
# service $1 (Python test servers); its log is $SERVICES_DIR/$1-install.log, and a failed install
# leaves no environment behind.
venv_install() {
  local name=$1 venv=$2 requirement=$3 log="$SERVICES_DIR/$1-install.log"
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  say "$name: installing $requirement from PyPI (once; cached in $venv)"
  rm -rf "$venv"
  python3 -m venv "$venv" >"$log" 2>&1 || {
    log_tails "$log"
    rm -rf "$venv"
    die "$name: python3 -m venv failed"
  }
  "$venv/bin/pip" install --quiet "$requirement" >>"$log" 2>&1 || {
    log_tails "$log"
    rm -rf "$venv"
    die "$name: pip install $requirement failed"
  }
}

# Installs the package $2 when the command $1 is missing.
need_command() {
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}
