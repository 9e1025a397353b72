-- KEYS: history, seq, edits, reactions, read. ARGV: channel, room, node, person id, message id, emoji, on ('1' puts,
-- '0' takes back), max different emoji per message, reaction frame, retention ms. A message's reactions are one field
-- of the reactions hash: [[emoji, [person ids in order of reacting]], ...], emoji in order of first use; an emoji
-- nobody has left goes, and so does the field when none is left. Returns 'not_found' (no such message, or a
-- tombstone), 'unchanged' (it was so already: nothing announced), 'too_many_emoji' (a new emoji on a message with the
-- maximum) or 'done'.
if not entry_of(KEYS[1], ARGV[5]) or is_tombstone(KEYS[3], ARGV[5]) then return 'not_found' end
local person, emoji = ARGV[4], ARGV[6]
local stored = redis.call('HGET', KEYS[4], ARGV[5])
local reactions = stored and cjson.decode(stored) or {}
local at
for i, pair in ipairs(reactions) do
  if pair[1] == emoji then at = i break end
end
local who
if at then
  for i, id in ipairs(reactions[at][2]) do
    if id == person then who = i break end
  end
end
if ARGV[7] == '1' then
  if who then return 'unchanged' end
  if at then
    table.insert(reactions[at][2], person)
  elseif #reactions >= tonumber(ARGV[8]) then
    return 'too_many_emoji'
  else
    table.insert(reactions, {emoji, {person}})
  end
else
  if not who then return 'unchanged' end
  table.remove(reactions[at][2], who)
  if #reactions[at][2] == 0 then table.remove(reactions, at) end
end
if #reactions == 0 then
  redis.call('HDEL', KEYS[4], ARGV[5])
else
  redis.call('HSET', KEYS[4], ARGV[5], cjson.encode(reactions))
end
announce(ARGV[1], ARGV[2], KEYS[2], 'reaction', person, ARGV[3], ARGV[5], ARGV[9])
prune(KEYS[4], KEYS[1], redis.call('XLEN', KEYS[1]), false, true)
expire(ARGV[10], KEYS)
return 'done'
