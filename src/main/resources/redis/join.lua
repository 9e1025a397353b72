-- KEYS: members, expiry, seq, history, ban (the joiner's), sessions, counts, left, edits, reactions, read (the
-- message state, renewed with the history). ARGV: channel, room, node, leave
-- prefix, name key, person id, person JSON, join frame, ttl ms, max members, history size, since ('' for none),
-- retention ms, session id. A person's first session adds the person and announces it; a later one (or the same one
-- again) only counts, and the seq returned is the room's last. Returns {'banned'} while the name is banned from the
-- room, {'taken'} (another person holds the name), {'full'}, or {'ok', seq, member entries, history entries newest
-- first, resume status ('' | 'recovered' | 'too_old' | 'unknown'), 'person id TAB sessions' per member}.
local now = now_ms()
local key, person, session = ARGV[5], ARGV[6], ARGV[5] .. '\t' .. ARGV[14]
local function retain()
  expire(ARGV[9], {KEYS[1], KEYS[2], KEYS[6], KEYS[7]})
  expire(ARGV[13], {KEYS[3], KEYS[4], KEYS[9], KEYS[10], KEYS[11]})
end
purge({members = KEYS[1], expiry = KEYS[2], sessions = KEYS[6], counts = KEYS[7], seq = KEYS[3], channel = ARGV[1],
  room = ARGV[2], node = ARGV[3], leave_prefix = ARGV[4]}, now)
if redis.call('EXISTS', KEYS[5]) == 1 then retain() return {'banned'} end
local entry = redis.call('HGET', KEYS[1], key)
if entry and not owned_by(entry, person) then retain() return {'taken'} end
local deadline = now + tonumber(ARGV[9])
local seq
if entry then
  seq = tonumber(redis.call('GET', KEYS[3]) or '0')
  if redis.call('ZADD', KEYS[6], deadline, session) == 1 then redis.call('HINCRBY', KEYS[7], key, 1) end
else
  if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[10]) then retain() return {'full'} end
  seq = announce(ARGV[1], ARGV[2], KEYS[3], 'join', person, ARGV[3], '', ARGV[8])
  redis.call('HSET', KEYS[1], key, person .. '\t' .. int(seq) .. '\t' .. ARGV[7])
  redis.call('ZADD', KEYS[6], deadline, session)
  redis.call('HSET', KEYS[7], key, 1)
end
redis.call('ZADD', KEYS[2], deadline, key)
redis.call('ZREM', KEYS[8], ARGV[14]) -- no longer a leaver that a refresh must not bring back
retain()
local entries, sessions = {}, {}
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  table.insert(entries, fields[i + 1])
  local count = redis.call('HGET', KEYS[7], fields[i]) or '1'
  table.insert(sessions, string.match(fields[i + 1], '^[^\t]*') .. '\t' .. count)
end
local size = tonumber(ARGV[11])
local since = ARGV[12]
if since == '' then
  return {'ok', seq, entries, redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', size), '', sessions}
end
local messages = redis.call('XREVRANGE', KEYS[4], '+', '(' .. since, 'COUNT', size + 1)
local status = 'recovered'
if #messages > size then
  status = 'too_old'
  table.remove(messages)
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
return {'ok', seq, entries, messages, status, sessions}
