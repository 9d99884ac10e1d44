#!/bin/sh
# SMART health via smartctl -H -d TYPE DEVICE. PROPHASIS_SMARTCTL_OUTPUT names
# a file with captured smartctl output and PROPHASIS_SMARTCTL_STATUS its exit
# status (tests).
fail() {
	printf '{"value": null, "message": "%s"}\n' "$1"
	exit 0
}
device=${PROPHASIS_ARG_DEVICE:-}
type=${PROPHASIS_ARG_TYPE:-auto}
case "$device" in
/dev/*) ;;
*) fail "argument device must be a path under /dev" ;;
esac
case "$type" in
'' | *[!A-Za-z0-9_,+-]*) fail "argument type is not a smartctl -d type" ;;
esac
if [ -n "${PROPHASIS_SMARTCTL_OUTPUT:-}" ]; then
	out=$(cat "$PROPHASIS_SMARTCTL_OUTPUT")
	rc=${PROPHASIS_SMARTCTL_STATUS:-0}
elif command -v smartctl >/dev/null 2>&1; then
	out=$(smartctl -H -d "$type" "$device" 2>&1)
	rc=$?
else
	fail "smartctl not found (install smartmontools)"
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
/SMART overall-health self-assessment test result:|SMART Health Status:/ { health = $0; sub(/^.*: */, "", health) }
/^Smartctl open device:|^Read Device Identity failed|[Uu]nable to detect device type|^Please specify device type|^=======>/ { if (problem == "") problem = $0 }
END {
	device = ENVIRON["PROPHASIS_ARG_DEVICE"]
	failing = int(rc / 8) % 2
	if (health ~ /^(PASSED|OK)/ && !failing) { printf "{\"value\": 1, \"message\": \"%s: %s\"}\n", esc(device), esc(health); exit }
	if (health != "" || failing) {
		if (health == "") health = "smartctl reports DISK FAILING"
		printf "{\"value\": 0, \"message\": \"%s: %s\"}\n", esc(device), esc(health)
		exit
	}
	if (problem == "") problem = "no health line in smartctl output (exit status " rc ")"
	printf "{\"value\": null, \"message\": \"%s: %s\"}\n", esc(device), esc(problem)
}'
