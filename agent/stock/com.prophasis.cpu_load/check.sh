#!/bin/sh
# CPU load as a percentage of the online cores. PROPHASIS_LOADAVG and
# PROPHASIS_NCPU override the sources (tests).
loadavg=${PROPHASIS_LOADAVG:-/proc/loadavg}
if [ -r "$loadavg" ]; then
	read -r l1 l5 l15 _ < "$loadavg"
elif command -v sysctl >/dev/null 2>&1; then
	# shellcheck disable=SC2046
	set -- $(sysctl -n vm.loadavg | tr -d '{}')
	l1=$1 l5=$2 l15=$3
else
	echo '{"value": null, "message": "no load average available on this system"}'
	exit 0
fi
cores=${PROPHASIS_NCPU:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 1)}
awk -v l1="$l1" -v l5="$l5" -v l15="$l15" -v n="$cores" 'BEGIN {
	n = int(n + 0); if (n < 1) n = 1
	printf "{\"value\": %.2f, \"message\": \"load %.2f %.2f %.2f on %d cores\"}\n", (l1 + 0) / n * 100, l1 + 0, l5 + 0, l15 + 0, n
}'
