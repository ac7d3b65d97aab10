// Absolute link hrefs for OGC API responses. Paging state travels only as `offset` in the next/prev hrefs;
// clients follow those links and never build offsets themselves.
import type { Request } from 'express';

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
export const OPENAPI_JSON = 'application/vnd.oai.openapi+json;version=3.0';
export const SCHEMA_JSON = 'application/schema+json';
export const HTML = 'text/html';

export interface Link {
  href: string;
  rel: string;
  type: string;
  title: string;
}

/** Host header characters we are willing to echo into links; anything else falls back to localhost. */
const SAFE_HOST = /^[A-Za-z0-9.:[\]-]{1,255}$/;

/**
 * The absolute URL of the router's root (e.g. `http://127.0.0.1:8080/ogc`). A configured baseUrl wins (use it
 * behind a proxy); otherwise it is taken from the request, as `trust proxy` is off.
 */
export function ogcBaseUrl(req: Request, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = req.get('host') ?? '';
  return `${req.protocol}://${SAFE_HOST.test(host) ? host : 'localhost'}${req.baseUrl}`;
}

export function link(href: string, rel: string, type: string, title: string): Link {
  return { href, rel, type, title };
}

export function withQuery(href: string, params: [string, string][]): string {
  if (params.length === 0) return href;
  return `${href}?${new URLSearchParams(params).toString()}`;
}

export interface PageLinkInput {
  itemsHref: string;
  collectionHref: string;
  /** Validated request parameters other than limit and offset, to repeat in every paging link. */
  echo: [string, string][];
  limit: number;
  offset: number;
  numberReturned: number;
  numberMatched: number;
}

export function itemsPageLinks(p: PageLinkInput): Link[] {
  const page = (offset: number) =>
    withQuery(p.itemsHref, [...p.echo, ['limit', String(p.limit)], ...(offset > 0 ? [['offset', String(offset)] as [string, string]] : [])]);
  const links = [link(page(p.offset), 'self', GEOJSON, 'This document as GeoJSON')];
  if (p.offset + p.numberReturned < p.numberMatched) links.push(link(page(p.offset + p.limit), 'next', GEOJSON, 'Next page'));
  if (p.offset > 0) links.push(link(page(Math.max(0, p.offset - p.limit)), 'prev', GEOJSON, 'Previous page'));
  links.push(link(p.collectionHref, 'collection', JSON_TYPE, 'The collection this page belongs to'));
  return links;
}
