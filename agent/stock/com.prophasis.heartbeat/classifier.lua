-- Heartbeat: any answer means the host is up; connection errors and
-- timeouts never reach a classifier as a value of 1.
if result.value == 1 then
  return "ok"
end
return "critical", "no heartbeat: " .. tostring(result.message)
