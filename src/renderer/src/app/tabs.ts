/** The main tabs of the window, in order. */
export const TABS = [
  { id: 'credentials', label: 'Credentials' },
  { id: 'token', label: 'Token' },
  { id: 'rotation', label: 'Rotation' },
  { id: 'jwt', label: 'JWT' },
  { id: 'activity', label: 'Activity' },
  { id: 'fleet', label: 'Fleet' },
] as const;

/** The id of a main tab. */
export type TabId = (typeof TABS)[number]['id'];
