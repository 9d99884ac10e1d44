-- SMART: a failing self-assessment means the disk expects to die soon.
if result.value == nil then
  return "unknown", result.message
end
if result.value < 1 then
  return "critical", result.message
end
return "ok"
