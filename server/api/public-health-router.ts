// Public-health indicators per buurt over HTTP (mounted at /api/public-health; /api/health is liveness).
// Every answer is built field by field from disclosure-controlled values: the raw table in the store's
// ('health', 'current') document never leaves the server.
import { Router } from 'express';
import { z } from 'zod';
import { NotFound } from '../errors.ts';
import { quantileClasses } from '../health/quantile-classes.ts';
import { publishIndicators } from '../health/disclosure.ts';
import { type LatestIndicator, latestValues, valueOf } from '../health/latest-values.ts';
import { DEFAULT_DISCLOSURE, type HealthDocument, INDICATOR_ID } from '../health/model.ts';
import { loadHealthDocument } from '../health/store-health.ts';
import type { Store } from '../store/store.ts';
import { parseParams } from './validate.ts';

export const indicatorParams = z.object({ id: z.string().regex(INDICATOR_ID, 'must be an indicator id: lower-case letters, digits and underscores') });

export function publicHealthRouter(store: Store): Router {
  const router = Router();

  const publishedView = (doc: HealthDocument): LatestIndicator[] =>
    latestValues(publishIndicators(doc.rows, doc.indicators, doc.disclosure), doc.indicators);

  router.get('/indicators', async (_req, res) => {
    const doc = await loadHealthDocument(store);
    // No health data loaded is a normal state of a twin, not an error: an empty list.
    if (!doc) {
      res.json({ threshold: DEFAULT_DISCLOSURE.minRespondents, indicators: [] });
      return;
    }
    res.json({ threshold: doc.disclosure.minRespondents, indicators: publishedView(doc).map(indicatorSummary) });
  });

  router.get('/indicators/:id', async (req, res) => {
    const { id } = parseParams(indicatorParams, req);
    const doc = await loadHealthDocument(store);
    const latest = doc ? publishedView(doc).find((l) => l.definition.id === id) : undefined;
    if (!doc || !latest) throw new NotFound(`No health indicator with id ${id}`);
    const buurten = (await store.buurten()).map((b) => {
      const v = valueOf(latest, b.code);
      return { code: b.code, name: b.name, value: v.value, status: v.status, respondents: v.respondents };
    });
    const shown = buurten.flatMap((b) => (b.status === 'ok' && b.value !== null ? [b.value] : []));
    res.json({
      indicator: indicatorSummary(latest),
      threshold: doc.disclosure.minRespondents,
      buurten,
      classes: quantileClasses(shown, 5),
    });
  });

  return router;
}

function indicatorSummary({ definition: d, year }: LatestIndicator) {
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    unit: d.unit,
    higherIsBetter: d.higherIsBetter,
    year: year ?? null,
    source: d.source,
  };
}
