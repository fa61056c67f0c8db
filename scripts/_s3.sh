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
  venv_install s3 "$venv" "moto[server]==$MOTO_VERSION"
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
