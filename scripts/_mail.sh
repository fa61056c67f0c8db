# shellcheck shell=bash
# The `mail` service for scripts/services: GreenMail standalone (Maven Central), a real SMTP and
# IMAP server in one JVM on loopback, for the email transmitter (publishing) and the IMAP feeding
# service (ingest). Authentication is off: any login works and mailboxes are created on first
# use; a message sent over SMTP lands in each recipient's IMAP INBOX. Mail lives in memory, so a
# restart empties every mailbox. The service's own port is SMTP_PORT; IMAP is on IMAP_PORT.
# Sourced; implements the service interface described in scripts/services.

GREENMAIL_VERSION=2.1.3

mail_port() { printf '%s' "$SMTP_PORT"; }
mail_url() { printf 'smtp://%s:%s' "$SERVICES_HOST" "$SMTP_PORT"; }
mail_imap_url() { printf 'imap://%s:%s' "$SERVICES_HOST" "$IMAP_PORT"; }
mail_process() { printf -- '-Dgreenmail.smtp.port=%s ' "$SMTP_PORT"; }
mail_logs() { printf '%s\n' "$(state_dir mail "$SMTP_PORT")/mail.log"; }
mail_jar() { printf '%s/greenmail-standalone-%s.jar' "$SERVICES_DIR" "$GREENMAIL_VERSION"; }

# Downloads the standalone jar once with Maven, the registry's own client.
mail_install() {
  local jar work
  jar=$(mail_jar)
  elasticsearch_java_home >/dev/null || apt_install openjdk-17-jre-headless
  [ -s "$jar" ] && return 0
  need_command mvn maven
  say "mail: downloading GreenMail $GREENMAIL_VERSION from Maven Central (once)"
  work=$(mktemp -d "$SERVICES_DIR/greenmail-download.XXXXXX")
  mvn --batch-mode --quiet --strict-checksums dependency:copy \
    "-Dartifact=com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
    "-DoutputDirectory=$work" "-Dmaven.repo.local=$SERVICES_DIR/maven" \
    >"$work/maven.log" 2>&1 || {
    log_tails "$work/maven.log"
    rm -rf "$work"
    die "mail: the Maven download failed"
  }
  mv "$work/greenmail-standalone-$GREENMAIL_VERSION.jar" "$jar"
  rm -rf "$work"
}

# Starts the JVM in the background in its own session; its pid goes to the pid file.
mail_launch() {
  local dir
  dir=$(state_dir mail "$SMTP_PORT")
  mkdir -p "$dir"
  setsid "$(elasticsearch_java_home)/bin/java" -Xmx128m \
    -Dgreenmail.smtp.hostname="$SERVICES_HOST" -Dgreenmail.smtp.port="$SMTP_PORT" \
    -Dgreenmail.imap.hostname="$SERVICES_HOST" -Dgreenmail.imap.port="$IMAP_PORT" \
    -Dgreenmail.auth.disabled -jar "$(mail_jar)" \
    </dev/null >>"$dir/mail.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$dir/pid"
}

# True when both the SMTP and the IMAP greeting arrive.
mail_ready() {
  greeting_starts_with "$SMTP_PORT" 220 && greeting_starts_with "$IMAP_PORT" '* OK'
}

mail_version() { printf 'GreenMail %s' "$GREENMAIL_VERSION"; }
