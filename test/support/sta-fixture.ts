// A fresh sensor store in a temp dir and the SensorThings router on a real port, for API and conformance tests.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { errorHandler } from '../../server/api/problem.ts';
import { staRouter } from '../../server/api/sta-router.ts';
import { openSensorStore, type SensorStore } from '../../server/sensors/store/sensor-store.ts';

export interface StaFixture {
  base: string;
  store: SensorStore;
  call(method: string, pathAndQuery: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export async function createStaFixture(): Promise<StaFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-sta-'));
  const store = openSensorStore(path.join(dir, 'sensors.sqlite'));
  const app = express().use('/sta/v1.1', staRouter(store)).use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sta/v1.1`;
  return {
    base,
    store,
    async call(method, pathAndQuery, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(base + pathAndQuery, init);
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text, headers: res.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
