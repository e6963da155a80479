/**
 * Sales quotas show their attainment: an `after` hook on list and show puts quotaAttainment's
 * figures (src/domain/quotas/attainment.ts) into each record as its `attainment` param (JSON),
 * read once per page for every quota on it, and the revenue target's components show them.
 * Read-only: nothing here writes.
 */
import type { ActionResponse, After, RecordJSON } from 'adminjs';
import { quotaAttainment } from '../../domain/quotas/attainment.js';
import { component } from '../components/loader.js';

export const ATTAINMENT = 'attainment';

/**
 * The revenue target's show and list components, which add the attainment next to the target.
 * (A column of its own would need a VIRTUAL attribute on the model; the figures travel as the
 * record's extra `attainment` param instead.)
 */
export const attainmentComponents = {
  components: {
    show: component('QuotaAttainment', 'quota-attainment.jsx'),
    list: component('QuotaAttainmentCell', 'quota-attainment-cell.jsx'),
  },
};

async function withAttainment(records: RecordJSON[]): Promise<void> {
  const figures = await quotaAttainment(records.map((r) => String(r.id)));
  for (const record of records) {
    const found = figures.get(String(record.id));
    if (found) record.params[ATTAINMENT] = JSON.stringify(found);
  }
}

export const attainmentAfterShow: After<ActionResponse> = async (response) => {
  if (response.record) await withAttainment([response.record as RecordJSON]);
  return response;
};

export const attainmentAfterList: After<ActionResponse> = async (response) => {
  if (Array.isArray(response.records)) await withAttainment(response.records as RecordJSON[]);
  return response;
};
