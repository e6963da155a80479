/** The custom React components the panel bundles (AdminJS bundles them itself with rollup). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { ComponentLoader } from 'adminjs';
import { config } from '../../config.js';

export const componentLoader = new ComponentLoader();
const here = path.dirname(fileURLToPath(import.meta.url));

/** Registers a component file of this folder under `name`; returns the id AdminJS wants. */
export const component = (name: string, file: string): string => componentLoader.add(name, path.join(here, file));

// The login page: AdminJS's form plus the password reset link.
componentLoader.override('Login', path.join(here, 'login.jsx'));

/**
 * Outside production AdminJS bundles the components on the first request for them, but serves
 * a bundle already on disk as it is: after a component changed, the panel would run the old one.
 * Removed once per process, so each start bundles what the sources say (production builds its
 * bundle at start anyway).
 */
let staleBundleRemoved = false;
export function removeStaleBundle(): void {
  // A test run bundles into a fresh folder of its own (test/global-setup.ts): nothing stale to
  // remove, and the bundle is made once per run instead of once per suite.
  if (config.isProduction || config.env === 'test' || staleBundleRemoved) return;
  staleBundleRemoved = true;
  rmSync(path.join(config.adminBundleDir, 'bundle.js'), { force: true });
}
