import { describe, expect, it } from 'vitest';
import { loadAdapters } from '../stores/registry.js';
import { STORE_IDS, type Capabilities } from '../stores/types.js';
import { capabilityCells, capabilityTable } from './capabilities.js';

const base: Capabilities = {
  artifact: 'apk',
  splitApk: false,
  schedule: false,
  phasedRelease: false,
  notesPerLanguage: false,
  reviewStatus: 'inferred',
};

describe('capability table', () => {
  it('says what each adapter declares, and what it does not have as —', () => {
    expect(capabilityCells('xiaomi', base)).toEqual(['xiaomi', '—', '—', '—', '—', '—', '—', 'inferred']);
    expect(
      capabilityCells('apple', {
        ...base,
        schedule: true,
        manualRelease: true,
        releaseNow: true,
        phasedRelease: true,
        phasedOperations: ['pause', 'complete'],
        notesPerLanguage: true,
        reviewStatus: 'api',
      }),
    ).toEqual(['apple', '—', 'yes', 'hold + release', 'pause/complete', 'yes', '—', 'API']);
    // phased at publish only, release-now only
    expect(capabilityCells('huawei', { ...base, phasedRelease: true, releaseNow: true })[3]).toBe('release now');
    expect(capabilityCells('huawei', { ...base, phasedRelease: true })[4]).toBe('at publish');
  });

  it('reads withdraw when an adapter declares it (undefined is no)', () => {
    const withWithdraw = { ...base, withdraw: true } as Capabilities;
    expect(capabilityCells('oppo', withWithdraw)[6]).toBe('yes');
    expect(capabilityCells('oppo', { ...base, withdraw: false } as Capabilities)[6]).toBe('—');
  });

  it('has a row per adapter whose rollout and release cells match the session methods it has', async () => {
    const ADAPTERS = await loadAdapters();
    const rows = STORE_IDS.flatMap((id) => (ADAPTERS[id] ? [{ id, capabilities: ADAPTERS[id]!.capabilities }] : []));
    const table = capabilityTable(rows).split('\n');
    expect(table).toHaveLength(rows.length + 1);
    expect(table[0]).toMatch(
      /^store\s+split\s+schedule\s+manual release\s+phased\s+notes\/lang\s+withdraw\s+review status$/,
    );
    expect(table.find((l) => l.startsWith('apple'))).toMatch(/hold \+ release\s+pause\/resume\/complete\s/);
    expect(table.find((l) => l.startsWith('huawei'))).toMatch(/release now\s+pause\/resume\/complete\/percent\s/);
    expect(table.find((l) => l.startsWith('oppo'))).toMatch(/^oppo\s+yes\s+yes\s+—\s+—\s/);
  });
});
