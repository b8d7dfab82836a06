#!/usr/bin/env bash
# Runs the adapters/postgres module's tests against a real, throwaway
# PostgreSQL server.
#
# Installs PostgreSQL with apt-get if no server binaries are found, creates a
# cluster in a temporary directory owned by an unprivileged user, starts it
# on a free loopback port, exports GONGZHI_POSTGRES_URL (and
# GONGZHI_POSTGRES_RESTART, a command the durability test uses to crash and
# restart the server), runs the command given as arguments (by default
# `go test -race -count=1 ./...` in adapters/postgres), and always stops the
# cluster and removes its directory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '[postgres] %s\n' "$*"; }

pg_bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
		echo "$d"
	fi
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo "$@"
	fi
}

PGBIN=$(pg_bindir)
if [ -z "$PGBIN" ]; then
	log "PostgreSQL server not found; installing it with apt-get"
	# Do not let the Debian package create and start its own main cluster:
	# this script runs its own throwaway one.
	as_root mkdir -p /etc/postgresql-common/createcluster.d
	echo 'create_main_cluster = false' | as_root tee /etc/postgresql-common/createcluster.d/gongzhi-ci.conf >/dev/null
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null
	PGBIN=$(pg_bindir)
	if [ -z "$PGBIN" ]; then
		echo "postgres.sh: PostgreSQL installed but no server under /usr/lib/postgresql/*/bin" >&2
		exit 1
	fi
fi
log "server binaries: $PGBIN ($("$PGBIN/postgres" --version))"

# The server refuses to run as root: run it as an unprivileged user.
if [ "$(id -u)" -eq 0 ]; then
	PGUSER_OS=postgres
	if ! id "$PGUSER_OS" >/dev/null 2>&1; then
		PGUSER_OS=gongzhi-pg
		if ! id "$PGUSER_OS" >/dev/null 2>&1; then
			useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
		fi
	fi
	as_pg() { runuser -u "$PGUSER_OS" -- "$@"; }
else
	PGUSER_OS=$(id -un)
	as_pg() { "$@"; }
fi

# A free loopback port: try random ones until nothing answers.
PORT=""
for _ in $(seq 1 50); do
	candidate=$((20000 + RANDOM % 40000))
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
		PORT=$candidate
		break
	fi
done
if [ -z "$PORT" ]; then
	echo "postgres.sh: no free loopback port found" >&2
	exit 1
fi

PGTMP=$(mktemp -d /tmp/gongzhi-pg.XXXXXX)
chmod 755 "$PGTMP"
chown "$PGUSER_OS" "$PGTMP"
DATA="$PGTMP/data"
PGLOG="$PGTMP/server.log"

cleanup() {
	local rc=$?
	if [ -f "$DATA/postmaster.pid" ]; then
		log "stopping the cluster"
		as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 ||
			as_pg "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	if [ "$rc" -ne 0 ] && [ -f "$PGLOG" ]; then
		log "last server log lines:"
		tail -n 30 "$PGLOG" || true
	fi
	rm -rf "$PGTMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "initdb in $DATA as $PGUSER_OS"
as_pg "$PGBIN/initdb" -D "$DATA" -U gongzhi --auth=trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null 2>&1 ||
	as_pg "$PGBIN/initdb" -D "$DATA" -U gongzhi --auth=trust -E UTF8 --no-locale >/dev/null

PGOPTS="-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP -c max_connections=300 -c shared_buffers=128MB"
START_CMD=("$PGBIN/pg_ctl" -D "$DATA" -l "$PGLOG" -w -t 60 -o "$PGOPTS")
as_pg "${START_CMD[@]}" start >/dev/null
log "cluster up on 127.0.0.1:$PORT"

# Create the test database over TCP as the cluster's superuser.
"$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U gongzhi -d postgres -c 'CREATE DATABASE gongzhi' >/dev/null

export GONGZHI_POSTGRES_URL="postgres://gongzhi@127.0.0.1:$PORT/gongzhi?sslmode=disable"
# A crash (immediate stop: no checkpoint, WAL replay on start) and restart,
# for the test that checks that acknowledged writes survive.
if [ "$(id -u)" -eq 0 ]; then
	RUNAS="runuser -u $PGUSER_OS -- "
else
	RUNAS=""
fi
export GONGZHI_POSTGRES_RESTART="${RUNAS}$PGBIN/pg_ctl -D $DATA -l $PGLOG -w -t 60 -m immediate -o '$PGOPTS' restart"

# With arguments, run that command (from the repository root) while the
# server is up; without, the adapter's own tests.
set +e
if [ "$#" -gt 0 ]; then
	log "running with the server up: $*"
	"$@" 2>&1 | tee "$PGTMP/gotest.out"
	status=${PIPESTATUS[0]}
else
	log "go test -race -count=1 ./... in adapters/postgres"
	(cd "$ROOT/adapters/postgres" && go test -race -count=1 ./...) 2>&1 | tee "$PGTMP/gotest.out"
	status=${PIPESTATUS[0]}
fi
set -e
log "exit status $status"
exit "$status"
