// RELIABILITY.md #10: the JSON API refuses other body types unparsed (415) and malformed JSON with 400; the server
// keeps serving afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTwin, type TestTwin } from '../support/twin.ts';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(async () => {
  await twin?.close();
});

const post = (path: string, body: string, contentType?: string) =>
  fetch(`${twin.url}${path}`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

describe('request bodies on the JSON API', () => {
  it.each([
    ['text/plain', 'name=x'],
    ['application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
    ['application/x-www-form-urlencoded', 'username=a&password=b'],
  ])('refuses %s with 415 without parsing it', async (type, body) => {
    for (const path of ['/api/auth/login', '/api/omgevingsplan/check', '/api/participation/sessions']) {
      const res = await post(path, body, type);
      expect(res.status, path).toBe(415);
      const problem = await res.json();
      expect(problem.code).toBe('unsupported-media-type');
      expect(JSON.stringify(problem)).not.toMatch(/passwd|root:|ENTITY/);
    }
  });

  it.each([
    ['malformed JSON', '{"username": '],
    ['whitespace only', '   '],
    ['a top-level scalar', '"x"'],
  ])('answers 400 to %s', async (_name, body) => {
    const res = await post('/api/auth/login', body, 'application/json');
    expect(res.status).toBe(400);
  });

  it('lets an empty POST through to the route (Content-Length: 0, no type)', async () => {
    const res = await fetch(`${twin.url}/api/auth/logout`, { method: 'POST' });
    expect(res.status).not.toBe(415);
  });

  it('still serves after all of that', async () => {
    expect((await fetch(`${twin.url}/api/health`)).status).toBe(200);
  });
});
