/**
 * CSV imports (data_imports): written by the import action and advanced by the csv-import job,
 * read here. The uploaded file never reaches the panel (hidden, and the model's default scope
 * does not even load it); the per-row problems show on the import's page as text lines
 * (`error_report`, a VIRTUAL over the capped `errors` list).
 */
import { DataImport } from '../../models/index.js';
import { DATA_IMPORT_RESOURCES, DATA_IMPORT_STATUSES } from '../../models/data-import.model.js';
import { enumProperty, hidden, jsonText, keyValue, longText, newestFirst, prop, title, virtual } from './labels.js';
import { NAV, type ResourceSpec } from './types.js';

export const importResources: ResourceSpec[] = [
  {
    model: DataImport,
    readOnly: true,
    options: {
      navigation: NAV.settings,
      titleProperty: 'file_name',
      sort: newestFirst,
      listProperties: ['resource', 'file_name', 'status', 'processed_rows', 'total_rows', 'error_count', 'created_at'],
      filterProperties: ['resource', 'status', 'file_name', 'user_id', 'created_at'],
      showProperties: [
        'file_name', 'resource', 'status', 'user_id', 'total_rows', 'processed_rows', 'created_count', 'updated_count',
        'error_count', 'failure_reason', 'error_report', 'mapping', 'options', 'started_at', 'finished_at',
        'id', 'workspace_id', 'created_at', 'updated_at',
      ],
      properties: {
        file_name: title,
        resource: enumProperty(DATA_IMPORT_RESOURCES),
        status: enumProperty(DATA_IMPORT_STATUSES),
        failure_reason: longText,
        // The errors, one "line N, field: message" per line, in a textarea on the show page.
        error_report: prop(virtual, longText, { isVisible: { list: false, filter: false, show: true, edit: false } }),
        mapping: keyValue,
        options: jsonText,
        csv: hidden,
        errors: prop(hidden, { isSortable: false }),
      },
    },
  },
];
