/**
 * Builds the panel: every model a resource (presentation from resources/, data access through
 * ScopedResource), the policy on every action, login and sessions in PostgreSQL, and the API
 * guard in front. `buildAdmin()` returns the AdminJS instance and the Express router to mount
 * at its rootPath.
 */
import AdminJS, { type ActionContext, type ResourceOptions, type ResourceWithOptions } from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import { Database, Resource } from '@adminjs/sequelize';
import express, { type Router } from 'express';
import { accessibleFor, apiGuard } from './access.js';
import { authenticate, panelSession, panelSessionOptions, recordLogout, SESSION_COOKIE } from './auth/panel-auth.js';
import { passwordResetRouter } from './auth/password-reset-routes.js';
import { queueMonitor } from './queue-monitor.js';
import { config } from '../config.js';
import { customActionsFor } from './actions/index.js';
import { componentLoader, removeStaleBundle } from './components/loader.js';
import { dashboard } from './dashboard/index.js';
import { exportRoute } from './export-route.js';
import { panelLocale } from './locale.js';
import { panelPages } from './pages/index.js';
import { allResourceSpecs } from './resources/index.js';
import { relatedListsProperty } from './resources/related-property.js';
import type { ResourceSpec } from './resources/types.js';
import { RolesResource } from './roles-resource.js';
import { ScopedResource } from './scoped-resource.js';
import { UsersResource } from './users-resource.js';

AdminJS.registerAdapter({ Database, Resource });

export const ROOT_PATH = '/admin';
/** A small inline icon: no file to serve, no /favicon.ico 404 on every page. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#3040d6"/>'
  + '<text x="16" y="22" font-family="sans-serif" font-size="11" font-weight="bold" fill="#fff" text-anchor="middle">CRM</text></svg>',
)}`;
const STANDARD = ['list', 'show', 'new', 'edit', 'delete', 'bulkDelete', 'search'] as const;

type IsAccessible = boolean | ((context: ActionContext) => boolean | Promise<boolean>) | undefined;

/** The policy on an action; an action's own condition (root only, never) can only narrow it. */
function guarded(name: string, own: IsAccessible): (context: ActionContext) => boolean {
  const policy = accessibleFor(name);
  if (own === undefined || own === true) return policy;
  if (own === false) return () => false;
  return (context) => policy(context) && own(context) === true;
}

/** The spec's options plus the policy on every standard and custom action. */
function withAccess(spec: ResourceSpec, table: string): ResourceOptions {
  // Loosely typed on purpose: AdminJS types each standard action's handler differently.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const own: Record<string, any> = spec.options.actions ?? {};
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const actions: Record<string, any> = { ...own };
  // accessibleFor also refuses writes on read-only resources; an inaccessible action is hidden.
  for (const name of STANDARD) actions[name] = { ...own[name], isAccessible: guarded(name, own[name]?.isAccessible) };
  for (const [name, action] of Object.entries(customActionsFor(table))) {
    actions[name] = { ...action, ...own[name], isAccessible: guarded(name, own[name]?.isAccessible ?? action.isAccessible) };
  }
  return { ...spec.options, ...relatedListsProperty(table, spec.options), actions } as ResourceOptions;
}

/** Users and roles have form rules of their own (password, policy); every other table is plain. */
function resourceFor(model: ResourceSpec['model']): ScopedResource {
  const table = model.getTableName();
  if (table === 'users') return new UsersResource(model);
  if (table === 'roles') return new RolesResource(model);
  return new ScopedResource(model);
}

export function buildResources(): ResourceWithOptions[] {
  return allResourceSpecs.map((spec) => {
    const resource: ScopedResource = resourceFor(spec.model);
    return { resource, options: withAccess(spec, resource.table) };
  });
}

export function buildAdmin(): { admin: AdminJS; router: Router } {
  removeStaleBundle();
  const admin = new AdminJS({
    rootPath: ROOT_PATH,
    loginPath: `${ROOT_PATH}/login`,
    logoutPath: `${ROOT_PATH}/logout`,
    resources: buildResources(),
    componentLoader,
    dashboard,
    pages: panelPages,
    branding: {
      companyName: 'CRM Back Office',
      // No logo: the sidebar shows the company name instead of AdminJS's.
      logo: false,
      favicon: FAVICON,
      withMadeWithLove: false,
    },
    locale: panelLocale,
    settings: { defaultPerPage: 20 },
  });

  const router = express.Router();
  // Before the session and the login wall: someone locked out has neither.
  router.use(passwordResetRouter());
  router.use(panelSession());
  router.get('/logout', (req, _res, next) => {
    recordLogout(req.session.adminUser, req).then(() => next(), next);
  });
  // After the session (it decides who may see it), before AdminJS's router (which would claim the path).
  router.use('/queues', queueMonitor({
    basePath: `${ROOT_PATH}/queues`,
    loginPath: `${ROOT_PATH}/login`,
    logoutPath: `${ROOT_PATH}/logout`,
    panelPath: ROOT_PATH,
  }));
  router.use(apiGuard);
  router.get('/export/:table', exportRoute(admin));
  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate, cookieName: SESSION_COOKIE, cookiePassword: config.sessionSecret },
    null,
    // AdminJS mounts a session middleware of its own; panelSession() above has already loaded
    // the session, so it never runs, but given no store it would build (and warn about) a
    // MemoryStore: it gets the PostgreSQL one.
    panelSessionOptions(),
  );
  router.use(adminRouter);
  return { admin, router };
}
