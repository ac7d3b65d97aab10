// HTTP calls of the participation mode and the moderation queue (/api/participation, server/contracts/workspace.ts).
// Citizens are anonymous: the server sets the `tweeling_participant` cookie itself; nothing personal is sent.
import type { Comment, CommentInput, ParticipationSession } from '../../server/contracts/workspace.ts';
import { requestJson, type WriteOptions } from './briefing-api.ts';

const BASE = '/api/participation';

export interface SessionInput {
  title: string;
  introduction: string;
  scenarioId: string;
  closesAt: string;
}

function list<T>(body: T[] | Record<string, T[] | unknown>, key: string): T[] {
  if (Array.isArray(body)) return body;
  const value = body[key];
  return Array.isArray(value) ? (value as T[]) : [];
}

export function fetchParticipationSession(id: string): Promise<ParticipationSession> {
  return requestJson<ParticipationSession>('GET', `${BASE}/sessions/${encodeURIComponent(id)}`);
}

export async function listParticipationSessions(): Promise<ParticipationSession[]> {
  return list(await requestJson<ParticipationSession[] | { sessions: ParticipationSession[] }>('GET', `${BASE}/sessions`), 'sessions');
}

export function createParticipationSession(input: SessionInput, options: WriteOptions): Promise<ParticipationSession> {
  return requestJson<ParticipationSession>('POST', `${BASE}/sessions`, input, options);
}

export function closeParticipationSession(id: string, options: WriteOptions): Promise<ParticipationSession> {
  return requestJson<ParticipationSession>('POST', `${BASE}/sessions/${encodeURIComponent(id)}/close`, undefined, options);
}

export function postComment(sessionId: string, input: CommentInput, options: WriteOptions = { csrfToken: null }): Promise<Comment> {
  return requestJson<Comment>('POST', `${BASE}/sessions/${encodeURIComponent(sessionId)}/comments`, input, options);
}

/** Approved comments (anyone); planners may ask for the queue with status pending, hidden or all. */
export async function listComments(sessionId: string, status?: 'pending' | 'hidden' | 'all'): Promise<Comment[]> {
  const query = status ? `?status=${status}` : '';
  return list(await requestJson<Comment[] | { comments: Comment[] }>('GET', `${BASE}/sessions/${encodeURIComponent(sessionId)}/comments${query}`), 'comments');
}

export function moderateComment(commentId: string, action: 'approve' | 'hide', answer: string, options: WriteOptions): Promise<Comment> {
  const body = answer.trim() ? { action, answer: answer.trim() } : { action };
  return requestJson<Comment>('POST', `${BASE}/comments/${encodeURIComponent(commentId)}/moderate`, body, options);
}

export function sessionQrUrl(sessionId: string): string {
  return `${BASE}/sessions/${encodeURIComponent(sessionId)}/qr.svg`;
}

export function sessionExportUrl(sessionId: string, format: 'geojson' | 'csv'): string {
  return `${BASE}/sessions/${encodeURIComponent(sessionId)}/comments.${format}`;
}
