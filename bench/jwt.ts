import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { jwtDecode } from 'jwt-decode';
import { inspectJwt, verifyJwt, type JwtInspection } from '../src/shared/jwt';
import { cycle, type BenchContext } from './lib/context';
import { compare, formatNs, type Timing } from './lib/measure';
import { formatRatio, type BenchRow } from './lib/report';
import { BENCH_NOW, signedSets, type SignedSet } from './jwt-fixtures';

/** The inspection target: our median at most 1.5× jose's decode. */
const INSPECT_TARGET = 1.5;

/** The verification target: our median at most 1.2× jose's jwtVerify. */
const VERIFY_TARGET = 1.2;

interface InspectFigures {
  readonly ours: Timing;
  /** inspectJwt with every lazily computed member read, as the debugger does when it renders. */
  readonly oursAllRead: Timing;
  readonly jose: Timing;
  readonly jwtDecode: Timing;
}

/** Reads every member inspectJwt computes on first access. */
function readEverything(inspection: JwtInspection): unknown {
  return inspection.ok
    ? [inspection.headerParams, inspection.claims, inspection.times, inspection.findings]
    : inspection.error;
}

async function inspectFigures(set: SignedSet, context: BenchContext): Promise<InspectFigures> {
  const ours = cycle(set.tokens);
  const oursAll = cycle(set.tokens);
  const viaJose = cycle(set.tokens);
  const viaJwtDecode = cycle(set.tokens);
  const first = inspectJwt(set.tokens[0] ?? '', { now: BENCH_NOW });
  if (!first.ok) throw new Error('inspectJwt could not read the benchmark token');
  context.log('jwt: inspectJwt vs jose decode vs jwt-decode');
  const [mine, mineAllRead, jose, jwtDecodeTiming] = (await compare(
    [
      () => inspectJwt(ours(), { now: BENCH_NOW }),
      () => readEverything(inspectJwt(oursAll(), { now: BENCH_NOW })),
      () => {
        const token = viaJose();
        return [decodeProtectedHeader(token), decodeJwt(token)];
      },
      () => {
        const token = viaJwtDecode();
        return [jwtDecode(token, { header: true }), jwtDecode(token)];
      },
    ],
    context.settings,
  )) as [Timing, Timing, Timing, Timing];
  return { ours: mine, oursAllRead: mineAllRead, jose, jwtDecode: jwtDecodeTiming };
}

function inspectRow(set: SignedSet, figures: InspectFigures): BenchRow {
  const { ours, oursAllRead, jose, jwtDecode: viaJwtDecode } = figures;
  const ratio = ours.medianNs / jose.medianNs;
  const met = ratio <= INSPECT_TARGET;
  return {
    id: 'jwt.inspect',
    what: 'inspectJwt, typical RS256 access token',
    ours: `${formatNs(ours.medianNs)} (${formatNs(oursAllRead.medianNs)} with all read)`,
    peer: `jose ${formatNs(jose.medianNs)}; jwt-decode ${formatNs(viaJwtDecode.medianNs)}`,
    ratio: `${formatRatio(ours.medianNs, jose.medianNs)} jose; ${formatRatio(ours.medianNs, viaJwtDecode.medianNs)} jwt-decode`,
    target: `≤ ${INSPECT_TARGET}× jose`,
    verdict: met ? 'met' : 'missed',
    ...(met
      ? {}
      : {
          note:
            'jose only base64url-decodes and JSON-parses header and payload; inspectJwt also ' +
            'normalises the paste, checks every segment strictly (alphabet, length, canonical ' +
            'last character), measures the signature and builds the inspection object. Its ' +
            'explanations, time status and findings are computed when first read (the debugger ' +
            'reads them when it renders), so they are not part of this figure.',
        }),
    figures: {
      oursMedianNs: ours.medianNs,
      oursP95Ns: ours.p95Ns,
      oursAllReadMedianNs: oursAllRead.medianNs,
      joseMedianNs: jose.medianNs,
      jwtDecodeMedianNs: viaJwtDecode.medianNs,
      ratioJose: ratio,
      ratioJwtDecode: ours.medianNs / viaJwtDecode.medianNs,
      tokenBytes: set.tokens[0]?.length ?? 0,
    },
  };
}

interface VerifyFigures {
  readonly set: SignedSet;
  readonly ours: Timing;
  /** jose with the key imported once ahead of time: jose called directly. */
  readonly preImported: Timing;
  /** jose starting from the same key text as verifyJwt on every call. */
  readonly sameInputs: Timing;
}

async function verifyFigures(set: SignedSet, context: BenchContext): Promise<VerifyFigures> {
  const check = await verifyJwt(set.tokens[0] ?? '', set.keyInput, { now: BENCH_NOW });
  if (!check.valid || !check.claimsValid) {
    throw new Error(`verifyJwt rejected the ${set.alg} benchmark token: ${JSON.stringify(check)}`);
  }
  const options = { algorithms: [set.alg], currentDate: new Date(BENCH_NOW) };
  const ours = cycle(set.tokens);
  const same = cycle(set.tokens);
  const pre = cycle(set.tokens);
  context.log(`jwt: verifyJwt ${set.alg} vs jose.jwtVerify`);
  const [mine, sameInputs, preImported] = (await compare(
    [
      () => verifyJwt(ours(), set.keyInput, { now: BENCH_NOW }),
      async () => jwtVerify(same(), await set.importKey(), options),
      () => jwtVerify(pre(), set.imported, options),
    ],
    context.settings,
  )) as [Timing, Timing, Timing];
  return { set, ours: mine, sameInputs, preImported };
}

function verifyRow(figures: VerifyFigures, inspect: Timing): BenchRow {
  const { set, ours, preImported, sameInputs } = figures;
  const ratio = ours.medianNs / preImported.medianNs;
  const met = ratio <= VERIFY_TARGET;
  const keyForm =
    set.keyInput.kind === 'pem' ? 'SPKI PEM' : set.keyInput.kind === 'jwk' ? 'JWK' : 'secret';
  return {
    id: `jwt.verify.${set.alg}`,
    what: `verifyJwt ${set.alg} (key given as ${keyForm} text)`,
    ours: formatNs(ours.medianNs),
    peer: `jose.jwtVerify ${formatNs(preImported.medianNs)}`,
    ratio: formatRatio(ours.medianNs, preImported.medianNs),
    target: `≤ ${VERIFY_TARGET}×`,
    verdict: met ? 'met' : 'missed',
    ...(met
      ? {}
      : {
          note:
            `verifyJwt adds ${formatNs(ours.medianNs - preImported.medianNs)} per call to jose's ` +
            'own verification: it reads the token first (normalised, header and payload decoded, ' +
            'which jose then does again, and the claims set) so that an unreadable token is ' +
            'reported before any key is loaded, then picks and describes the key and checks the ' +
            `claims${set.keyInput.kind === 'secret' ? '; like jose given the secret bytes, it imports the HMAC key on every call (secrets are never cached)' : ''}. ` +
            'The signature check waits on the crypto thread pool, whose scheduling on a loaded ' +
            'machine moves either side by up to 10% from run to run; the full inspectJwt ' +
            `(${formatNs(inspect.medianNs)}) is not part of it.`,
        }),
    figures: {
      oursMedianNs: ours.medianNs,
      oursP95Ns: ours.p95Ns,
      joseMedianNs: preImported.medianNs,
      joseP95Ns: preImported.p95Ns,
      ratio,
      joseImportEachCallMedianNs: sameInputs.medianNs,
      ratioImportEachCall: ours.medianNs / sameInputs.medianNs,
    },
  };
}

function importEachCallRow(all: readonly VerifyFigures[]): BenchRow {
  const join = (pick: (figures: VerifyFigures) => string): string => all.map(pick).join(' / ');
  return {
    id: 'jwt.verify.import-each-call',
    what: `verifyJwt ${join((f) => f.set.alg)} vs jose importing the key each call`,
    ours: join((f) => formatNs(f.ours.medianNs)),
    peer: `import + jwtVerify ${join((f) => formatNs(f.sameInputs.medianNs))}`,
    ratio: join((f) => formatRatio(f.ours.medianNs, f.sameInputs.medianNs)),
    target: 'report',
    verdict: 'report',
    note:
      'the rows above give jose a key imported once, as one calls it directly; here jose starts ' +
      'from the same key text as verifyJwt on every call (importSPKI / importJWK / base64url decode).',
    figures: Object.fromEntries(
      all.flatMap((f) => [
        [`${f.set.alg}.oursMedianNs`, f.ours.medianNs],
        [`${f.set.alg}.joseImportEachCallMedianNs`, f.sameInputs.medianNs],
      ]),
    ),
  };
}

/** inspectJwt against jose's and jwt-decode's decoders; verifyJwt against jose.jwtVerify. */
export async function benchJwt(context: BenchContext): Promise<BenchRow[]> {
  const sets = await signedSets();
  const rs256 = sets.find((set) => set.alg === 'RS256');
  if (rs256 === undefined) throw new Error('no RS256 set');
  const inspect = await inspectFigures(rs256, context);
  const verified: VerifyFigures[] = [];
  for (const set of sets) verified.push(await verifyFigures(set, context));
  return [
    inspectRow(rs256, inspect),
    ...verified.map((figures) => verifyRow(figures, inspect.ours)),
    importEachCallRow(verified),
  ];
}
