import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../src/main/ipc/router';
import { createSenderCheck, type SenderInfo } from '../../src/main/ipc/sender';
import { channelNames, channels, type ChannelName } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/result';
import {
  bump,
  dice,
  LONG_MODE,
  scaled,
  seedFrom,
  tallyObject,
  type Dice,
} from '../fixtures/fuzz-kit';
import { ENV, SAMPLE_INPUTS, SAMPLE_OUTPUTS } from '../fixtures/channel-samples';

const SEED = seedFrom('IPC_FUZZ_SEED', 0x1bc0_0005);
/** Payloads per channel: 600 by default, 6,000 in long mode. */
const PER_CHANNEL = scaled(600, 6000);
/** No dispatch may take longer than this (a hang, or a regex gone quadratic). */
const DISPATCH_BOUND_MS = 1000;
const OWN_PAGE: SenderInfo = { url: 'app://keysmith/index.html', isMainFrame: true };

const VALID = SAMPLE_INPUTS;

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202E',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://127.0.0.1:1/',
  'https://',
  'app://keysmith/',
  '2026-02-30T25:61:00Z',
  '2026-03-01T12:00:00+25:00',
  `2026-03-01T12:00:00.${'9'.repeat(5000)}Z`,
  `${'2026-03-01T12:00:00'.repeat(500)}Z`,
  `https://${'a.'.repeat(20_000)}example.com`,
  `https://example.com/${'%'.repeat(3000)}`,
  '#ffffff',
  'x'.repeat(201),
  'y'.repeat(100_000),
  '😀'.repeat(5000),
  '../../etc/passwd',
  '%00',
  '{"__proto__":{"polluted":true}}',
];

const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  1e308,
  10_081,
  10_001,
];

/** A random value that can cross Electron IPC (structured clone): no functions, no symbols. */
function randomValue(roll: Dice, depth = 0): unknown {
  const kind = roll.int(depth > 3 ? 9 : 13);
  switch (kind) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return roll.chance(0.5);
    case 3:
      return roll.pick(NASTY_NUMBERS);
    case 4:
      return roll.random() * 10 ** roll.int(20) * (roll.chance(0.5) ? -1 : 1);
    case 5:
    case 6:
      return roll.pick(NASTY_STRINGS);
    case 7:
      return Array.from({ length: roll.int(40) }, () =>
        String.fromCodePoint(roll.chance(0.8) ? 32 + roll.int(95) : roll.int(0x10ffff)),
      ).join('');
    case 8:
      return roll.pick([
        BigInt(roll.int(1000)),
        new Date(roll.chance(0.5) ? Number.NaN : roll.int(2 ** 40)),
        /a+$/g,
        new Uint8Array(roll.int(64)),
        new ArrayBuffer(8),
        new Map([['environmentId', ENV]]),
        new Set([ENV]),
        new Error('boom'),
      ]);
    case 9:
    case 10:
      return Array.from({ length: roll.int(6) }, () => randomValue(roll, depth + 1));
    case 11: {
      // Deep nesting: a recursive validator must not blow the stack.
      let nested: unknown = ENV;
      for (let i = 0; i < 2000 + roll.int(5000); i++)
        nested = roll.chance(0.5) ? [nested] : { a: nested };
      return nested;
    }
    default: {
      const object: Record<string, unknown> = {};
      for (let i = roll.int(6); i > 0; i--) {
        const key = roll.pick([
          ...NASTY_STRINGS.slice(0, 12),
          'environmentId',
          'id',
          'name',
          'url',
          'clientSecret',
        ]);
        // An own property, even for "__proto__", as a JSON parse or a structured clone makes it.
        Object.defineProperty(object, key, {
          value: randomValue(roll, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }
  }
}

/** Marks a field to delete in `withAt`. */
const DROP = Symbol('drop');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at a path of nested plain objects. */
function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (inner, key) => (isPlainObject(inner) ? inner[key] : undefined),
    value,
  );
}

/** Every field (at any depth) of a plain object, by path. */
function paths(value: unknown, prefix: readonly string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    [...prefix, key],
    ...paths(inner, [...prefix, key]),
  ]);
}

function withAt(
  value: unknown,
  path: readonly string[],
  make: (old: unknown) => unknown | typeof DROP,
): unknown {
  if (path.length === 0) return make(value);
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const next = withAt(copy[head], rest, make);
  if (next === DROP) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** A payload and whether it is invalid by construction (so it must be refused). */
interface Case {
  readonly input: unknown;
  readonly surelyInvalid: boolean;
  readonly how: string;
}

function nextCase(roll: Dice, channel: ChannelName): Case {
  const valid: unknown = VALID[channel];
  const isObject = valid !== undefined;
  const fields = paths(valid);
  const mode = roll.int(10);
  if (mode === 0) return { input: valid, surelyInvalid: false, how: 'valid' };
  if (mode <= 2 || fields.length === 0) {
    const input = randomValue(roll);
    // Every object channel is a strictObject; the others take nothing at all.
    const surelyInvalid = isObject
      ? input === null || typeof input !== 'object' || Array.isArray(input)
        ? input !== undefined || channel !== 'audit:list'
        : false
      : input !== undefined;
    return { input, surelyInvalid, how: 'random' };
  }
  const path = roll.pick(fields);
  // Every object in the contract is strict except the records of headers, their values and token parameters.
  const records = new Set(['extraHeaders', 'secretHeaderValues', 'tokenParams']);
  const strictObjects = [
    [],
    ...fields.filter((p) => isPlainObject(at(valid, p)) && !records.has(p.at(-1)!)),
  ];
  // An array leaf (the secret header names) takes [] and [x] alike: only scalars get a wrong type.
  const primitiveLeaves = fields.filter((p) => {
    const value = at(valid, p);
    return !isPlainObject(value) && !Array.isArray(value);
  });
  switch (mode) {
    case 3:
      return {
        input: withAt(valid, roll.pick(strictObjects), (old) => ({
          ...(old as Record<string, unknown>),
          [roll.pick(['__proto__', 'constructor', 'extra', 'polluted', 'clientSecret2'])]:
            randomValue(roll),
        })),
        surelyInvalid: true,
        how: 'unknown key',
      };
    case 4:
      return { input: withAt(valid, path, () => DROP), surelyInvalid: false, how: 'missing field' };
    case 5:
      return {
        input: withAt(valid, roll.pick(primitiveLeaves), () =>
          roll.pick([{}, [], 42n, new Date(0), [VALID[channel]]]),
        ),
        surelyInvalid: true,
        how: 'wrong type',
      };
    default:
      return {
        input: withAt(valid, path, () => randomValue(roll)),
        surelyInvalid: false,
        how: 'random field',
      };
  }
}

function withinBound<T>(promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`dispatch hung for ${DISPATCH_BOUND_MS} ms: ${label}`)),
      DISPATCH_BOUND_MS,
    );
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/** The oracle: an app://keysmith URL (any path, user info aside), parsed independently. */
function isOwnPage(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'app:' && parsed.host === 'keysmith';
}

describe(`IPC fuzzing (seed ${SEED.toString(16)})`, () => {
  it(`every channel answers ${PER_CHANNEL} random and malformed payloads with a validation error or a valid call, never a throw or a hang, and no handler sees invalid input`, async () => {
    const calls: { channel: ChannelName; input: unknown }[] = [];
    const handlers = Object.fromEntries(
      channelNames.map((channel) => [
        channel,
        (input: unknown) => {
          calls.push({ channel, input });
          return SAMPLE_OUTPUTS[channel];
        },
      ]),
    ) as unknown as Handlers;
    const rejected: string[] = [];
    const router = createRouter({
      handlers,
      checkSender: () => ({ trusted: true }),
      onRejected: (channel) => rejected.push(channel),
    });
    const roll = dice(SEED);
    const tally = new Map<string, number>();
    let slowest = 0;
    let longestMessage = 0;

    expect(Object.keys(VALID).sort()).toEqual([...channelNames].sort());
    for (const channel of channelNames) {
      for (let n = 0; n < PER_CHANNEL; n++) {
        const made = nextCase(roll, channel);
        // What the renderer sends arrives through structured clone, as Electron's IPC delivers it.
        const input: unknown = structuredClone(made.input);
        const label = `${channel} #${n} (${made.how})`;
        const before = calls.length;
        const started = performance.now();
        let result: Result<unknown>;
        try {
          result = await withinBound(router.dispatch(channel, input, OWN_PAGE), label);
        } catch (error) {
          throw new Error(`dispatch threw on ${label}`, { cause: error });
        }
        slowest = Math.max(slowest, performance.now() - started);
        expect(() => structuredClone(result), label).not.toThrow();
        const reached = calls.slice(before);
        const schema = channels[channel].input;
        if (result.ok) {
          expect(made.surelyInvalid, `${label} was accepted`).toBe(false);
          expect(reached, label).toHaveLength(1);
          // The handler got what the schema produced, and that still validates.
          const parsed = schema.safeParse(input);
          expect(parsed.success, label).toBe(true);
          expect(reached[0]!.input, label).toEqual(parsed.data);
          bump(tally, 'accepted (valid)');
        } else {
          expect(result.error.kind, `${label}: ${result.error.message}`).toBe('validation');
          expect(reached, `${label} reached the handler`).toHaveLength(0);
          expect(schema.safeParse(input).success, label).toBe(false);
          longestMessage = Math.max(longestMessage, result.error.message.length);
          bump(tally, 'refused (validation)');
        }
      }
    }
    // Nothing leaked onto Object.prototype from a "__proto__" key.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('environmentId');
    expect(tally.get('refused (validation)') ?? 0).toBeGreaterThan(
      channelNames.length * PER_CHANNEL * 0.5,
    );
    expect(rejected.length).toBe(tally.get('refused (validation)'));

    // Unknown channels, whatever their name, never reach a handler.
    const before = calls.length;
    for (let n = 0; n < PER_CHANNEL; n++) {
      const name =
        n % 3 === 0
          ? randomValue(roll)
          : `${roll.pick(channelNames)}${roll.pick([' ', 'x', '\u0000', '/..', ''])}${n}`;
      const label = typeof name === 'string' ? name : typeof name;
      const result = await withinBound(router.dispatch(name, VALID['app:info'], OWN_PAGE), label);
      expect(result.ok, label).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('validation');
      bump(tally, 'unknown channel refused');
    }
    expect(calls.length).toBe(before);

    const total = channelNames.length * PER_CHANNEL + PER_CHANNEL;
    console.log(
      JSON.stringify({
        test: 'ipc-fuzz',
        mode: LONG_MODE ? 'long' : 'default',
        seed: SEED,
        channels: channelNames.length,
        payloadsPerChannel: PER_CHANNEL,
        dispatches: total,
        outcomes: tallyObject(tally),
        slowestDispatchMs: Math.round(slowest),
        longestValidationMessage: longestMessage,
      }),
    );
  }, 300_000);

  it('only the main frame of the app’s own page gets through, whatever the sender claims', async () => {
    const check = createSenderCheck(['app://keysmith']);
    const reached: string[] = [];
    const router = createRouter({
      handlers: {
        'app:info': () => {
          reached.push('app:info');
          return SAMPLE_OUTPUTS['app:info'];
        },
      } as unknown as Handlers,
      checkSender: check,
    });
    const roll = dice(SEED + 1);
    const urls = [
      'app://keysmith/index.html',
      'app://keysmith:443/x',
      'APP://KEYSMITH/index.html',
      'app://keysmith.evil/',
      'app://evil/keysmith',
      'app://keysmith@evil/',
      'app://evil@keysmith/',
      'file:///app/index.html',
      'https://keysmith/',
      'about:blank',
      'data:text/html,hi',
      'app:keysmith',
      '//keysmith/',
      null,
      undefined,
      '',
    ];
    let trusted = 0;
    const tries = scaled(2000, 20_000);
    for (let n = 0; n < tries; n++) {
      const raw = randomValue(roll);
      const url = roll.chance(0.7) ? roll.pick(urls) : typeof raw === 'string' ? raw : null;
      const sender = { url, isMainFrame: roll.chance(0.7) } as SenderInfo;
      const before = reached.length;
      const result = await router.dispatch('app:info', undefined, sender);
      const own = sender.isMainFrame && isOwnPage(url);
      expect(result.ok, `${String(url)} main=${sender.isMainFrame}`).toBe(own);
      expect(reached.length - before).toBe(own ? 1 : 0);
      if (!result.ok) expect(result.error.kind).toBe('forbidden');
      if (own) trusted += 1;
    }
    expect(trusted).toBeGreaterThan(0);
  });
});
