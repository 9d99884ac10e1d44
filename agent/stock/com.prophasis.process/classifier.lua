-- Process running: none is critical. Copy this into a per-check override
-- to require several workers.
if result.value == nil then
  return "unknown", result.message
end
if result.value < 1 then
  return "critical", result.message
end
return "ok"
