/**
 * The panel's custom pages (sidebar "Pages"): views and flows that are not one table's list or
 * record, such as a board or a person's timeline across systems. Each page lives in a file of
 * this folder (its handler) with its React component in ../components/, and is listed here.
 * A page's handler decides who may see what (it gets the logged-in actor in `context.currentAdmin`).
 */
import type { AdminJSOptions } from 'adminjs';

export const panelPages: NonNullable<AdminJSOptions['pages']> = {};
