#!/usr/bin/env bash
# Makes sure the server binaries the integration tests start are installed: redis-server (and
# openssl, which makes the certificates of the TLS tests), PostgreSQL (initdb, pg_ctl), Ruby's
# Sidekiq (to check that Sidekiq reads our jobs) and Chromium (the web UI's browser test drives
# it headless). Installs what is missing with apt-get when
# running as root on a
# Debian-like machine; otherwise says exactly what to install. The tests start and stop their own
# servers on 127.0.0.1 (random ports, temporary directories); nothing is left running.
# Usage: scripts/install-services.sh [redis] [postgres] [sidekiq] [chromium]   (no argument: all)
set -euo pipefail

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(redis postgres sidekiq chromium)

have_redis() { command -v redis-server >/dev/null 2>&1; }
chromium_bin() {
  local b
  for b in chromium chromium-browser google-chrome; do
    command -v "$b" 2>/dev/null && return 0
  done
  return 1
}
pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

missing=()
for service in "${want[@]}"; do
  case "$service" in
    redis) have_redis || missing+=(redis-server)
           command -v openssl >/dev/null 2>&1 || missing+=(openssl) ;; # certificates for RedisTlsIT
    postgres) pg_bin >/dev/null || missing+=(postgresql) ;;
    sidekiq) ruby -e 'require "sidekiq/api"' >/dev/null 2>&1 || missing+=(ruby-sidekiq) ;;
    chromium) chromium_bin >/dev/null || missing+=(chromium) ;; # ConsumersBrowserIT (karafka-web)
    *) echo "install-services: unknown service '$service' (known: redis, postgres, sidekiq, chromium)" >&2; exit 2 ;;
  esac
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-services: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "install-services: the integration tests need ${missing[*]}; install them (e.g. 'sudo apt-get install ${missing[*]}') and run the tests again" >&2
    exit 1
  fi
fi
for service in "${want[@]}"; do
  case "$service" in
    redis) echo "redis-server: $(command -v redis-server)" >&2 ;;
    postgres) echo "postgres: $(pg_bin)" >&2 ;;
    sidekiq) echo "sidekiq: $(ruby -e 'require "sidekiq"; print Sidekiq::VERSION')" >&2 ;;
    chromium) echo "chromium: $(chromium_bin)" >&2 ;;
  esac
done
