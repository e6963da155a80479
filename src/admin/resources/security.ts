/** Security & audit: audit trail, security events, login sessions and reset tokens (read only). */
import { AuditLog, PasswordResetToken, SecurityLog, Session } from '../../models/index.js';
import { AUDIT_ACTIONS, AUDIT_SEVERITIES } from '../../models/audit-log.model.js';
import { SECURITY_EVENT_TYPES } from '../../models/security-log.model.js';
import {
  enumProperty,
  jsonText,
  keyValue,
  longText,
  newestFirst,
  prop,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { secretProperties } from './secrets.js';
import { NAV, type ResourceSpec } from './types.js';

export const securityResources: ResourceSpec[] = [
  {
    model: AuditLog,
    readOnly: true,
    options: {
      navigation: NAV.security,
      titleProperty: 'description',
      sort: newestFirst,
      listProperties: ['created_at', 'user_email', 'action', 'action_type', 'resource_type', 'description', 'severity'],
      // Not resource_id: a partial UUID in a filter is a database error (STACK.md); not ip_address (INET).
      filterProperties: ['action', 'action_type', 'severity', 'resource_type', 'user_id', 'user_email', 'request_method', 'created_at'],
      showProperties: [
        'created_at', 'user_id', 'user_email', 'action', 'action_type', 'severity', 'resource_type', 'resource_id',
        'description', 'changes', 'request_method', 'request_path', 'ip_address', 'user_agent', 'metadata',
        'id', 'workspace_id', 'updated_at',
      ],
      properties: {
        description: prop(title, longText),
        action: enumProperty(AUDIT_ACTIONS),
        severity: enumProperty(AUDIT_SEVERITIES),
        // { column: { before, after } } and free-form context: nested JSON.
        changes: jsonText,
        metadata: jsonText,
      },
    },
  },
  {
    model: SecurityLog,
    readOnly: true,
    options: {
      navigation: NAV.security,
      titleProperty: 'event_type',
      sort: newestFirst,
      listProperties: ['created_at', 'event_type', 'severity', 'user_email', 'ip_address', 'description', 'action_taken'],
      filterProperties: ['event_type', 'severity', 'user_id', 'user_email', 'created_at'],
      showProperties: [
        'created_at', 'event_type', 'severity', 'user_id', 'user_email', 'description', 'action_taken', 'details',
        'ip_address', 'user_agent', 'location', 'id', 'workspace_id', 'updated_at',
      ],
      properties: {
        event_type: prop(title, enumProperty(SECURITY_EVENT_TYPES)),
        description: longText,
        details: keyValue,
      },
    },
  },
  {
    model: Session,
    readOnly: true,
    options: {
      navigation: NAV.security,
      titleProperty: 'ip_address',
      sort: newestFirst,
      listProperties: ['user_id', 'ip_address', 'browser', 'os', 'device_type', 'last_activity_at', 'expires_at', 'is_revoked'],
      filterProperties: ['user_id', 'is_revoked', 'device_type', 'browser', 'os', 'last_activity_at', 'expires_at', 'created_at'],
      showProperties: [
        'user_id', 'ip_address', 'user_agent', 'browser', 'os', 'device_type', 'created_at', 'last_activity_at',
        'expires_at', 'is_revoked', 'revoked_at', 'revoked_reason', 'id', 'workspace_id', 'updated_at',
      ],
      properties: {
        ip_address: title,
        ...secretProperties('sessions'),
      },
    },
  },
  {
    model: PasswordResetToken,
    readOnly: true,
    options: {
      navigation: NAV.security,
      // No name column: when the reset was requested.
      titleProperty: 'created_at',
      sort: newestFirst,
      listProperties: ['created_at', 'user_id', 'expires_at', 'used', 'updated_at'],
      filterProperties: ['user_id', 'used', 'expires_at', 'created_at'],
      showProperties: ['user_id', 'expires_at', 'used', ...SYSTEM_COLUMNS],
      properties: {
        created_at: title,
        ...secretProperties('password_reset_tokens'),
      },
    },
  },
];
