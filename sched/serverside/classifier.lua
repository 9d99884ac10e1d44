-- Server-side checks report like Nagios plugins: exit code 0 ok,
-- 1 warning (e.g. a certificate close to expiry), 2 critical (the target
-- is down, answered wrongly, or its certificate is invalid), 3 unknown.
-- result.value is the latency in milliseconds: override this classifier
-- per check to add latency thresholds.
if result.exit_code == 0 then
  return "ok"
elseif result.exit_code == 1 then
  return "minor", result.message
elseif result.exit_code == 2 then
  return "critical", result.message
end
return "unknown", result.message
