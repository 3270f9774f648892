import {
  HEADER_NAME_PATTERN,
  MAX_NAME_LENGTH,
  RESERVED_HEADER_NAMES,
  isLoopbackHost,
  type EnvironmentFields,
} from '@shared/environment';
import type { EnvironmentKind, EnvironmentView } from '../../lib/domain';
import { DEFAULT_COLOURS, PRODUCTION_RED, looksRed } from './env-colour';

/** What the environment form edits, as strings the inputs hold. */
export interface EnvironmentFormValues {
  readonly name: string;
  readonly kind: EnvironmentKind;
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** One `Header-Name: value` per line. */
  readonly extraHeaders: string;
  readonly colour: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The form's starting values: blank for a new environment, else the environment's own. */
export function initialValues(env: EnvironmentView | null): EnvironmentFormValues {
  if (!env) {
    return {
      name: '',
      kind: 'staging',
      baseUrl: 'https://',
      tokenUrl: '',
      extraHeaders: '',
      colour: DEFAULT_COLOURS.staging,
      clientId: '',
      clientSecret: '',
    };
  }
  return {
    name: env.name,
    kind: env.kind,
    baseUrl: env.baseUrl,
    tokenUrl: env.tokenUrl ?? '',
    extraHeaders: Object.entries(env.extraHeaders ?? {})
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n'),
    colour: env.kind === 'production' ? PRODUCTION_RED : env.colour,
    clientId: env.activeClientId ?? '',
    clientSecret: '',
  };
}

/** Parses the headers text into a record, or says which line is wrong. */
export function parseHeaders(
  text: string,
): { ok: true; headers: Record<string, string> } | { ok: false; error: string } {
  const headers: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!HEADER_NAME_PATTERN.test(name)) {
      return { ok: false, error: `Line ${index + 1}: write "Header-Name: value".` };
    }
    if (RESERVED_HEADER_NAMES.has(name.toLowerCase())) {
      return { ok: false, error: `Line ${index + 1}: ${name} is set by Keysmith itself.` };
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, headers };
}

function urlProblem(value: string, optional: boolean, kind: EnvironmentKind): string | null {
  const text = value.trim();
  if (text === '') return optional ? null : 'Enter the API base URL.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL such as https://api.example.com.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http(s) URL.';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && kind === 'production') {
    return 'Use https for production: secrets would travel in clear text (plain http only on localhost).';
  }
  return null;
}

/** Checks the form before anything is sent; returns messages by field name. */
export function validateEnvironment(
  values: EnvironmentFormValues,
  mode: 'add' | 'edit',
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.name.trim() === '') errors.name = 'Give the environment a name.';
  else if (values.name.trim().length > MAX_NAME_LENGTH) {
    errors.name = `Keep the name under ${MAX_NAME_LENGTH} characters.`;
  }
  const base = urlProblem(values.baseUrl, false, values.kind);
  if (base) errors.baseUrl = base;
  const token = urlProblem(values.tokenUrl, true, values.kind);
  if (token) errors.tokenUrl = token;
  const headers = parseHeaders(values.extraHeaders);
  if (!headers.ok) errors.extraHeaders = headers.error;
  if (values.kind !== 'production' && looksRed(values.colour)) {
    errors.colour = 'Red is reserved for production: pick another colour.';
  }
  if (mode === 'add') {
    if (values.clientId.trim() === '') errors.clientId = 'Paste the client_id.';
    if (values.clientSecret === '') errors.clientSecret = 'Paste the client_secret.';
  } else if (values.clientSecret !== '' && values.clientId.trim() === '') {
    errors.clientId = 'Paste the client_id this secret belongs to.';
  }
  return errors;
}

/** The colour to save: production's is always red. */
export function colourToSave(values: EnvironmentFormValues): string {
  return values.kind === 'production' ? PRODUCTION_RED : values.colour;
}

/** The environment's fields from the form, ready for `environments:add` or `environments:update`. */
export function environmentFields(values: EnvironmentFormValues): EnvironmentFields {
  const headers = parseHeaders(values.extraHeaders);
  return {
    name: values.name.trim(),
    kind: values.kind,
    baseUrl: values.baseUrl.trim().replace(/\/+$/, ''),
    tokenUrl: values.tokenUrl.trim() === '' ? null : values.tokenUrl.trim(),
    extraHeaders: headers.ok ? headers.headers : {},
    colour: colourToSave(values),
  };
}
