/** Settings: workspaces, people and their roles, teams, global settings and CSV imports. */
import { DataImport, Role, SystemSetting, Team, User, UserRole, Workspace } from '../../models/index.js';
import { DATA_IMPORT_RESOURCES, DATA_IMPORT_STATUSES } from '../../models/data-import.model.js';
import {
  enumProperty,
  hidden,
  jsonText,
  keyValue,
  longText,
  newestFirst,
  prop,
  title,
  virtual,
  SYSTEM_COLUMNS,
} from './labels.js';
import { secretProperties } from './secrets.js';
import { NAV, type ResourceSpec } from './types.js';

const USER_EDIT = [
  'first_name', 'last_name', 'email', 'phone', 'title', 'department', 'team_id', 'manager_id', 'is_active',
  'email_verified', 'timezone', 'language', 'avatar_url', 'locked_until', 'failed_login_count', 'settings',
];

export const settingsResources: ResourceSpec[] = [
  {
    model: Workspace,
    options: {
      navigation: NAV.settings,
      titleProperty: 'name',
      sort: newestFirst,
      // The table has four listable columns (settings is JSON).
      listProperties: ['name', 'slug', 'created_at', 'updated_at'],
      filterProperties: ['name', 'slug', 'created_at'],
      editProperties: ['name', 'slug', 'settings'],
      showProperties: ['name', 'slug', 'settings', 'id', 'created_at', 'updated_at'],
      properties: {
        name: title,
        // { timezone, currency, locale, fiscal_year_start_month }.
        settings: keyValue,
      },
    },
  },
  {
    model: User,
    options: {
      navigation: NAV.settings,
      titleProperty: 'full_name',
      sort: newestFirst,
      listProperties: ['full_name', 'email', 'title', 'team_id', 'is_active', 'last_login_at', 'created_at'],
      filterProperties: [
        'email', 'first_name', 'last_name', 'team_id', 'manager_id', 'department', 'is_active', 'email_verified',
        'last_login_at', 'locked_until', 'created_at',
      ],
      // `password` is a form-only field: UsersResource hashes it into password_hash.
      editProperties: [...USER_EDIT.slice(0, 3), 'password', ...USER_EDIT.slice(3)],
      showProperties: [
        'full_name', ...USER_EDIT, 'last_login_at', 'last_active_at', 'deleted_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        // VIRTUAL(first_name, last_name) on the model.
        full_name: prop(virtual, title),
        // Nested ({ theme, notifications: { email, in_app } }): JSON text.
        settings: jsonText,
        locked_until: { description: 'Clear (with failed login count 0) to unlock the login now' },
        password: {
          type: 'password',
          isVisible: { list: false, filter: false, show: false, edit: true },
          description: 'Required for a new user (at least 10 characters). Leave empty to keep the current password.',
        },
        ...secretProperties('users'),
      },
    },
  },
  {
    model: Role,
    options: {
      navigation: NAV.settings,
      titleProperty: 'name',
      sort: newestFirst,
      // The table has four listable columns (permissions is JSON).
      listProperties: ['name', 'description', 'created_at', 'updated_at'],
      filterProperties: ['name'],
      editProperties: ['name', 'description', 'permissions'],
      showProperties: ['name', 'description', 'permissions', 'id', 'created_at', 'updated_at'],
      properties: {
        name: title,
        description: longText,
        // The permission policy the panel enforces: nested JSON.
        permissions: jsonText,
      },
    },
  },
  {
    model: UserRole,
    options: {
      navigation: NAV.settings,
      // Composite key (workspace, user, role): a role is held per workspace, so the workspace is
      // listed. Changing a role is removing it and adding the new one (its key would change), so
      // there is no edit.
      titleProperty: 'role_id',
      actions: { edit: { isAccessible: false }, bulkEdit: { isAccessible: false } },
      sort: newestFirst,
      listProperties: ['user_id', 'role_id', 'workspace_id', 'created_at', 'updated_at'],
      filterProperties: ['user_id', 'role_id', 'created_at'],
      editProperties: ['user_id', 'role_id'],
      showProperties: ['user_id', 'role_id', 'workspace_id', 'created_at', 'updated_at'],
      properties: {
        role_id: title,
      },
    },
  },
  {
    model: Team,
    options: {
      navigation: NAV.settings,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: ['name', 'team_lead_id', 'description', 'created_at', 'updated_at'],
      filterProperties: ['name', 'team_lead_id'],
      editProperties: ['name', 'team_lead_id', 'description'],
      showProperties: ['name', 'team_lead_id', 'description', ...SYSTEM_COLUMNS],
      properties: {
        name: title,
        description: longText,
      },
    },
  },
  {
    model: SystemSetting,
    options: {
      navigation: NAV.settings,
      titleProperty: 'key',
      sort: newestFirst,
      listProperties: ['key', 'value', 'description', 'updated_by', 'updated_at'],
      filterProperties: ['key', 'description', 'updated_by'],
      editProperties: ['key', 'value', 'description'],
      showProperties: ['key', 'value', 'description', 'updated_by', 'created_at', 'updated_at'],
      properties: {
        key: title,
        // Any JSON value (true, 24, "text", { ... }): JSON text, and read in the list too.
        value: prop(jsonText, { isVisible: { list: true, filter: false, show: true, edit: true } }),
        description: longText,
      },
    },
  },
  {
    model: DataImport,
    // Created by the CSV import action and advanced by the csv-import job.
    readOnly: true,
    options: {
      navigation: NAV.settings,
      titleProperty: 'file_name',
      sort: newestFirst,
      listProperties: ['file_name', 'resource', 'status', 'user_id', 'processed_rows', 'error_count', 'created_at', 'finished_at'],
      filterProperties: ['resource', 'status', 'user_id', 'file_name', 'created_at'],
      showProperties: [
        'file_name', 'resource', 'status', 'user_id', 'total_rows', 'processed_rows', 'created_count', 'updated_count',
        'error_count', 'failure_reason', 'error_report', 'mapping', 'options', 'started_at', 'finished_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        file_name: title,
        resource: enumProperty(DATA_IMPORT_RESOURCES),
        status: enumProperty(DATA_IMPORT_STATUSES),
        failure_reason: longText,
        // VIRTUAL: the capped `errors` list as "line N, field: message" lines.
        error_report: prop(virtual, longText, { isVisible: { list: false, filter: false, show: true, edit: false } }),
        mapping: keyValue,
        options: jsonText,
        // The uploaded file (excluded by the model's default scope) and the raw error list.
        csv: hidden,
        errors: prop(hidden, { isSortable: false }),
      },
    },
  },
];
