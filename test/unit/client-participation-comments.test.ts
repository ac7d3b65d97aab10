import { describe, expect, it } from 'vitest';
import type { Comment } from '../../server/contracts/workspace.ts';
import en from '../../client/i18n/participation.en.json';
import nl from '../../client/i18n/participation.nl.json';
import { ProblemError } from '../../client/api/briefing-api.ts';
import { commentErrorMessage } from '../../client/modes/participation/comment-error.ts';
import { mergeComments, readOwnComments, rememberOwnComment } from '../../client/modes/participation/own-comments.ts';

const SESSION = '0b7c8f2e-4a51-4c7e-9d0a-2f3b4c5d6e7f';

function createComment(id: string, patch: Partial<Comment> = {}): Comment {
  return {
    id,
    sessionId: SESSION,
    category: 'idea',
    text: `Tekst ${id}`,
    position: { lonDeg: 5.1, latDeg: 52.1, heightM: 45 },
    status: 'pending',
    createdAt: '2026-11-30T10:00:00Z',
    answer: null,
    ...patch,
  };
}

function createStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

describe("the citizen's own comments", () => {
  it('are remembered per session, once per id', () => {
    const storage = createStorage();
    rememberOwnComment(storage, createComment('a'));
    rememberOwnComment(storage, createComment('a', { text: 'changed' }));
    rememberOwnComment(storage, createComment('b'));
    expect(readOwnComments(storage, SESSION).map((c) => [c.id, c.text])).toEqual([
      ['a', 'changed'],
      ['b', 'Tekst b'],
    ]);
    expect(readOwnComments(storage, '11111111-2222-4333-8444-555555555555')).toEqual([]);
  });

  it('survive garbage in storage as "none"', () => {
    const storage = createStorage();
    storage.setItem(`tweeling.participation.${SESSION}`, '{not json');
    expect(readOwnComments(storage, SESSION)).toEqual([]);
    storage.setItem(`tweeling.participation.${SESSION}`, '{"a":1}');
    expect(readOwnComments(storage, SESSION)).toEqual([]);
  });

  it('show as pending until the public list has them, then as approved with the answer', () => {
    const own = [createComment('mine')];
    expect(mergeComments([createComment('other', { status: 'approved' })], own).map((s) => [s.comment.id, s.status])).toEqual([
      ['other', 'approved'],
      ['mine', 'own-pending'],
    ]);
    const approvedMine = createComment('mine', { status: 'approved', answer: 'Goed idee' });
    const merged = mergeComments([approvedMine], own);
    expect(merged).toEqual([{ comment: approvedMine, status: 'own-approved' }]);
  });
});

describe('participation texts', () => {
  it('are complete in English and Dutch', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, value] of Object.entries(en)) expect(value, key).not.toBe('');
  });

  it('have the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
  });
});

describe('why a comment was not accepted', () => {
  it("shows the server's explanation of refused personal data in the page's language", () => {
    const refused = new ProblemError(400, 'personal-data', 'Your comment contains an e-mail address.', null, {
      explanation: { nl: 'Uw reactie bevat een e-mailadres.', en: 'Your comment contains an e-mail address.' },
    });
    expect(commentErrorMessage(refused, 'nl')).toBe('Uw reactie is niet verstuurd. Uw reactie bevat een e-mailadres.');
    expect(commentErrorMessage(refused, 'en')).toBe('Your comment was not sent. Your comment contains an e-mail address.');
    expect(commentErrorMessage(new ProblemError(400, 'personal-data', 'Contains a phone number.'), 'en')).toBe('Your comment was not sent. Contains a phone number.');
  });

  it('says how many minutes to wait after too many comments (Retry-After, rounded up)', () => {
    expect(commentErrorMessage(new ProblemError(429, 'too-many-requests', '', 130), 'en')).toMatch(/in 3 minutes/);
    expect(commentErrorMessage(new ProblemError(429, 'too-many-requests', ''), 'nl')).toMatch(/over 10 minuten/);
  });

  it('falls back to a plain message for anything else', () => {
    expect(commentErrorMessage(new TypeError('Failed to fetch'), 'nl')).toMatch(/ging iets mis/);
    expect(commentErrorMessage(new ProblemError(404, 'not-found', ''), 'en')).toMatch(/no longer accepts/);
  });
});
