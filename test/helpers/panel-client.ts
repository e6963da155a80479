/**
 * Drives the panel over HTTP as a browser does: the login form, then AdminJS's /admin/api
 * endpoints with the session cookie. The app runs in-process on an ephemeral port.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { buildApp } from '../../src/server.js';

export interface Panel {
  url: string;
  close(): Promise<void>;
}

export async function startPanel(): Promise<Panel> {
  const { app, close } = buildApp();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
    },
  };
}

export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  location: string | null;
}

export class PanelClient {
  cookie: string | null = null;

  constructor(readonly baseUrl: string, readonly userAgent = 'panel-test') {}

  /** Posts the login form; true when the panel let us in (302 to /admin). */
  async login(email: string, password = 'demo-password'): Promise<{ ok: boolean; status: number; html: string }> {
    const res = await fetch(`${this.baseUrl}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': this.userAgent },
      body: new URLSearchParams({ email, password }).toString(),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const html = res.status === 302 ? '' : await res.text();
    return { ok: res.status === 302 && res.headers.get('location') === '/admin', status: res.status, html };
  }

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<ApiResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie && { cookie: this.cookie }),
        'user-agent': this.userAgent,
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: an HTML page or CSV */
    }
    return { status: res.status, body, location: res.headers.get('location') };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, form: Record<string, string>) => this.request('POST', path, form);

  list(resource: string, query = '') {
    return this.get(`/admin/api/resources/${resource}/actions/list${query ? `?${query}` : ''}`);
  }
  show(resource: string, id: string) {
    return this.get(`/admin/api/resources/${resource}/records/${id}/show`);
  }
  create(resource: string, form: Record<string, string>) {
    return this.post(`/admin/api/resources/${resource}/actions/new`, form);
  }
  edit(resource: string, id: string, form: Record<string, string>) {
    return this.post(`/admin/api/resources/${resource}/records/${id}/edit`, form);
  }
  remove(resource: string, id: string) {
    return this.post(`/admin/api/resources/${resource}/records/${id}/delete`, {});
  }
}
