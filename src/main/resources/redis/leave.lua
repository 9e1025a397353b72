-- KEYS: members, expiry, seq, left, history. ARGV: channel, room, node, name key, member id, leave frame, ttl ms,
-- retention ms. Returns 1, or 0 when the member was not listed (expired, say). Either way it leaves a tombstone, so
-- that a refresh its node sent before the leave cannot list the member again.
local now = now_ms()
local ttl = tonumber(ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
redis.call('ZADD', KEYS[4], now + ttl, ARGV[5])
redis.call('PEXPIRE', KEYS[4], ttl)
local entry = redis.call('HGET', KEYS[1], ARGV[4])
if not owned_by(entry, ARGV[5]) then return 0 end
redis.call('HDEL', KEYS[1], ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[4])
announce(ARGV[1], ARGV[2], KEYS[3], 'leave', ARGV[5], ARGV[3], '', ARGV[6])
expire(ARGV[8], {KEYS[3], KEYS[5]})
return 1
