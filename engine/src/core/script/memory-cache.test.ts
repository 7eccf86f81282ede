import { describe, expect, it } from 'vitest';
import { MAX_EXPIRATION_SECONDS, MemoryCache } from './memory-cache.ts';
import { ScriptDict } from './values.ts';

/** A cache on a clock the test moves. */
function cacheWithClock() {
  const clock = { now: 1_000_000 };
  return { cache: new MemoryCache(() => clock.now), advance: (seconds: number) => (clock.now += seconds * 1000) };
}

describe('MemoryCache', () => {
  it('returns what was written, and null for names never written', () => {
    const { cache } = cacheWithClock();
    cache.write('token', 'project', 'abc', 60);
    expect(cache.read('token', 'project', 60)).toBe('abc');
    expect(cache.read('other', 'project', 60)).toBeNull();
  });

  it('keeps scopes apart', () => {
    const { cache } = cacheWithClock();
    cache.write('k', 'project', 1, 60);
    cache.write('k', 'environment', 2, 60);
    expect(cache.read('k', 'project', 60)).toBe(1);
    expect(cache.read('k', 'environment', 60)).toBe(2);
  });

  it('expires entries after their expiration', () => {
    const { cache, advance } = cacheWithClock();
    cache.write('k', 'project', 'v', 60);
    advance(59);
    expect(cache.read('k', 'project', 10)).toBe('v');
    advance(10);
    expect(cache.read('k', 'project', 10)).toBeNull();
  });

  it('gives an entry its expiration again on each read', () => {
    const { cache, advance } = cacheWithClock();
    cache.write('k', 'project', 'v', 60);
    for (let i = 0; i < 5; i++) {
      advance(50);
      expect(cache.read('k', 'project', 60)).toBe('v');
    }
    advance(61);
    expect(cache.read('k', 'project', 60)).toBeNull();
  });

  it('removes an entry written as null', () => {
    const { cache } = cacheWithClock();
    cache.write('k', 'project', 'v', 60);
    cache.write('k', 'project', null, 60);
    expect(cache.read('k', 'project', 60)).toBeNull();
    cache.write('never', 'nowhere', null, 60);
  });

  it('keeps entries at most 30 days', () => {
    const { cache, advance } = cacheWithClock();
    cache.write('k', 'project', 'v', 365 * 24 * 3600);
    advance(MAX_EXPIRATION_SECONDS - 1);
    expect(cache.read('k', 'project', 365 * 24 * 3600)).toBe('v');
    advance(MAX_EXPIRATION_SECONDS);
    expect(cache.read('k', 'project', 60)).toBeNull();
  });

  it('stores copies, so later changes to an array or dictionary do not reach it', () => {
    const { cache } = cacheWithClock();
    const list = [1, 2];
    const dict = new ScriptDict();
    dict.set('a', 1);
    cache.write('list', 'project', list, 60);
    cache.write('dict', 'project', dict, 60);
    list.push(3);
    dict.set('a', 2);
    const read = cache.read('list', 'project', 60) as number[];
    read.push(4);
    expect(cache.read('list', 'project', 60)).toEqual([1, 2]);
    expect((cache.read('dict', 'project', 60) as ScriptDict).get('a')).toBe(1);
  });

  it('drops expired entries nobody reads', () => {
    const { cache, advance } = cacheWithClock();
    cache.write('old', 'project', 'v', 1);
    advance(2);
    for (let i = 0; i < 1100; i++) cache.write(`k${i}`, 'project', i, 60);
    const scopes = (cache as unknown as { scopes: Map<string, Map<string, unknown>> }).scopes;
    expect(scopes.get('project')?.has('old')).toBe(false);
    expect(cache.read('k1099', 'project', 60)).toBe(1099);
  });
});
