/**
 * Puts a resource's related lists (related.ts) on its show page: one virtual property, shown
 * last and only on show, drawn by the RelatedLists component. It has no column, so lists,
 * filters, forms, CSV and the audit never see it.
 */
import type { ResourceOptions } from 'adminjs';
import { component } from '../components/loader.js';
import { RELATED } from './related.js';

export const RELATED_PROPERTY = 'related_records';
const RelatedLists = component('RelatedLists', 'related-lists.jsx');

type Presentation = Pick<ResourceOptions, 'properties' | 'showProperties'>;

export function relatedListsProperty(table: string, options: Presentation): Presentation {
  const lists = RELATED[table];
  if (!lists) return {};
  return {
    properties: {
      ...options.properties,
      [RELATED_PROPERTY]: {
        isVisible: { show: true, list: false, edit: false, filter: false },
        isSortable: false,
        position: 10_000,
        components: { show: RelatedLists },
        custom: { lists },
      },
    },
    ...(options.showProperties ? { showProperties: [...options.showProperties, RELATED_PROPERTY] } : {}),
  };
}
