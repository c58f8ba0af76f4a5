/**
 * The capability table of `appstores stores`: one row per store, read from each adapter's declared
 * capabilities, so the table says exactly what the adapter does.
 */
import type { Capabilities, StoreId } from '../stores/types.js';
import { pad } from './format.js';

export const CAPABILITY_COLUMNS = [
  'store',
  'split',
  'schedule',
  'manual release',
  'phased',
  'notes/lang',
  'withdraw',
  'review status',
] as const;

/** One row of cells; '—' where the store (or its API) does not have it. */
export function capabilityCells(id: StoreId, caps: Capabilities): string[] {
  const yes = (on: boolean | undefined) => (on ? 'yes' : '—');
  // Absent means the adapter cannot withdraw.
  const withdraw = caps.withdraw === true;
  const ops = caps.phasedOperations ?? [];
  return [
    id,
    yes(caps.splitApk),
    yes(caps.schedule),
    caps.manualRelease ? 'hold + release' : caps.releaseNow ? 'release now' : '—',
    ops.length > 0 ? ops.join('/') : caps.phasedRelease ? 'at publish' : '—',
    yes(caps.notesPerLanguage),
    yes(withdraw),
    caps.reviewStatus === 'api' ? 'API' : 'inferred',
  ];
}

export function capabilityTable(rows: Array<{ id: StoreId; capabilities: Capabilities }>): string {
  const cells = [[...CAPABILITY_COLUMNS], ...rows.map((r) => capabilityCells(r.id, r.capabilities))];
  const widths = CAPABILITY_COLUMNS.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => pad(cell, widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
