# shellcheck shell=bash
# The `ftp` service for scripts/services: pyftpdlib (PyPI) as a real FTP server on loopback, for
# the FTP transmitter (publishing) and the FTP feeding service (ingest). One login
# (FTP_USER / FTP_PASSWORD) with write access to a root directory per port; passive mode on a
# port range just above FTP_PORT. Installed once into a Python virtual environment in the cache.
# Sourced; implements the service interface described in scripts/services.

PYFTPDLIB_VERSION=2.2.0

ftp_port() { printf '%s' "$FTP_PORT"; }
ftp_url() { printf 'ftp://%s:%s@%s:%s/' "$FTP_USER" "$FTP_PASSWORD" "$SERVICES_HOST" "$FTP_PORT"; }
ftp_process() { printf -- '--directory %s/root' "$(state_dir ftp "$FTP_PORT")"; }
ftp_logs() { printf '%s\n' "$(state_dir ftp "$FTP_PORT")/ftp.log"; }
ftp_python() { printf '%s/python-ftp-%s/bin/python' "$SERVICES_DIR" "$PYFTPDLIB_VERSION"; }

# Creates the virtual environment and installs the pinned pyftpdlib into it.
ftp_install() {
  local python venv
  python=$(ftp_python)
  [ -x "$python" ] && "$python" -c 'import pyftpdlib' 2>/dev/null && return 0
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  venv=${python%/bin/python}
  say "ftp: installing pyftpdlib $PYFTPDLIB_VERSION from PyPI (once; cached in $venv)"
  rm -rf "$venv"
  python3 -m venv "$venv" >"$SERVICES_DIR/ftp-install.log" 2>&1 || {
    log_tails "$SERVICES_DIR/ftp-install.log"
    die "ftp: python3 -m venv failed"
  }
  "$venv/bin/pip" install --quiet "pyftpdlib==$PYFTPDLIB_VERSION" \
    >>"$SERVICES_DIR/ftp-install.log" 2>&1 || {
    log_tails "$SERVICES_DIR/ftp-install.log"
    rm -rf "$venv"
    die "ftp: pip install pyftpdlib==$PYFTPDLIB_VERSION failed"
  }
}

# Starts the server in the background in its own session; its pid goes to the pid file.
ftp_launch() {
  local dir
  dir=$(state_dir ftp "$FTP_PORT")
  mkdir -p "$dir/root"
  setsid "$(ftp_python)" -m pyftpdlib --interface "$SERVICES_HOST" --port "$FTP_PORT" \
    --write --directory "$dir/root" --username "$FTP_USER" --password "$FTP_PASSWORD" \
    --range "$((FTP_PORT + 1))-$((FTP_PORT + 40))" \
    </dev/null >>"$dir/ftp.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$dir/pid"
}

# True when the server sends its 220 greeting.
ftp_ready() { greeting_starts_with "$FTP_PORT" 220; }

ftp_version() { printf 'pyftpdlib %s' "$PYFTPDLIB_VERSION"; }
