#!/bin/sh
# ZFS pools not healthy. PROPHASIS_ZPOOL_STATUS names a file with captured
# `zpool status` output (tests). zpool can hang on a dying pool: the agent's
# timeout (30 s in the manifest) kills it with its children.
if [ -n "${PROPHASIS_ZPOOL_STATUS:-}" ]; then
	out=$(cat "$PROPHASIS_ZPOOL_STATUS")
	rc=0
elif command -v zpool >/dev/null 2>&1; then
	out=$(zpool status 2>&1)
	rc=$?
else
	echo '{"value": null, "message": "zpool not found"}'
	exit 0
fi
printf '%s\n' "$out" | awk -v rc="$rc" '
# esc makes s safe inside a JSON string; char by char because awks disagree
# on backslashes in gsub replacements.
function esc(s,  out, i, c) {
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"") out = out "\\" c
		else if (c < " ") out = out " "
		else out = out c
	}
	return out
}
function flush(  bad, line) {
	if (pool == "") return
	pools++
	bad = state != "ONLINE" || (errors != "" && errors != "No known data errors")
	if (bad) unhealthy++
	line = pool " " state
	if (errors != "" && errors != "No known data errors") line = line " (" errors ")"
	msg = msg (msg == "" ? "" : "; ") line
	pool = ""
}
/^ *pool: / { flush(); pool = $2; state = "UNKNOWN"; errors = ""; next }
/^ *state: / { state = $2; next }
/^errors: / { errors = substr($0, 9) }
END {
	flush()
	if (pools == 0) {
		if (rc != 0) { printf "{\"value\": null, \"message\": \"zpool status failed: %s\"}\n", esc(substr($0, 1, 200)); exit }
		print "{\"value\": 0, \"message\": \"no pools available\"}"
		exit
	}
	printf "{\"value\": %d, \"message\": \"%s\"}\n", unhealthy, esc(msg)
}'
