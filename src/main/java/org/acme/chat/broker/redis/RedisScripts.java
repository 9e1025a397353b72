package org.acme.chat.broker.redis;

/**
 * The Lua scripts behind {@link RedisBroker}. Each runs atomically in Redis, so a room's history, presence and event
 * numbering change together with the publication of the event: every node sees a room's events in one order, and
 * message ids in that same order.
 * <p>
 * Keys of a room share the hash tag {@code {room}} (one Redis Cluster slot): {@code chat:{room}:members} (hash: name
 * key → {@code memberId TAB joinSeq TAB memberJson}), {@code chat:{room}:expiry} (sorted set: name key → presence
 * expiry, ms), {@code chat:{room}:seq} (event counter), {@code chat:{room}:history} (stream of messages),
 * {@code chat:{room}:left} (sorted set: ids of members who left → until when a refresh must not bring them back, ms;
 * the key expires a TTL after the last leave). Events are
 * published on one channel as {@code room LF seq LF type LF memberId LF node LF messageId LF frame}.
 */
final class RedisScripts {

    private static final String PRELUDE = """
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
              redis.call('PUBLISH', channel, room .. '\\n' .. int(seq) .. '\\n' .. kind .. '\\n' .. member_id .. '\\n'
                .. node .. '\\n' .. message_id .. '\\n' .. frame)
              return seq
            end
            local function owned_by(entry, member_id)
              return entry and string.sub(entry, 1, #member_id + 1) == member_id .. '\\t'
            end
            -- Members whose node stopped vouching for them leave, announced like any leave.
            local function purge(members, expiry, seq_key, channel, room, node, leave_prefix, now)
              for _, key in ipairs(redis.call('ZRANGEBYSCORE', expiry, '-inf', now)) do
                local entry = redis.call('HGET', members, key)
                redis.call('HDEL', members, key)
                redis.call('ZREM', expiry, key)
                if entry then
                  local id, _, json = string.match(entry, '^([^\\t]*)\\t([^\\t]*)\\t(.*)$')
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
            """;

    /**
     * KEYS: members, expiry, seq, history. ARGV: channel, room, node, leave prefix, name key, member id, member JSON,
     * join frame, ttl ms, max members, history size, since ('' for none). Returns {'taken'}, {'full'}, or {'ok', seq,
     * member entries, history entries newest first, resume status ('' | 'recovered' | 'too_old' | 'unknown')}.
     */
    static final String JOIN = PRELUDE + """
            local now = now_ms()
            purge(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], now)
            if redis.call('HEXISTS', KEYS[1], ARGV[5]) == 1 then return {'taken'} end
            if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[10]) then return {'full'} end
            local seq = announce(ARGV[1], ARGV[2], KEYS[3], 'join', ARGV[6], ARGV[3], '', ARGV[8])
            redis.call('HSET', KEYS[1], ARGV[5], ARGV[6] .. '\\t' .. int(seq) .. '\\t' .. ARGV[7])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[9]), ARGV[5])
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
              elseif tonumber(f['entries-added']) > tonumber(f['length'])
                  and compare_ids(since, f['recorded-first-entry-id']) < 0 then
                status = 'too_old'
              end
            end
            return {'ok', seq, redis.call('HVALS', KEYS[1]), entries, status}
            """;

    /**
     * KEYS: history, seq. ARGV: channel, room, node, member id, member name, text, history size, frame prefix, frame
     * middle. The frame is prefix + id + middle + ts + '}', ts being the id's milliseconds. Returns the message id.
     */
    static final String POST = PRELUDE + """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[7], '*', 'fid', ARGV[4], 'fname', ARGV[5],
              'text', ARGV[6])
            local ms = string.match(id, '^(%d+)-')
            announce(ARGV[1], ARGV[2], KEYS[2], 'message', ARGV[4], ARGV[3], id, ARGV[8] .. id .. ARGV[9] .. ms .. '}')
            return id
            """;

    /**
     * KEYS: members, expiry, seq, left. ARGV: channel, room, node, name key, member id, leave frame, ttl ms. Returns 1,
     * or 0 when the member was not listed (expired, say). Either way it leaves a tombstone, so that a refresh its node
     * sent before the leave cannot list the member again.
     */
    static final String LEAVE = PRELUDE + """
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
            return 1
            """;

    /**
     * KEYS: members, expiry, seq, left. ARGV: channel, room, node, leave prefix, ttl ms, join prefix, then (name key,
     * member id, member JSON) for each of this node's members of the room. Renews their presence, announces again a
     * member that expired while Redis was out of reach, skips one that has left since the node listed it, and purges
     * expired members of other nodes. Returns {ids of members whose name another member took meanwhile, ids announced
     * again}.
     */
    static final String REFRESH = PRELUDE + """
            local now = now_ms()
            purge(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], now)
            local ttl = tonumber(ARGV[5])
            local lost, again = {}, {}
            for i = 7, #ARGV, 3 do
              local key, id, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
              local entry = redis.call('HGET', KEYS[1], key)
              if owned_by(entry, id) then
                redis.call('ZADD', KEYS[2], now + ttl, key)
              elseif redis.call('ZSCORE', KEYS[4], id) then
                -- It left after its node listed it for this refresh: nothing to renew, nobody to bring back.
              elseif not entry then
                local seq = announce(ARGV[1], ARGV[2], KEYS[3], 'join', id, ARGV[3], '',
                  ARGV[6] .. json .. ',"ts":' .. int(now) .. '}')
                redis.call('HSET', KEYS[1], key, id .. '\\t' .. int(seq) .. '\\t' .. json)
                redis.call('ZADD', KEYS[2], now + ttl, key)
                table.insert(again, id)
              else
                table.insert(lost, id)
              end
            end
            return {lost, again}
            """;

    /** KEYS: expiry. ARGV: name key, max members. Returns 'taken', 'full' or 'ok', counting live presence only. */
    static final String CHECK = PRELUDE + """
            local now = now_ms()
            local expires = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if expires and tonumber(expires) > now then return 'taken' end
            if redis.call('ZCOUNT', KEYS[1], '(' .. int(now), '+inf') >= tonumber(ARGV[2]) then return 'full' end
            return 'ok'
            """;

    private RedisScripts() {
    }
}
