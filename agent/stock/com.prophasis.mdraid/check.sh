#!/bin/sh
# Degraded MD arrays. PROPHASIS_MDSTAT overrides /proc/mdstat (tests).
mdstat=${PROPHASIS_MDSTAT:-/proc/mdstat}
if [ ! -r "$mdstat" ]; then
	echo '{"value": null, "message": "no /proc/mdstat: md driver not loaded"}'
	exit 0
fi
awk '
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
	if (name == "") return
	arrays++
	bad = (members ~ /_/) || failed > 0 || state != "active"
	if (bad) degraded++
	line = name " " level " " members (bad ? " degraded" : " ok")
	if (failed > 0) line = line ", " failed " failed device" (failed > 1 ? "s" : "")
	if (action != "") line = line ", " action " " progress
	msg = msg (msg == "" ? "" : "; ") line
	name = ""
}
/^md[^ ]* *: / {
	flush()
	name = $1; state = $3; level = (state == "active" ? $4 : "inactive"); members = ""; action = ""; progress = ""
	failed = gsub(/\(F\)/, "&")
	next
}
name != "" {
	for (i = 1; i <= NF; i++) {
		if ($i ~ /^\[[U_]+\]$/) members = $i
		if ($i ~ /^(recovery|resync|reshape|check)$/) action = $i
		if (action != "" && progress == "" && $i ~ /%$/) progress = $i
	}
}
END {
	flush()
	if (arrays == 0) { print "{\"value\": 0, \"message\": \"no md arrays\"}"; exit }
	printf "{\"value\": %d, \"message\": \"%s\"}\n", degraded, esc(msg)
}' "$mdstat"
