import type { EnvironmentKind } from '../../lib/domain';

/** The one colour of production: red, never overridable. */
export const PRODUCTION_RED = '#c4161c';

/** The colour each kind gets when the user picks none. */
export const DEFAULT_COLOURS: Readonly<Record<EnvironmentKind, string>> = {
  production: PRODUCTION_RED,
  staging: '#b45309',
  development: '#2459d1',
  sandbox: '#6b4fbb',
};

/** Swatches offered for non-production environments (no reds: red means production). */
export const SWATCHES: readonly { readonly name: string; readonly value: string }[] = [
  { name: 'Amber', value: '#b45309' },
  { name: 'Blue', value: '#2459d1' },
  { name: 'Violet', value: '#6b4fbb' },
  { name: 'Teal', value: '#0f766e' },
  { name: 'Green', value: '#2f7d32' },
  { name: 'Slate', value: '#4b5563' },
  { name: 'Pink', value: '#a3296b' },
];

/** Hue (0–360) and saturation (0–1) of a #rrggbb colour, or null if it is not one. */
function hueSaturation(hex: string): { hue: number; saturation: number } | null {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) return null;
  const value = parseInt(match[1], 16);
  const r = ((value >> 16) & 255) / 255;
  const g = ((value >> 8) & 255) / 255;
  const b = (value & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  if (delta === 0) return { hue: 0, saturation: 0 };
  const hue =
    max === r ? ((g - b) / delta + 6) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  const lightness = (max + min) / 2;
  return { hue: hue * 60, saturation: delta / (1 - Math.abs(2 * lightness - 1)) };
}

/** Whether a colour reads as red (reserved for production). */
export function looksRed(hex: string): boolean {
  const hs = hueSaturation(hex);
  if (!hs) return false;
  return hs.saturation > 0.45 && (hs.hue < 15 || hs.hue > 345);
}

/** The colour an environment is shown in: production is always red, whatever was saved. */
export function environmentColour(env: { kind: EnvironmentKind; colour?: string | null }): string {
  if (env.kind === 'production') return PRODUCTION_RED;
  const colour = env.colour ?? '';
  return /^#[0-9a-f]{6}$/i.test(colour) ? colour : DEFAULT_COLOURS[env.kind];
}

/** Human labels for the kinds. */
export const KIND_LABELS: Readonly<Record<EnvironmentKind, string>> = {
  production: 'Production',
  staging: 'Staging',
  development: 'Development',
  sandbox: 'Sandbox',
};

/** Black or white, whichever reads better on the given #rrggbb background (WCAG relative luminance). */
export function readableTextOn(hex: string): '#ffffff' | '#111111' {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) return '#ffffff';
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 255) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  // Contrast with white is (1.05)/(L+0.05); with near-black about (L+0.05)/(0.055).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0555 ? '#ffffff' : '#111111';
}
