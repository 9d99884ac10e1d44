#!/bin/sh
# Memory used %. PROPHASIS_MEMINFO overrides /proc/meminfo (tests).
meminfo=${PROPHASIS_MEMINFO:-/proc/meminfo}
if [ ! -r "$meminfo" ]; then
	echo '{"value": null, "message": "memory usage needs /proc/meminfo"}'
	exit 0
fi
awk '
/^MemTotal:/ { total = $2 }
/^MemAvailable:/ { avail = $2; have = 1 }
/^MemFree:/ { free = $2 }
/^Buffers:/ { buffers = $2 }
/^Cached:/ { cached = $2 }
END {
	if (!have) avail = free + buffers + cached
	if (total <= 0) { print "{\"value\": null, \"message\": \"no MemTotal in meminfo\"}"; exit }
	used = total - avail
	printf "{\"value\": %.2f, \"message\": \"%.0f of %.0f MiB used\"}\n", used / total * 100, used / 1024, total / 1024
}' "$meminfo"
