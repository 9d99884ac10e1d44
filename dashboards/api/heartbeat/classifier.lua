-- Heartbeats: value 1 means a heartbeat arrived, 0 that none arrived
-- within the expected period (the message says how long it has been).
if result.value ~= nil and result.value >= 1 then return "ok" end
return "critical", result.message
