/**
 * The CSS grid template of the entries table. Columns the user never resized share the width
 * by their default sizes (fr) down to their minimum; a resized column keeps its width in px.
 * When the minimums do not fit, the table scrolls sideways (minWidth) instead of clipping.
 */
export interface TemplateColumn {
  readonly id: string;
  readonly size: number;
  readonly minWidth: number;
  readonly resized: boolean;
}

export interface ColumnTemplate {
  readonly template: string;
  /** The narrowest the row can be, px. */
  readonly minWidth: number;
}

export function columnTemplate(columns: readonly TemplateColumn[]): ColumnTemplate {
  let minWidth = 0;
  const parts = columns.map((c) => {
    const floor = Math.max(c.minWidth, 24);
    if (c.resized) {
      const width = Math.max(floor, Math.round(c.size));
      minWidth += width;
      return `${width}px`;
    }
    minWidth += floor;
    return `minmax(${floor}px, ${c.size}fr)`;
  });
  return { template: parts.join(' '), minWidth };
}

/** Width the # column needs to show every row number of a log of `rowCount` rows whole, px. */
export function rowNumberWidth(rowCount: number, charWidth = 8, padding = 20): number {
  const digits = String(Math.max(0, rowCount - 1)).length;
  return Math.ceil(Math.max(3, digits) * charWidth + padding);
}
