// The citizen's own comments of a session, kept in this browser's sessionStorage (never sent anywhere, gone when the
// tab closes) so a pending comment stays visible after a reload until the moderator decides. Merges them with the
// approved list the server publishes. Pure apart from the Storage handed in.
import type { Comment } from '../../../server/contracts/workspace.ts';

export type PinStatus = 'own-pending' | 'own-approved' | 'approved';

export interface ShownComment {
  comment: Comment;
  status: PinStatus;
}

const KEY_PREFIX = 'tweeling.participation.';

export function readOwnComments(storage: Pick<Storage, 'getItem'>, sessionId: string): Comment[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY_PREFIX + sessionId) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Comment[]).filter((c) => c && typeof c.id === 'string' && c.sessionId === sessionId) : [];
  } catch {
    return [];
  }
}

export function rememberOwnComment(storage: Pick<Storage, 'getItem' | 'setItem'>, comment: Comment): void {
  const own = readOwnComments(storage, comment.sessionId).filter((c) => c.id !== comment.id);
  storage.setItem(KEY_PREFIX + comment.sessionId, JSON.stringify([...own, comment]));
}

/**
 * Approved comments of everyone, plus own comments not (yet) approved. An own comment that is neither in the approved
 * list nor young enough to be pending may have been hidden; it is still shown as waiting, because the public list
 * cannot tell the citizen otherwise without an account.
 */
export function mergeComments(approved: readonly Comment[], own: readonly Comment[]): ShownComment[] {
  const ownIds = new Set(own.map((c) => c.id));
  const approvedIds = new Set(approved.map((c) => c.id));
  return [
    ...approved.map((comment) => ({ comment, status: (ownIds.has(comment.id) ? 'own-approved' : 'approved') as PinStatus })),
    ...own.filter((c) => !approvedIds.has(c.id)).map((comment) => ({ comment, status: 'own-pending' as PinStatus })),
  ];
}
