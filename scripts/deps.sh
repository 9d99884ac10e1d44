#!/usr/bin/env bash
# deps.sh run|test — make sure the system packages Prophasis needs are there.
#
#   run:  PostgreSQL 15+ (the embedded database of `prophasis up`)
#   test: PostgreSQL, Chromium (browser tests), Monitoring Plugins (Nagios
#         plugin tests)
#
# As root on Debian/Ubuntu, missing packages are installed with apt-get
# (quietly; installed ones are skipped). Otherwise the script says what to
# install. A missing PostgreSQL is fatal; the others only warn, because the
# tests that need them say so themselves.
set -euo pipefail

want=${1:-run}
case "$want" in run | test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

have_postgresql() {
	local d
	for d in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin; do
		[[ -x $d/initdb && -x $d/postgres && ${d//[^0-9]/} -ge 15 ]] && return 0
	done
	command -v initdb >/dev/null && command -v postgres >/dev/null
}
have_chromium() { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; }
have_plugins() { [[ -x /usr/lib/nagios/plugins/check_disk || -x /usr/lib/monitoring-plugins/check_disk ]]; }

missing=()
have_postgresql || missing+=(postgresql)
if [[ $want == test ]]; then
	have_chromium || missing+=(chromium)
	have_plugins || missing+=(monitoring-plugins)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
	echo "deps: installing ${missing[*]} (apt-get)" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	exit 0
fi

cat >&2 <<MSG
deps: missing system packages: ${missing[*]}
  Debian/Ubuntu:  sudo apt-get install ${missing[*]}
  Fedora/RHEL:    sudo dnf install postgresql-server chromium nagios-plugins-all
  macOS:          brew install postgresql@17 chromium monitoring-plugins
(run as root on Debian/Ubuntu and this script installs them itself)
MSG
if [[ " ${missing[*]} " == *" postgresql "* ]]; then
	echo "deps: PostgreSQL is required (or give prophasis an existing server with --db)" >&2
	exit 1
fi
