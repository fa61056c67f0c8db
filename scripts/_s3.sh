# shellcheck shell=bash
# The `s3` service for scripts/services: moto's server (PyPI `moto[server]`) as an
# S3-compatible server on loopback, for the S3 media storage (src/media/s3_media_storage.ts)
# and the features that run on it. It keeps buckets in memory (a restart empties them) and
# takes any credentials: the signing itself is checked against AWS's published examples
# (tests/media/aws_signature_test.ts). Installed once into a Python virtual environment in the
# cache. Sourced; implements the service interface described in scripts/services.

MOTO_VERSION=5.2.5

s3_port() { printf '%s' "$S3_PORT"; }
s3_url() { printf 'http://%s:%s' "$SERVICES_HOST" "$S3_PORT"; }
s3_process() { printf -- '%s/bin/moto_server -H %s -p %s' "$(s3_venv)" "$SERVICES_HOST" "$S3_PORT"; }
s3_logs() { printf '%s\n' "$(state_dir s3 "$S3_PORT")/s3.log"; }
s3_venv() { printf '%s/python-moto-%s' "$SERVICES_DIR" "$MOTO_VERSION"; }

# Creates the virtual environment and installs the pinned moto with its server into it.
s3_install() {
  local venv
  venv=$(s3_venv)
  [ -x "$venv/bin/moto_server" ] && "$venv/bin/python" -c 'import moto.server' 2>/dev/null &&
    return 0
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  say "s3: installing moto[server] $MOTO_VERSION from PyPI (once; cached in $venv)"
  rm -rf "$venv"
  python3 -m venv "$venv" >"$SERVICES_DIR/s3-install.log" 2>&1 || {
    log_tails "$SERVICES_DIR/s3-install.log"
    die "s3: python3 -m venv failed"
  }
  "$venv/bin/pip" install --quiet "moto[server]==$MOTO_VERSION" \
    >>"$SERVICES_DIR/s3-install.log" 2>&1 || {
    log_tails "$SERVICES_DIR/s3-install.log"
    rm -rf "$venv"
    die "s3: pip install moto[server]==$MOTO_VERSION failed"
  }
}

# Starts the server in the background in its own session; its pid goes to the pid file.
s3_launch() {
  local dir
  dir=$(state_dir s3 "$S3_PORT")
  mkdir -p "$dir"
  setsid "$(s3_venv)/bin/moto_server" -H "$SERVICES_HOST" -p "$S3_PORT" \
    </dev/null >>"$dir/s3.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$dir/pid"
}

# True when the server lists buckets (an S3 ListBuckets answer).
s3_ready() {
  curl -fsS --max-time 5 "$(s3_url)/" 2>/dev/null | grep -q 'ListAllMyBucketsResult'
}

s3_version() { printf 'moto %s' "$MOTO_VERSION"; }
