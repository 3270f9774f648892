/** Small inline SVG icons (the CSP allows no icon fonts or remote images); all decorative. */

const common = {
  viewBox: '0 0 16 16',
  width: 14,
  height: 14,
  'aria-hidden': true,
  focusable: false,
} as const;

/** Two overlapping sheets: copy. */
export function CopyIcon() {
  return (
    <svg {...common} className="icon">
      <rect
        x="5"
        y="5"
        width="9"
        height="9"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path
        d="M3.5 11H3a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1h7a1 1 0 0 1 1 1v.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}

/** A key: a secret held in the OS keychain. */
export function KeyIcon() {
  return (
    <svg {...common} className="icon">
      <circle cx="5" cy="8" r="3" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 8h7M12.5 8v3M14.5 8v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

/** A warning triangle (production). */
export function WarningIcon({ size = 20 }: { size?: number }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      className="icon"
    >
      <path d="M12 2 1 21h22L12 2z" fill="currentColor" />
      <path d="M11 9h2v6h-2zM11 17h2v2h-2z" fill="var(--env-colour, #c4161c)" />
    </svg>
  );
}

/** A tick: done. */
export function CheckIcon() {
  return (
    <svg {...common} className="icon">
      <path d="M3 8.5 6.5 12 13 4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
