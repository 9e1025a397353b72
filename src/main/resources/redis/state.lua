-- KEYS: edits, reactions, read. ARGV: person id ('' for none), retention ms, then message ids. Returns {each id's edit
-- state, each id's reactions (nil where none), the person's read marker (nil where none)}: one consistent snapshot
-- for the messages a join or a history page read from the stream. Keeps the state as long as the history it is read
-- with (a join renews the stream too).
local edits, reactions = {}, {}
for i = 3, #ARGV do
  edits[i - 2] = redis.call('HGET', KEYS[1], ARGV[i])
  reactions[i - 2] = redis.call('HGET', KEYS[2], ARGV[i])
end
local marker = false
if ARGV[1] ~= '' then marker = redis.call('HGET', KEYS[3], ARGV[1]) end
expire(ARGV[2], KEYS)
return {edits, reactions, marker}
