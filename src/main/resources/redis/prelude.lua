-- Functions every script starts with (RedisScripts prepends this file to each).
-- Lua 5.1 numbers are doubles: print them as integers, never as 1.7e+15.
local function int(n)
  return string.format('%d', n)
end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
-- A room's event numbers only grow, also when Redis lost its data: they never fall below its clock (us).
local function announce(channel, room, seq_key, kind, member_id, node, message_id, frame)
  local seq = redis.call('INCR', seq_key)
  local floor = now_ms() * 1000
  if seq < floor then
    seq = floor
    redis.call('SET', seq_key, seq)
  end
  redis.call('PUBLISH', channel, room .. '\n' .. int(seq) .. '\n' .. kind .. '\n' .. member_id .. '\n'
    .. node .. '\n' .. message_id .. '\n' .. frame)
  return seq
end
-- Every key a script writes expires: presence a TTL after the room's last join or renewal, the event counter and the
-- history chat.history.retention after the room's last event or renewal. PEXPIRE skips a key that does not exist.
local function expire(ms, keys)
  for _, key in ipairs(keys) do redis.call('PEXPIRE', key, ms) end
end
local function owned_by(entry, member_id)
  return entry and string.sub(entry, 1, #member_id + 1) == member_id .. '\t'
end
-- A room's presence keys and what its LEAVE events need: {members, expiry, sessions, counts, seq, channel, room, node,
-- leave_prefix}. members: name key -> 'person id TAB join seq TAB person JSON'; expiry: name key -> deadline (its
-- newest session's); sessions: 'name key TAB session id' -> deadline; counts: name key -> live sessions.
-- A person leaves: out of the roster, announced like any leave when it was listed.
local function drop_person(p, key, now)
  local entry = redis.call('HGET', p.members, key)
  redis.call('HDEL', p.members, key)
  redis.call('ZREM', p.expiry, key)
  redis.call('HDEL', p.counts, key)
  if entry then
    local id, _, json = string.match(entry, '^([^\t]*)\t([^\t]*)\t(.*)$')
    announce(p.channel, p.room, p.seq, 'leave', id, p.node, '', p.leave_prefix .. json .. ',"ts":' .. int(now) .. '}')
  end
end
-- Sessions whose node stopped vouching for them end; a person whose last session ended leaves. A person's expiry is
-- its newest session's, so a person that expired has no live session left (the second loop is a safety net).
local function purge(p, now)
  for _, session in ipairs(redis.call('ZRANGEBYSCORE', p.sessions, '-inf', now)) do
    redis.call('ZREM', p.sessions, session)
    local key = string.match(session, '^(.*)\t[^\t]*$')
    if redis.call('HINCRBY', p.counts, key, -1) <= 0 then drop_person(p, key, now) end
  end
  for _, key in ipairs(redis.call('ZRANGEBYSCORE', p.expiry, '-inf', now)) do drop_person(p, key, now) end
end
local function compare_ids(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  if am ~= bm then return am < bm and -1 or 1 end
  if as ~= bs then return as < bs and -1 or 1 end
  return 0
end
-- Message state (edits, reactions, read markers) lives in hashes next to the stream, whose entries never change.
-- The stream entry of message id ({id, {field, value, ...}}), or nil when the stream does not hold it.
local function entry_of(stream, id)
  return redis.call('XRANGE', stream, id, id)[1]
end
local function field_of(entry, name)
  local values = entry[2]
  for i = 1, #values, 2 do
    if values[i] == name then return values[i + 1] end
  end
end
-- Whether the author deleted message id (its edits field is a tombstone).
local function is_tombstone(edits, id)
  local state = redis.call('HGET', edits, id)
  return state and cjson.decode(state).deleted == true
end
-- Keeps a state hash bounded: once it holds more than limit fields, the ones about messages older than the stream's
-- first entry (trimmed away) go. by_value: the message id is the field's value (read markers), else its name. With
-- only_stale false, if none was stale, the field with the oldest message goes too, so the hash never exceeds limit + 1.
local function prune(hash, stream, limit, by_value, only_stale)
  if redis.call('HLEN', hash) <= limit then return end
  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
  local fields = redis.call('HGETALL', hash)
  local dropped, oldest = 0, nil
  for i = 1, #fields, 2 do
    local id = by_value and fields[i + 1] or fields[i]
    if not first or compare_ids(id, first[1]) < 0 then
      redis.call('HDEL', hash, fields[i])
      dropped = dropped + 1
    elseif not oldest or compare_ids(id, by_value and fields[oldest + 1] or fields[oldest]) < 0 then
      oldest = i
    end
  end
  if dropped == 0 and not only_stale and oldest then redis.call('HDEL', hash, fields[oldest]) end
end
