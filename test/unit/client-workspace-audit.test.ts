// The audit page's pure parts: how one audit entry becomes a table row, the chain-verification message, and where
// the next page starts.
import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../server/contracts/workspace.ts';
import { auditRow, compactDetails, nextBefore, shortenId, verificationMessage } from '../../client/workspace/audit-page.ts';

function createEntry(overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    seq: 7,
    time: '2026-03-04T09:05:06.000Z',
    actorRole: 'planner',
    actorId: '3f2a9c1e-7b44-4d2a-9e1f-0c5b8d6a4e21',
    action: 'scenario.update',
    target: 'scenario:abc',
    details: { version: 3, name: 'Noord' },
    prevHash: 'p',
    hash: 'h',
    ...overrides,
  };
}

describe('auditRow', () => {
  it('formats time unambiguously, role in words, a shortened user id and compact JSON details', () => {
    const row = auditRow('nl', createEntry(), 'UTC');
    expect(row).toEqual({
      seq: '7',
      time: '2026-03-04 09:05:06',
      role: 'planner',
      user: '3f2a9c1e…',
      userTitle: '3f2a9c1e-7b44-4d2a-9e1f-0c5b8d6a4e21',
      action: 'scenario.update',
      target: 'scenario:abc',
      details: '{"version":3,"name":"Noord"}',
      detailsTitle: '',
    });
  });

  it('names the role in English and the anonymous citizen in words', () => {
    const row = auditRow('en', createEntry({ actorRole: 'admin', actorId: null }), 'UTC');
    expect(row.role).toBe('administrator');
    expect(row.user).toBe('anonymous');
    expect(row.userTitle).toBe('');
  });

  it('translates known roles and shows unknown ones as sent', () => {
    expect(auditRow('nl', createEntry({ actorRole: 'council' }), 'UTC').role).toBe('raadslid');
    expect(auditRow('nl', createEntry({ actorRole: 'auditor' }), 'UTC').role).toBe('auditor');
  });

  it('shortens long details and keeps the full JSON for the title', () => {
    const details = { note: 'x'.repeat(300) };
    const row = auditRow('nl', createEntry({ details }), 'UTC');
    expect(row.details.length).toBe(160);
    expect(row.details.endsWith('…')).toBe(true);
    expect(row.detailsTitle).toBe(JSON.stringify(details));
  });

  it('writes the time in the given zone', () => {
    expect(auditRow('en', createEntry({ time: '2026-07-01T22:30:00Z' }), 'Europe/Amsterdam').time).toBe('2026-07-02 00:30:00');
  });

  it('shows an unreadable time as sent instead of throwing', () => {
    expect(auditRow('nl', createEntry({ time: 'gisteren' }), 'UTC').time).toBe('gisteren');
  });
});

describe('shortenId and compactDetails', () => {
  it('leaves short ids alone and marks empty details', () => {
    expect(shortenId('admin')).toBe('admin');
    expect(compactDetails({})).toBe('—');
  });
});

describe('verificationMessage', () => {
  it('reports an intact chain with its length in both languages', () => {
    expect(verificationMessage('nl', { ok: true, entries: 123 })).toBe('Keten intact: 123 regels');
    expect(verificationMessage('en', { ok: true, entries: 1234 })).toBe('Chain intact: 1,234 entries');
    expect(verificationMessage('nl', { ok: true, entries: 1 })).toBe('Keten intact: 1 regel');
  });

  it('reports where a broken chain breaks', () => {
    expect(verificationMessage('nl', { ok: false, entries: 44, brokenAt: 45 })).toBe('Keten verbroken bij regel 45');
    expect(verificationMessage('en', { ok: false, entries: 44, brokenAt: 45 })).toBe('Chain broken at entry 45');
    expect(verificationMessage('nl', { ok: false, entries: 0 })).toBe('Keten verbroken');
  });
});

describe('nextBefore', () => {
  const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => createEntry({ seq: from - i }));

  it('continues below the oldest entry after a full page', () => {
    expect(nextBefore(page(120, 50), 50)).toBe(71);
  });

  it('stops after a short page or at the first entry', () => {
    expect(nextBefore(page(30, 30), 30)).toBeUndefined();
    expect(nextBefore(page(50, 50), 50)).toBeUndefined();
  });
});
