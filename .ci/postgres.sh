#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL, and creates the database the read-model suite
# runs against. Prints the JDBC URL to use as ANTE_TEST_POSTGRES_URL.
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
cluster=$(pg_lsclusters --no-header | head -n 1)
version=$(echo "$cluster" | awk '{print $1}')
name=$(echo "$cluster" | awk '{print $2}')
port=$(echo "$cluster" | awk '{print $3}')
if ! echo "$cluster" | grep -q online; then
  pg_ctlcluster "$version" "$name" start >&2
fi
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -p $port"; then break; fi
  sleep 1
done
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname = 'ante'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c \"CREATE ROLE ante LOGIN PASSWORD 'ante'\"" >&2
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname = 'ante_test'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c 'CREATE DATABASE ante_test OWNER ante'" >&2
echo "jdbc:postgresql://127.0.0.1:$port/ante_test?user=ante&password=ante"
