#!/bin/sh
# Disk used % of the file system holding $PROPHASIS_ARG_MOUNT.
# PROPHASIS_DF_OUTPUT names a file with captured `df -P -k` output (tests).
mount=${PROPHASIS_ARG_MOUNT:-/}
if [ -n "${PROPHASIS_DF_OUTPUT:-}" ]; then
	out=$(cat "$PROPHASIS_DF_OUTPUT")
	rc=0
else
	out=$(df -P -k "$mount" 2>&1)
	rc=$?
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
NR == 1 { first = $0 }
NR == 2 {
	used = $3; avail = $4; mp = $6
	for (i = 7; i <= NF; i++) mp = mp " " $i
}
END {
	if (rc != 0 || used + avail <= 0) {
		printf "{\"value\": null, \"message\": \"df failed for %s: %s\"}\n", esc(ENVIRON["PROPHASIS_ARG_MOUNT"]), esc(first)
		exit
	}
	printf "{\"value\": %.2f, \"message\": \"%s: %.1f of %.1f GiB used\"}\n", used / (used + avail) * 100, esc(mp), used / 1048576, (used + avail) / 1048576
}'
