# The superdesk server as one self-contained binary (`deno compile`) on a slim Debian, run as a
# non-root user. One image serves every role: pick it with the command, e.g.
#   docker run superdesk --role=api         (default: --role=all)
# Engines come from MONGO_URI, ELASTICSEARCH_URL and REDIS_URL; without them the embedded
# defaults keep their files under DATA_DIR (/data, a volume). See docker-compose.yml.

FROM denoland/deno:debian-2.9.6 AS build
WORKDIR /src
# Dependencies first, so that a source change does not fetch them again; --frozen fails the
# build when deno.lock does not match deno.json.
COPY deno.json deno.lock ./
RUN deno install --frozen
COPY main.ts ./
COPY src/ src/
COPY workers/ workers/
# A newsroom's own apps (README "Writing an app"), compiled in; name them in INSTALLED_APPS.
COPY apps/ apps/
RUN deno task compile && ./superdesk --help >/dev/null

FROM debian:12.11-slim
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin superdesk \
  && mkdir -p /data \
  && chown superdesk:superdesk /data
COPY --from=build /src/superdesk /app/superdesk
ENV DATA_DIR=/data \
  HOST=0.0.0.0 \
  PORT=5000 \
  WS_HOST=0.0.0.0 \
  WS_PORT=5100
USER superdesk
WORKDIR /app
VOLUME ["/data"]
EXPOSE 5000 5100
ENTRYPOINT ["/app/superdesk"]
CMD ["--role=all"]
