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
  local python
  python=$(ftp_python)
  [ -x "$python" ] && "$python" -c 'import pyftpdlib' 2>/dev/null && return 0
  venv_install ftp "${python%/bin/python}" "pyftpdlib==$PYFTPDLIB_VERSION"
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
