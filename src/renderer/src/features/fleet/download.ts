/**
 * Saves text as a file through the browser's download (the app shows its save dialog): the
 * exports are built here from what the page already has, so nothing is sent anywhere.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name stamped with today's date: `keysmith-hygiene-2026-03-01.csv`. */
export function datedFileName(stem: string, extension: string, now = Date.now()): string {
  return `${stem}-${new Date(now).toISOString().slice(0, 10)}.${extension}`;
}
