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
-- Members whose node stopped vouching for them leave, announced like any leave.
local function purge(members, expiry, seq_key, channel, room, node, leave_prefix, now)
  for _, key in ipairs(redis.call('ZRANGEBYSCORE', expiry, '-inf', now)) do
    local entry = redis.call('HGET', members, key)
    redis.call('HDEL', members, key)
    redis.call('ZREM', expiry, key)
    if entry then
      local id, _, json = string.match(entry, '^([^\t]*)\t([^\t]*)\t(.*)$')
      announce(channel, room, seq_key, 'leave', id, node, '', leave_prefix .. json .. ',"ts":' .. int(now) .. '}')
    end
  end
end
local function compare_ids(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  if am ~= bm then return am < bm and -1 or 1 end
  if as ~= bs then return as < bs and -1 or 1 end
  return 0
end
