/**
 * The few pages served outside the panel's React app (password reset, unsubscribe): a small,
 * self-contained HTML layout, never cached, never indexed, never leaking its URL (which holds a
 * token) as a referrer. `body` is trusted markup; `title` is escaped.
 */
import type { Response } from 'express';
import { escapeHtml } from '../domain/html.js';

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f6f7fb; color: #1c1c38; margin: 0; }
  main { max-width: 440px; margin: 10vh auto; background: #fff; padding: 32px; box-shadow: 0 2px 12px #0001; }
  h1 { font-size: 20px; margin-top: 0; } label { display: block; margin: 16px 0 4px; font-size: 14px; }
  input { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #c0c0ca; font-size: 14px; }
  button { margin-top: 20px; padding: 10px 18px; background: #3040d6; color: #fff; border: 0; font-size: 14px; cursor: pointer; }
  .error { color: #c20012; font-size: 13px; margin-top: 4px; } .note { color: #454655; font-size: 14px; }
  a { color: #3040d6; }`;

export function sendPlainPage(res: Response, status: number, title: string, body: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`);
}
