import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isConfirmPageUrl,
  resolveAppAsset,
  windowOpenResponse,
} from '../../src/main/security-policy';
import { filesUnder } from '../support/files-under';
import { RENDERER_CSP } from '../../src/shared/csp';

describe('window-open and external links', () => {
  it('denies every window-open, whatever the URL: nothing opens, not even in the system browser', () => {
    for (const url of [
      'https://datatracker.ietf.org/doc/html/rfc8725',
      'http://example.com/',
      'https://collector.example/?t=eyJhbGciOiJSUzI1NiJ9.e30.sig',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(windowOpenResponse(), url).toEqual({ action: 'deny' });
    }
  });

  it('no code hands a URL to the system browser (shell.openExternal)', async () => {
    const sources = (await filesUnder(join(process.cwd(), 'src'))).filter((file) =>
      /\.tsx?$/.test(file.path),
    );
    expect(sources.length).toBeGreaterThan(50);
    const offenders = sources.filter((file) =>
      /openExternal|openPath|shell\s*[,}]/.test(file.text),
    );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });
});

describe('app:// protocol', () => {
  const root = '/opt/keysmith/renderer';
  it('maps the app origin to files inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://keysmith/')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://keysmith/assets/index.js')).toBe(
      join(root, 'assets/index.js'),
    );
  });

  it('refuses traversal, other hosts and other schemes', () => {
    for (const url of [
      'app://keysmith/../../etc/passwd',
      'app://keysmith/%2e%2e/%2e%2e/etc/passwd',
      'app://keysmith/assets/%2e%2e%2f%2e%2e%2fsecret',
      'app://other/index.html',
      'file:///opt/keysmith/renderer/index.html',
      'app://keysmith/%00',
      'app://keysmith/%E0%A4%A',
    ]) {
      const resolved = resolveAppAsset(root, url);
      expect(resolved === null || resolved.startsWith(`${root}/`), url).toBe(true);
    }
    expect(resolveAppAsset(root, 'app://other/index.html')).toBeNull();
  });
});

describe('the trusted confirmation window', () => {
  it('answers only its own page: same scheme, host and path as the page main loaded', () => {
    const page = 'app://keysmith/confirm.html';
    expect(isConfirmPageUrl('app://keysmith/confirm.html', page)).toBe(true);
    expect(isConfirmPageUrl('app://keysmith/confirm.html#top', page)).toBe(true);
    expect(
      isConfirmPageUrl('http://localhost:5173/confirm.html', 'http://localhost:5173/confirm.html'),
    ).toBe(true);
    for (const url of [
      'app://keysmith/index.html',
      'app://keysmith/',
      'app://other/confirm.html',
      'http://keysmith/confirm.html',
      'app://keysmith/confirm.html/..',
      'app://user:pw@keysmith/confirm.html',
      'about:blank',
      '',
      null,
      undefined,
      'not a url',
    ]) {
      expect(isConfirmPageUrl(url, page), String(url)).toBe(false);
    }
    expect(
      isConfirmPageUrl('http://localhost:5174/confirm.html', 'http://localhost:5173/confirm.html'),
    ).toBe(false);
  });
});

describe('renderer CSP', () => {
  it('forbids all network and foreign scripts', () => {
    expect(RENDERER_CSP).toContain("connect-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it.each(['index.html', 'confirm.html'])(
    'is exactly the policy in the page the app ships (%s)',
    (page) => {
      const html = readFileSync(join(import.meta.dirname, '../../src/renderer', page), 'utf8');
      const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
      expect(meta?.[1]).toBe(RENDERER_CSP);
    },
  );
});
