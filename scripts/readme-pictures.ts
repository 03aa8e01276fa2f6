/**
 * The pictures the README shows (docs/screenshots/<name>.png) and the size each is taken at.
 * A picture on a line of its own spans the README's column; one in a table cell gets half of
 * it, so it is taken at a smaller window, where the UI's text stays legible once scaled down.
 */
export type Placement = 'full' | 'cell';

export interface ReadmePicture {
  /** The screenshot's name in the end-to-end test (`screenshot(page, dir, name)`). */
  readonly name: string;
  /** Relative to the checkout. */
  readonly file: string;
  readonly placement: Placement;
}

export const VIEWPORTS: Record<Placement, { width: number; height: number }> = {
  full: { width: 1440, height: 900 },
  cell: { width: 1024, height: 640 },
};

const PICTURE = /!\[[^\]]*\]\((docs\/screenshots\/([\w-]+)\.png)\)/g;

export function readmePictures(markdown: string): ReadmePicture[] {
  const found = new Map<string, ReadmePicture>();
  for (const line of markdown.split('\n')) {
    const placement: Placement = line.trimStart().startsWith('|') ? 'cell' : 'full';
    for (const m of line.matchAll(PICTURE)) {
      const picture = { name: m[2]!, file: m[1]!, placement };
      const seen = found.get(picture.name);
      if (seen && seen.placement !== placement) throw new Error(`the README shows ${picture.file} both in a table and on its own: one size per picture`);
      found.set(picture.name, picture);
    }
  }
  return [...found.values()];
}
