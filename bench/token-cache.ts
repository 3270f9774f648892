import { performance } from 'node:perf_hooks';
import { exchangeClientCredentials } from '../src/main/core/tokens/oauth';
import { createTokenCache, type TokenKey } from '../src/main/core/tokens/token-cache';
import type { TokenSet } from '../src/shared/domain';
import type { BenchContext } from './lib/context';
import { formatMs, formatNs, measure, median } from './lib/measure';
import type { BenchRow } from './lib/report';
import { startSeededSandbox } from './lib/sandbox';

/** The warm target: a cached token comes back in at most 5 µs. */
const WARM_TARGET_NS = 5_000;

/** How many callers ask for the same cold token at once. */
const CONCURRENT_CALLERS = 1_000;

const KEY: TokenKey = { environmentId: 'bench', clientId: 'bench-client' };

async function warmRow(context: BenchContext): Promise<BenchRow> {
  const issuedAt = Date.now();
  const token: TokenSet = {
    accessToken: 'header.payload.signature',
    tokenType: 'Bearer',
    issuedAt,
    expiresAt: issuedAt + 3_600_000,
  };
  const cache = createTokenCache({ mint: async () => token });
  await cache.get(KEY);
  context.log('token-cache: warm get');
  const timing = await measure(() => cache.get(KEY), context.settings);
  const met = timing.medianNs <= WARM_TARGET_NS;
  return {
    id: 'token-cache.warm',
    what: 'token cache get, warm',
    ours: formatNs(timing.medianNs),
    peer: '—',
    ratio: '—',
    target: `≤ ${formatNs(WARM_TARGET_NS)}`,
    verdict: met ? 'met' : 'missed',
    ...(met
      ? {}
      : {
          note: 'A warm get should be a Map lookup and a resolved promise; profile entryOf/idOf.',
        }),
    figures: { medianNs: timing.medianNs, p95Ns: timing.p95Ns },
  };
}

async function coldRow(context: BenchContext): Promise<BenchRow> {
  const sandbox = await startSeededSandbox(0);
  try {
    const tokenUrl = `${sandbox.handle.url}/auth/token`;
    const mint = (): Promise<TokenSet> =>
      exchangeClientCredentials({
        tokenUrl,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
      });
    const rounds = context.quick ? 5 : 21;
    const requests: number[] = [];
    const times: number[] = [];
    context.log(`token-cache: ${CONCURRENT_CALLERS} concurrent cold gets × ${rounds + 1}`);
    for (let round = 0; round <= rounds; round++) {
      const cache = createTokenCache({ mint });
      const before = sandbox.handle.stats.tokenRequests;
      const start = performance.now();
      const tokens = await Promise.all(
        Array.from({ length: CONCURRENT_CALLERS }, () => cache.get(KEY)),
      );
      const elapsed = performance.now() - start;
      if (new Set(tokens.map((token) => token.accessToken)).size !== 1) {
        throw new Error('Concurrent callers received different tokens');
      }
      if (round === 0) continue; // warm-up
      requests.push(sandbox.handle.stats.tokenRequests - before);
      times.push(elapsed);
    }
    const worst = Math.max(...requests);
    const met = requests.every((count) => count === 1);
    return {
      id: 'token-cache.cold-concurrent',
      what: `token cache, ${CONCURRENT_CALLERS.toLocaleString('en-US')} concurrent gets, cold`,
      ours: `${worst === 1 ? 1 : `up to ${worst}`} token request (${formatMs(median(times))} for all)`,
      peer: '—',
      ratio: '—',
      target: 'exactly 1 token request',
      verdict: met ? 'met' : 'missed',
      ...(met ? {} : { note: 'Concurrent callers must share the one mint in flight.' }),
      figures: {
        rounds,
        maxTokenRequests: worst,
        minTokenRequests: Math.min(...requests),
        medianMsForAll: median(times),
      },
    };
  } finally {
    await sandbox.close();
  }
}

/** The token cache: a warm get, and 1,000 concurrent cold gets against the sandbox's token endpoint. */
export async function benchTokenCache(context: BenchContext): Promise<BenchRow[]> {
  return [await warmRow(context), await coldRow(context)];
}
