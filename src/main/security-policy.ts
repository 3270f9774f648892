import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

/** The custom scheme the packaged renderer is served from (never `file://`). */
export const APP_SCHEME = 'app';
/** The host of the packaged renderer: pages load from `app://keysmith/index.html`. */
export const APP_HOST = 'keysmith';
/** The origin the IPC sender check trusts in a packaged build. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The answer to every `window.open`, `target=_blank` link and middle click of any page: deny.
 * Nothing is handed to the system browser either, so page script has no way out through links.
 */
export function windowOpenResponse(): { readonly action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Tells whether a frame's URL is the trusted confirmation page: the same scheme, host and path as
 * the page main loaded into that window (query and fragment aside), and nothing else.
 */
export function isConfirmPageUrl(frameUrl: string | null | undefined, pageUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const frame = new URL(frameUrl);
    const page = new URL(pageUrl);
    return (
      frame.protocol === page.protocol &&
      frame.host === page.host &&
      frame.host !== '' &&
      frame.pathname === page.pathname &&
      frame.username === '' &&
      frame.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * Maps an `app://keysmith/...` request to a file under the renderer's folder,
 * or null for another host or any path that would escape the folder.
 */
export function resolveAppAsset(rendererRoot: string, requestUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const wanted = pathname === '/' || pathname === '' ? '/index.html' : pathname;
  const root = resolve(rendererRoot);
  const file = resolve(root, `.${normalize(wanted)}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return null;
  return file;
}

/** The MIME type the app protocol serves a renderer file with. */
export function mimeTypeOf(file: string): string {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    mjs: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json',
    svg: 'image/svg+xml',
    png: 'image/png',
    ico: 'image/x-icon',
    woff2: 'font/woff2',
  };
  return types[extension] ?? 'application/octet-stream';
}
