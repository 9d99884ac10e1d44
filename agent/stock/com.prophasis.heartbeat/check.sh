#!/bin/sh
# Heartbeat: proves the agent can start a process and answer.
echo '{"value": 1, "message": "alive"}'
