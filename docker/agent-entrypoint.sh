#!/bin/sh
# First start: create the key and certificate (init prints the access key and
# fingerprint once; read them with `docker compose logs agent`). Later starts
# reuse them, so the fingerprint pinned by the core stays valid.
set -eu
config=/etc/prophasis-agent/agent.yaml
if [ ! -f "$config" ]; then
	prophasis-agent init --config "$config" --host "${AGENT_HOSTNAME:-$(hostname)}" --host localhost --host 127.0.0.1
fi
exec prophasis-agent run --config "$config" "$@"
