-- KEYS: expiry, ban. ARGV: name key, max members. Returns 'banned', 'taken', 'full' or 'ok', counting live presence
-- only.
local now = now_ms()
if redis.call('EXISTS', KEYS[2]) == 1 then return 'banned' end
local expires = redis.call('ZSCORE', KEYS[1], ARGV[1])
if expires and tonumber(expires) > now then return 'taken' end
if redis.call('ZCOUNT', KEYS[1], '(' .. int(now), '+inf') >= tonumber(ARGV[2]) then return 'full' end
return 'ok'
