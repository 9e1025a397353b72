-- KEYS: expiry. ARGV: name key, max members. Returns 'taken', 'full' or 'ok', counting live presence only.
local now = now_ms()
local expires = redis.call('ZSCORE', KEYS[1], ARGV[1])
if expires and tonumber(expires) > now then return 'taken' end
if redis.call('ZCOUNT', KEYS[1], '(' .. int(now), '+inf') >= tonumber(ARGV[2]) then return 'full' end
return 'ok'
