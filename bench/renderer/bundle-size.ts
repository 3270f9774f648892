import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatKb, formatRatio, type BenchRow } from '../lib/report';
import type { BuiltPages } from './build';

/** The budget for the renderer's JavaScript, gzip-compressed. */
const BUDGET_BYTES = 250_000;

/** Raw and gzip (level 9) bytes of every .js file under a built page's assets/. */
export async function jsBytes(dir: string): Promise<{ raw: number; gzip: number; files: number }> {
  const assets = join(dir, 'assets');
  const names = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const name of names) {
    const bytes = await readFile(join(assets, name));
    raw += bytes.byteLength;
    gzip += gzipSync(bytes, { level: 9 }).byteLength;
  }
  return { raw, gzip, files: names.length };
}

/** The renderer's shipped JavaScript against the budget, with a blank React page for scale. */
export async function bundleRow(pages: BuiltPages): Promise<BenchRow> {
  const app = await jsBytes(pages.appDir);
  const blank = await jsBytes(pages.blankDir);
  const met = app.gzip <= BUDGET_BYTES;
  return {
    id: 'renderer.js-gzip',
    what: 'renderer JS shipped (gzip -9)',
    ours: `${formatKb(app.gzip)} (${formatKb(app.raw)} raw)`,
    peer: `blank React ${formatKb(blank.gzip)}`,
    ratio: formatRatio(app.gzip, blank.gzip),
    target: `≤ ${formatKb(BUDGET_BYTES)}`,
    verdict: met ? 'met' : 'missed',
    ...(met
      ? {}
      : {
          note: `${formatKb(app.gzip - BUDGET_BYTES)} over budget; split the JWT debugger and dialogs into lazy chunks.`,
        }),
    figures: {
      gzipBytes: app.gzip,
      rawBytes: app.raw,
      files: app.files,
      blankGzipBytes: blank.gzip,
      blankRawBytes: blank.raw,
      budgetBytes: BUDGET_BYTES,
    },
  };
}
