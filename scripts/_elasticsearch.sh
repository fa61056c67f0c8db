# shellcheck shell=bash
# The `elasticsearch` service for scripts/services: the integ-test-zip distribution from Maven
# Central (core modules only, no bundled JDK) under Java 17. Elasticsearch refuses to run as
# root, so a root caller runs it as a dedicated system user, which must be able to read the
# install: that is why the cache lives under /var/cache and not under /root.
# Sourced; implements the service interface described in scripts/services.

ES_VERSION=8.19.21
ES_USER=${SUPERDESK_ES_USER:-superdesk-es}

elasticsearch_port() { printf '%s' "$ES_PORT"; }
elasticsearch_url() { printf 'http://%s:%s' "$SERVICES_HOST" "$ES_PORT"; }
elasticsearch_process() { printf -- '-Des.path.home=%s ' "$(elasticsearch_home)"; }
elasticsearch_home() { printf '%s/elasticsearch-%s' "$SERVICES_DIR" "$ES_VERSION"; }

elasticsearch_logs() {
  local dir
  dir=$(state_dir elasticsearch "$ES_PORT")
  printf '%s\n' "$dir/launch.log" "$dir/logs/superdesk-services.log"
}

# Prints a Java 17+ home: ES_JAVA_HOME if set, else an installed JDK 17, else the `java` on PATH
# (Debian's openjdk-17-jre-headless is installed when there is none). Elasticsearch ignores
# JAVA_HOME and, without ES_JAVA_HOME, looks for a bundled JDK this distribution lacks.
elasticsearch_java_home() {
  local home java
  for home in "${ES_JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/*-17-*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] && {
      printf '%s' "$home"
      return 0
    }
  done
  java=$(command -v java 2>/dev/null) && java=$(readlink -f "$java") &&
    "$java" -version 2>&1 | grep -Eq 'version "(1[7-9]|2[0-4])[."]' && {
    printf '%s' "${java%/bin/java}"
    return 0
  }
  return 1
}

# Runs a command as the Elasticsearch user when root, as the caller otherwise.
as_es_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

# Downloads and unpacks the distribution once (with Maven, the registry's own client), creates
# the system user, and checks that this user can run the install where it lies.
elasticsearch_install() {
  local home work
  home=$(elasticsearch_home)
  elasticsearch_java_home >/dev/null || apt_install openjdk-17-jre-headless
  elasticsearch_java_home >/dev/null || die "elasticsearch: no Java 17 found (set ES_JAVA_HOME)"
  if [ "$(id -u)" = 0 ] && ! id "$ES_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      "$ES_USER" || die "elasticsearch: could not create the system user $ES_USER"
  fi
  if [ ! -x "$home/bin/elasticsearch" ]; then
    need_command mvn maven
    need_command unzip unzip
    say "elasticsearch: downloading Elasticsearch $ES_VERSION from Maven Central (once; ~107 MB)"
    work=$(mktemp -d "$SERVICES_DIR/elasticsearch-download.XXXXXX")
    mvn --batch-mode --quiet --strict-checksums dependency:copy \
      "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      "-DoutputDirectory=$work" "-Dmaven.repo.local=$SERVICES_DIR/maven" \
      >"$work/maven.log" 2>&1 || {
      log_tails "$work/maven.log"
      die "elasticsearch: the Maven download failed"
    }
    unzip -q "$work/elasticsearch-$ES_VERSION.zip" -d "$work/unpacked" ||
      die "elasticsearch: could not unzip $work/elasticsearch-$ES_VERSION.zip"
    chmod -R a+rX "$work/unpacked"
    rm -rf "$home" "$SERVICES_DIR/maven/org/elasticsearch"
    mv "$work/unpacked/elasticsearch-$ES_VERSION" "$home"
    rm -rf "$work"
  fi
  as_es_user test -x "$home/bin/elasticsearch" ||
    die "elasticsearch: user $ES_USER cannot run $home/bin/elasticsearch: put SUPERDESK_SERVICES_DIR where every user can read (not under /root)"
}

# Starts Elasticsearch daemonized (-d) from a background launcher that exits once the node is
# up; the launcher's pid and the node's pid (written by Elasticsearch) go to pid files. The node
# gets its own copy of config/ (ES_PATH_CONF), so instances on other ports share one install.
# The launcher's timeout outlasts SUPERDESK_SERVICES_TIMEOUT, so a stuck start is stopped by
# scripts/services (which reports it) rather than by the timeout.
elasticsearch_launch() {
  local dir home java_home as_user=()
  dir=$(state_dir elasticsearch "$ES_PORT")
  home=$(elasticsearch_home)
  java_home=$(elasticsearch_java_home)
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  [ -d "$dir/config" ] || cp -R "$home/config" "$dir/config"
  rm -f "$dir/pid" "$dir/launch.log"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$ES_USER:" "$dir"
    as_user=(runuser -u "$ES_USER" --)
  fi
  (
    cd "$dir" || exit 1
    exec setsid timeout $((SUPERDESK_SERVICES_TIMEOUT + 30)) "${as_user[@]}" env ES_JAVA_HOME="$java_home" \
      ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
      "$home/bin/elasticsearch" -d -p "$dir/pid" \
      -E cluster.name=superdesk-services -E discovery.type=single-node \
      -E xpack.security.enabled=false -E network.host="$SERVICES_HOST" \
      -E http.port="$ES_PORT" -E transport.port="$ES_TRANSPORT_PORT" \
      -E path.data="$dir/data" -E path.logs="$dir/logs" \
      -E cluster.routing.allocation.disk.threshold_enabled=false
  ) </dev/null >"$dir/launch.log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$dir/launcher.pid"
}

# True when the cluster health is yellow or green.
elasticsearch_ready() {
  curl -fsS --max-time 5 \
    "http://$SERVICES_HOST:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=2s" \
    2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

elasticsearch_version() {
  local version
  version=$(curl -fsS --max-time 5 \
    "http://$SERVICES_HOST:$ES_PORT/_nodes/_local?filter_path=nodes.*.version" 2>/dev/null |
    sed -n 's/.*"version":"\([^"]*\)".*/\1/p')
  printf 'Elasticsearch %s' "${version:-?}"
}
