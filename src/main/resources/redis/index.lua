-- KEYS: rooms (sorted set: room -> until when a node vouched for members there, ms). ARGV: ttl ms, then rooms. Lists
-- the rooms for a TTL more (never shortening another node's vouching), drops the ones no node vouched for within a TTL,
-- and keeps the key itself a TTL after the last write.
local now = now_ms()
local ttl = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'GT', now + ttl, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ttl)
return #ARGV - 1
