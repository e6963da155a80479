/**
 * Rendering a message and its tracking tokens: merge fields (a missing one is an error naming
 * it), HTML escaping of merged values, links rewritten to signed click URLs that decode to the
 * original URL, the open pixel, the List-Unsubscribe headers, and tokens that cannot be forged,
 * reused for another kind, or tampered with.
 */
import { randomUUID } from 'node:crypto';
import { config } from '../src/config.js';
import { MissingMergeFieldError, renderEmail } from '../src/domain/email/render.js';
import { signTracking, verifyTracking } from '../src/domain/email/tracking-token.js';

const emailId = randomUUID();
const context = {
  contact: { first_name: 'Ada', last_name: 'Lovelace', company_name: 'Analytical <Engines>', title: null },
  account: { name: 'Babbage & Co' },
  sender: { first_name: 'Charles', email: 'charles@acme.example' },
};

const tokenOf = (url: string, prefix: string) => url.slice(`${config.appUrl}${prefix}/`.length).replace(/\.gif$/, '');

test('merge fields are filled from contact, account and sender; HTML values are escaped', () => {
  const out = renderEmail({
    emailId,
    subject: 'Hi {{contact.first_name}}, about {{account.name}}',
    html: '<p>Hello {{ contact.first_name }} at {{contact.company_name}}, {{contact.title | "friend"}}.</p><p>{{sender.first_name}}</p>',
    text: null,
    trackOpens: false,
    trackClicks: false,
  }, context);
  expect(out.subject).toBe('Hi Ada, about Babbage & Co');
  expect(out.html).toContain('Hello Ada at Analytical &lt;Engines&gt;, friend.');
  expect(out.html).toContain('<p>Charles</p>');
  expect(out.text).toContain('Hello Ada at Analytical <Engines>, friend.');
});

test('a missing merge field is an error naming every missing field, not a blank', () => {
  const render = () => renderEmail({
    emailId,
    subject: 'Hi {{contact.first_name}}',
    html: '<p>{{contact.title}} at {{account.industry}} ({{contact.nickname}})</p>',
    text: null,
    trackOpens: true,
    trackClicks: true,
  }, context);
  expect(render).toThrow(MissingMergeFieldError);
  expect(render).toThrow('missing merge fields: contact.title, account.industry, contact.nickname');
});

test('links become signed click URLs that lead back to the original; mailto and the unsubscribe link stay', () => {
  const out = renderEmail({
    emailId,
    subject: 'Links',
    html: '<html><body><p><a href="https://example.com/pricing?a=1&amp;b=2">pricing</a> '
      + "<a class='x' href='http://example.org/'>org</a> <a href=\"mailto:x@example.com\">mail</a> "
      + '<a href="{{email.unsubscribe_url}}">unsubscribe</a></p></body></html>',
    text: null,
    trackOpens: true,
    trackClicks: true,
  }, context);
  const clicks = [...out.html.matchAll(/href=["']([^"']+)["']/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  expect(clicks).toHaveLength(4);
  const [pricing, org, mail, unsubscribe] = clicks;
  expect(verifyTracking(tokenOf(pricing, '/t/c'), 'click')).toEqual({ kind: 'click', emailId, url: 'https://example.com/pricing?a=1&b=2' });
  expect(verifyTracking(tokenOf(org, '/t/c'), 'click')).toEqual({ kind: 'click', emailId, url: 'http://example.org/' });
  expect(mail).toBe('mailto:x@example.com');
  expect(unsubscribe).toBe(out.unsubscribeUrl);
  expect(verifyTracking(tokenOf(out.unsubscribeUrl, '/t/u'), 'unsubscribe')).toEqual({ kind: 'unsubscribe', emailId });

  // The pixel sits before </body> and names this email.
  const pixel = /<img src="([^"]+)" width="1" height="1"[^>]*><\/body>/.exec(out.html);
  expect(pixel).not.toBeNull();
  expect(verifyTracking(tokenOf(pixel![1].replace(/&amp;/g, '&'), '/t/o'), 'open')).toEqual({ kind: 'open', emailId });

  expect(out.headers).toEqual({
    'List-Unsubscribe': `<${out.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
  // The text part keeps the original URLs readable.
  expect(out.text).toContain('https://example.com/pricing?a=1&b=2');
});

test('without tracking, links and body stay as written; a text-only template gets an HTML part', () => {
  const out = renderEmail({
    emailId, subject: 'Plain', html: null, text: 'Hi {{contact.first_name}},\n\nsee https://example.com\nbye', trackOpens: false, trackClicks: false,
  }, context);
  expect(out.text).toBe('Hi Ada,\n\nsee https://example.com\nbye');
  expect(out.html).toBe('<p>Hi Ada,</p>\n<p>see https://example.com<br>bye</p>');
});

test('a forged, tampered, truncated or wrong-kind token verifies to nothing', () => {
  const click = signTracking({ kind: 'click', emailId, url: 'https://example.com/' });
  expect(verifyTracking(click, 'click')).not.toBeNull();
  const [payload, mac] = click.split('.');
  // Same MAC, another URL.
  const evil = Buffer.from(JSON.stringify(['c', emailId, 'https://evil.example/'])).toString('base64url');
  expect(verifyTracking(`${evil}.${mac}`, 'click')).toBeNull();
  // A flipped MAC character, a cut token, garbage, another kind.
  const flipped = (mac.startsWith('A') ? 'B' : 'A') + mac.slice(1);
  expect(verifyTracking(`${payload}.${flipped}`, 'click')).toBeNull();
  // The same MAC bytes spelled with other unused low bits in the last character.
  const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const respelled = mac.slice(0, -1) + last[(last.indexOf(mac.slice(-1)) & ~3) | ((last.indexOf(mac.slice(-1)) + 1) & 3)];
  expect(verifyTracking(`${payload}.${respelled}`, 'click')).toBeNull();
  expect(verifyTracking(payload, 'click')).toBeNull();
  expect(verifyTracking('not-a-token', 'open')).toBeNull();
  expect(verifyTracking('', 'open')).toBeNull();
  expect(verifyTracking(42, 'open')).toBeNull();
  expect(verifyTracking(click, 'open')).toBeNull();
  expect(verifyTracking(signTracking({ kind: 'open', emailId }), 'unsubscribe')).toBeNull();
  expect(verifyTracking('x'.repeat(10_000), 'open')).toBeNull();
});
