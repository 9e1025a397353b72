-- KEYS: members, expiry. Returns the member entries (memberId TAB joinSeq TAB memberJson) whose presence is live.
local now = now_ms()
local live = {}
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  local expires = redis.call('ZSCORE', KEYS[2], fields[i])
  if expires and tonumber(expires) > now then table.insert(live, fields[i + 1]) end
end
return live
