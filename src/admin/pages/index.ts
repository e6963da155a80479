/**
 * The panel's custom pages (sidebar "Pages"): views and flows that are not one table's list or
 * record, such as a board or a person's timeline across systems. Each page lives in a file of
 * this folder (its handler) with its React component in ../components/, and is listed here.
 * A page's handler decides who may see what (it gets the logged-in actor in `context.currentAdmin`).
 */
import type { AdminJSOptions } from 'adminjs';
import { myTasksPage } from './my-tasks.js';
import { pipelineBoardPage } from './pipeline-board.js';
import { company360Page } from './company-360.js';
import { personFinderPage } from './person-finder.js';
import { outreachActivityPage } from './outreach-activity.js';
import { actionQueuePage } from './action-queue.js';
import { hotDropsPage } from './hot-drops.js';

export const panelPages: NonNullable<AdminJSOptions['pages']> = {
  myTasks: myTasksPage,
  pipelineBoard: pipelineBoardPage,
  company360: company360Page,
  findPerson: personFinderPage,
  outreachActivity: outreachActivityPage,
  myActionQueue: actionQueuePage,
  hotDrops: hotDropsPage,
};
