-- Uplink: 1 is up, anything else is down.
if result.value == nil then
  return "unknown", result.message
end
if result.value < 1 then
  return "critical", result.message
end
return "ok", result.message
