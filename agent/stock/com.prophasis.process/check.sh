#!/bin/sh
# Number of processes named $PROPHASIS_ARG_NAME. PROPHASIS_PS_OUTPUT names a
# file with captured `ps -A -o comm=` output (tests).
if [ -z "${PROPHASIS_ARG_NAME:-}" ]; then
	echo '{"value": null, "message": "argument name is required"}'
	exit 0
fi
if [ -n "${PROPHASIS_PS_OUTPUT:-}" ]; then
	list=$(cat "$PROPHASIS_PS_OUTPUT")
else
	list=$(ps -A -o comm=)
fi
printf '%s\n' "$list" | awk '
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
BEGIN { name = ENVIRON["PROPHASIS_ARG_NAME"]; short = substr(name, 1, 15) }
{
	sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "")
	if ($0 == name || (length(name) > 15 && $0 == short)) n++
}
END { printf "{\"value\": %d, \"message\": \"%d process%s named %s\"}\n", n, n, (n == 1 ? "" : "es"), esc(name) }'
