-- KEYS: members, expiry, seq, history, ban (the joiner's). ARGV: channel, room, node, leave prefix, name key, member id, member JSON, join
-- frame, ttl ms, max members, history size, since ('' for none), retention ms. Returns {'taken'}, {'full'}, or {'ok',
-- seq, member entries, history entries newest first, resume status ('' | 'recovered' | 'too_old' | 'unknown')}, or
-- {'banned'} while the name is banned from the room.
local now = now_ms()
local function retain()
  expire(ARGV[9], {KEYS[1], KEYS[2]})
  expire(ARGV[13], {KEYS[3], KEYS[4]})
end
purge(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], now)
if redis.call('EXISTS', KEYS[5]) == 1 then retain() return {'banned'} end
if redis.call('HEXISTS', KEYS[1], ARGV[5]) == 1 then retain() return {'taken'} end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[10]) then retain() return {'full'} end
local seq = announce(ARGV[1], ARGV[2], KEYS[3], 'join', ARGV[6], ARGV[3], '', ARGV[8])
redis.call('HSET', KEYS[1], ARGV[5], ARGV[6] .. '\t' .. int(seq) .. '\t' .. ARGV[7])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[9]), ARGV[5])
retain()
local size = tonumber(ARGV[11])
local since = ARGV[12]
if since == '' then
  return {'ok', seq, redis.call('HVALS', KEYS[1]), redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', size), ''}
end
local entries = redis.call('XREVRANGE', KEYS[4], '+', '(' .. since, 'COUNT', size + 1)
local status = 'recovered'
if #entries > size then
  status = 'too_old'
  table.remove(entries)
elseif redis.call('EXISTS', KEYS[4]) == 0 then
  if since ~= '0-0' then status = 'unknown' end
else
  -- Trimming moves the first entry: if entries were ever removed and since is older than the first one
  -- kept, some of what came after since may be gone (or not: the answer errs on the safe side).
  local info = redis.call('XINFO', 'STREAM', KEYS[4])
  local f = {}
  for i = 1, #info, 2 do f[info[i]] = info[i + 1] end
  if compare_ids(since, f['last-generated-id']) > 0 then
    status = 'unknown'
  elseif compare_ids(since, f['recorded-first-entry-id']) < 0 then
    if tonumber(f['entries-added']) > tonumber(f['length']) then
      status = 'too_old'
    elseif since ~= '0-0' then
      -- Nothing was trimmed, yet the id is older than the first entry: it is from before this stream began (the
      -- room's keys expired meanwhile) or from elsewhere.
      status = 'unknown'
    end
  end
end
return {'ok', seq, redis.call('HVALS', KEYS[1]), entries, status}
