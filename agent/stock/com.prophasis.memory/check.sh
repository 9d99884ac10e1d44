#!/bin/sh
# Memory used %. Linux reads /proc/meminfo (PROPHASIS_MEMINFO overrides it);
# FreeBSD reads sysctl counters (PROPHASIS_SYSCTL_MEM names a file with the
# output of the sysctl command below, for tests).
meminfo=${PROPHASIS_MEMINFO:-/proc/meminfo}
if [ -z "${PROPHASIS_SYSCTL_MEM:-}" ] && [ -r "$meminfo" ]; then
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
	exit 0
fi
if [ -n "${PROPHASIS_SYSCTL_MEM:-}" ]; then
	counters=$(cat "$PROPHASIS_SYSCTL_MEM")
elif command -v sysctl >/dev/null 2>&1; then
	# Free memory on FreeBSD: free + inactive + laundry pages (cache pages on old releases).
	counters=$(sysctl hw.physmem hw.pagesize vm.stats.vm.v_free_count vm.stats.vm.v_inactive_count \
		vm.stats.vm.v_laundry_count vm.stats.vm.v_cache_count 2>/dev/null)
else
	echo '{"value": null, "message": "no /proc/meminfo and no sysctl"}'
	exit 0
fi
printf '%s\n' "$counters" | awk -F': ' '
$1 == "hw.physmem" { total = $2 }
$1 == "hw.pagesize" { page = $2 }
$1 ~ /^vm\.stats\.vm\.v_(free|inactive|laundry|cache)_count$/ { pages += $2 }
END {
	if (total <= 0 || page <= 0) { print "{\"value\": null, \"message\": \"no hw.physmem or hw.pagesize from sysctl\"}"; exit }
	used = total - pages * page
	printf "{\"value\": %.2f, \"message\": \"%.0f of %.0f MiB used\"}\n", used / total * 100, used / 1048576, total / 1048576
}'
