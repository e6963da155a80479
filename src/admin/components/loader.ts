/** The custom React components the panel bundles (AdminJS bundles them itself with rollup). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentLoader } from 'adminjs';

export const componentLoader = new ComponentLoader();
const here = path.dirname(fileURLToPath(import.meta.url));

/** Registers a component file of this folder under `name`; returns the id AdminJS wants. */
export const component = (name: string, file: string): string => componentLoader.add(name, path.join(here, file));

// The login page: AdminJS's form plus the password reset link.
componentLoader.override('Login', path.join(here, 'login.jsx'));
