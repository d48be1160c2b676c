/**
 * Redis URLs for the queue backend: `parseRedisUrl` checks a `--queue`
 * argument (redis://host:port[/db] or rediss://...), `openRedis` opens an
 * ioredis connection to it that BullMQ can share (maxRetriesPerRequest null:
 * a command waits through a reconnect instead of failing, so a Redis restart
 * pauses a sweep rather than ending it), and `reachRedis` answers whether the
 * server is up within a time limit (at once when the connection is refused),
 * with an error that says what to do.
 */
import { Redis } from 'ioredis';

export const REDIS_REACH_MS = 5000;

export function parseRedisUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '')
    throw new RangeError(
      `queue: expected a Redis URL such as redis://127.0.0.1:6379, got '${text}'`,
    );
  return url;
}

export function openRedis(url: URL): Redis {
  return new Redis(url.href, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    lazyConnect: true,
    // reconnect quickly: a restarted Redis is back within a second or two
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
}

/** Resolves when Redis answers PING; rejects with a clear error after `ms`. */
export async function reachRedis(redis: Redis, url: URL, ms = REDIS_REACH_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let refused: ((e: Error & { code?: string }) => void) | undefined;
  const absent = (after: string): Error =>
    new Error(
      `queue: no Redis answers at ${url.host} ${after}; start one (redis-server --port ${url.port || 6379}) or pass --queue redis://HOST:PORT`,
    );
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(absent(`after ${ms} ms`)), ms);
    // nothing listens on the port: say so at once rather than after `ms`
    refused = (e) => {
      if (e.code === 'ECONNREFUSED') reject(absent('(connection refused)'));
    };
    redis.on('error', refused);
  });
  try {
    if (redis.status === 'wait') void redis.connect().catch(() => {});
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
    if (refused !== undefined) redis.off('error', refused);
  }
}
