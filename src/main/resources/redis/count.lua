-- KEYS: expiry. Returns how many members of the room are live.
return redis.call('ZCOUNT', KEYS[1], '(' .. int(now_ms()), '+inf')
