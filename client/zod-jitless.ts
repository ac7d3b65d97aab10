// Imported first by main.ts, before anything that builds zod schemas (server/contracts/*): zod's JIT probes
// `new Function('')` when an object schema is created, which the page's CSP (script-src 'self', no 'unsafe-eval')
// rightly refuses and reports as a securitypolicyviolation. Jitless parsing needs no eval and is fast enough here.
import { z } from 'zod';

z.config({ jitless: true });
