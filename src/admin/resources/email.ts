/** Email & sequences: mailboxes, templates, sequences, the messages, their events and the send queue. */
import {
  Email,
  EmailAccount,
  EmailEvent,
  EmailPreference,
  EmailQueueItem,
  EmailTemplate,
  EmailUnsubscribe,
  Sequence,
  SequenceEnrollment,
  SequenceStep,
} from '../../models/index.js';
import { EMAIL_ACCOUNT_PROVIDERS } from '../../models/email-account.model.js';
import { SEQUENCE_STATUSES } from '../../models/sequence.model.js';
import { SEQUENCE_ENROLLMENT_STATUSES } from '../../models/sequence-enrollment.model.js';
import { EMAIL_PROVIDERS, EMAIL_STATUSES } from '../../models/email.model.js';
import { EMAIL_EVENT_TYPES } from '../../models/email-event.model.js';
import { EMAIL_QUEUE_STATUSES } from '../../models/email-queue-item.model.js';
import {
  EMAIL_UNSUBSCRIBE_CHANNELS,
  EMAIL_UNSUBSCRIBE_REASONS,
  EMAIL_UNSUBSCRIBE_TYPES,
} from '../../models/email-unsubscribe.model.js';
import {
  EMAIL_PREFERENCE_DIGEST_FREQUENCIES,
  EMAIL_PREFERENCE_FREQUENCIES,
} from '../../models/email-preference.model.js';
import {
  enumProperty,
  jsonText,
  keyValue,
  longText,
  newestFirst,
  prop,
  richText,
  stringArray,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { secretProperties } from './secrets.js';
import { sequenceStatusHook } from '../actions/sequence-status.js';
import { enrollmentStatusHook } from '../actions/enrollment-status.js';
import { NAV, type ResourceSpec } from './types.js';

const EMAIL_EDIT = [
  'subject', 'to_email', 'recipient_name', 'cc_emails', 'bcc_emails', 'from_email', 'status', 'scheduled_at',
  'email_account_id', 'owner_id', 'contact_id', 'deal_id', 'template_id', 'body_html', 'body_text',
];

const PREFERENCE_EDIT = [
  'email', 'user_id', 'contact_id', 'marketing_emails', 'product_updates', 'newsletter', 'trial_nurture',
  'billing_notifications', 'email_frequency', 'digest_enabled', 'digest_frequency', 'quiet_hours_enabled',
  'quiet_hours_start', 'quiet_hours_end', 'timezone',
];

const UNSUBSCRIBE_EDIT = [
  'email', 'user_id', 'unsubscribe_type', 'reason', 'reason_detail', 'unsubscribed_via', 'is_active',
  'unsubscribed_at', 'resubscribed_at',
];

export const emailResources: ResourceSpec[] = [
  {
    model: EmailAccount,
    options: {
      navigation: NAV.email,
      titleProperty: 'email',
      sort: newestFirst,
      listProperties: ['email', 'display_name', 'provider', 'user_id', 'is_active', 'daily_send_limit', 'daily_sent_count'],
      filterProperties: ['email', 'provider', 'user_id', 'is_active'],
      // Credentials (OAuth tokens, SMTP settings) are stored by the connect flow, encrypted.
      editProperties: ['email', 'display_name', 'provider', 'user_id', 'is_active', 'daily_send_limit'],
      showProperties: [
        'email', 'display_name', 'provider', 'user_id', 'is_active', 'daily_send_limit', 'daily_sent_count',
        'last_sent_reset', 'token_expires_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        email: title,
        provider: enumProperty(EMAIL_ACCOUNT_PROVIDERS),
        ...secretProperties('email_accounts'),
      },
    },
  },
  {
    model: EmailTemplate,
    options: {
      navigation: NAV.email,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: ['name', 'subject', 'category', 'created_at', 'updated_at'],
      filterProperties: ['name', 'subject', 'category', 'created_at'],
      editProperties: ['name', 'category', 'subject', 'body_html', 'body_text'],
      showProperties: ['name', 'category', 'subject', 'body_html', 'body_text', ...SYSTEM_COLUMNS],
      properties: {
        name: title,
        body_html: richText,
        body_text: longText,
      },
    },
  },
  {
    model: Sequence,
    options: {
      navigation: NAV.email,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: ['name', 'status', 'steps_count', 'created_by', 'created_at'],
      filterProperties: ['name', 'status', 'created_by', 'created_at'],
      // The status moves only with Activate, Pause and Archive (src/admin/actions/sequence-status.ts).
      editProperties: ['name', 'description', 'settings'],
      showProperties: ['name', 'description', 'status', 'steps_count', 'created_by', 'settings', ...SYSTEM_COLUMNS],
      properties: {
        name: title,
        description: longText,
        status: enumProperty(SEQUENCE_STATUSES),
        // Nested (send_window: { start, end }, skip_weekends, stop_on_reply...): JSON text.
        settings: jsonText,
      },
      actions: { new: { before: sequenceStatusHook }, edit: { before: sequenceStatusHook } },
    },
  },
  {
    model: SequenceStep,
    options: {
      navigation: NAV.email,
      titleProperty: 'step_number',
      sort: newestFirst,
      listProperties: ['sequence_id', 'step_number', 'subject', 'delay_days', 'created_at'],
      filterProperties: ['sequence_id', 'step_number', 'subject'],
      editProperties: ['sequence_id', 'step_number', 'delay_days', 'subject', 'body'],
      showProperties: ['sequence_id', 'step_number', 'delay_days', 'subject', 'body', ...SYSTEM_COLUMNS],
      properties: {
        step_number: title,
        // Plain text with {{merge_tags}} and blank-line paragraphs (a rich text editor would reflow it).
        body: longText,
      },
    },
  },
  {
    model: SequenceEnrollment,
    options: {
      navigation: NAV.email,
      titleProperty: 'started_at',
      sort: newestFirst,
      listProperties: [
        'started_at', 'contact_id', 'sequence_id', 'status', 'current_step', 'last_email_sent_at',
        'next_email_scheduled_at', 'user_id',
      ],
      filterProperties: [
        'sequence_id', 'contact_id', 'user_id', 'email_account_id', 'status', 'next_email_scheduled_at', 'started_at',
      ],
      // The status moves only with Pause and Resume (src/admin/actions/enrollment-status.ts).
      editProperties: [
        'sequence_id', 'contact_id', 'user_id', 'email_account_id', 'current_step', 'next_email_scheduled_at',
      ],
      showProperties: [
        'sequence_id', 'contact_id', 'user_id', 'email_account_id', 'status', 'current_step', 'started_at',
        'last_email_sent_at', 'next_email_scheduled_at', 'paused_at', 'completed_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        started_at: title,
        status: enumProperty(SEQUENCE_ENROLLMENT_STATUSES),
      },
      actions: { new: { before: enrollmentStatusHook }, edit: { before: enrollmentStatusHook } },
    },
  },
  {
    model: Email,
    options: {
      navigation: NAV.email,
      titleProperty: 'subject',
      sort: newestFirst,
      listProperties: ['subject', 'to_email', 'status', 'contact_id', 'owner_id', 'sent_at', 'open_count', 'click_count'],
      filterProperties: [
        'status', 'to_email', 'from_email', 'subject', 'contact_id', 'deal_id', 'owner_id', 'campaign_id',
        'sequence_id', 'email_account_id', 'provider', 'sent_at', 'created_at',
      ],
      editProperties: EMAIL_EDIT,
      showProperties: [
        ...EMAIL_EDIT,
        // Origin.
        'campaign_id', 'sequence_id', 'sequence_step_id', 'enrollment_id', 'recipient_user_id',
        // Delivery and engagement, kept by the sender and the provider's webhooks.
        'provider', 'provider_message_id', 'message_id', 'thread_id', 'sent_at', 'delivered_at', 'opened_at',
        'first_opened_at', 'last_opened_at', 'open_count', 'clicked_at', 'first_clicked_at', 'last_clicked_at',
        'click_count', 'links_clicked', 'replied_at', 'bounced_at', 'bounce_type', 'bounce_reason',
        'unsubscribed_at', 'complained_at', 'error_code', 'error_message', 'retry_count', 'max_retries',
        'next_retry_at', 'provider_data', 'send_metadata', ...SYSTEM_COLUMNS,
      ],
      properties: {
        subject: title,
        status: enumProperty(EMAIL_STATUSES),
        provider: enumProperty(EMAIL_PROVIDERS),
        // The HTML as sent, shown as source: a message is a record, not re-rendered or re-edited.
        body_html: longText,
        body_text: longText,
        bounce_reason: longText,
        error_message: longText,
        cc_emails: stringArray,
        bcc_emails: stringArray,
        links_clicked: stringArray,
        provider_data: keyValue,
        send_metadata: keyValue,
      },
    },
  },
  {
    model: EmailEvent,
    // Delivery events from the sender and the provider's webhooks: recorded, never typed in.
    readOnly: true,
    options: {
      navigation: NAV.email,
      titleProperty: 'event_type',
      sort: newestFirst,
      listProperties: ['event_type', 'email_id', 'link_url', 'device_type', 'country', 'created_at'],
      filterProperties: ['event_type', 'email_id', 'device_type', 'country', 'utm_campaign', 'created_at'],
      showProperties: [
        'email_id', 'event_type', 'link_url', 'link_text', 'ip_address', 'user_agent', 'device_type', 'country',
        'city', 'utm_source', 'utm_medium', 'utm_campaign', 'metadata', ...SYSTEM_COLUMNS,
      ],
      properties: {
        event_type: prop(title, enumProperty(EMAIL_EVENT_TYPES)),
        metadata: keyValue,
      },
    },
  },
  {
    model: EmailQueueItem,
    options: {
      navigation: NAV.email,
      titleProperty: 'recipient_email',
      sort: newestFirst,
      listProperties: ['recipient_email', 'campaign_id', 'status', 'priority', 'scheduled_for', 'attempts', 'last_attempt_at'],
      filterProperties: ['status', 'campaign_id', 'user_id', 'recipient_email', 'priority', 'scheduled_for'],
      editProperties: ['recipient_email', 'campaign_id', 'user_id', 'status', 'priority', 'scheduled_for'],
      showProperties: [
        'recipient_email', 'campaign_id', 'user_id', 'status', 'priority', 'scheduled_for', 'attempts',
        'last_attempt_at', 'email_send_id', 'queue_metadata', ...SYSTEM_COLUMNS,
      ],
      properties: {
        recipient_email: title,
        status: enumProperty(EMAIL_QUEUE_STATUSES),
        queue_metadata: keyValue,
      },
    },
  },
  {
    model: EmailUnsubscribe,
    options: {
      navigation: NAV.email,
      titleProperty: 'email',
      sort: newestFirst,
      listProperties: ['email', 'unsubscribe_type', 'reason', 'unsubscribed_via', 'is_active', 'unsubscribed_at'],
      filterProperties: ['email', 'unsubscribe_type', 'reason', 'unsubscribed_via', 'is_active', 'unsubscribed_at'],
      editProperties: UNSUBSCRIBE_EDIT,
      showProperties: [...UNSUBSCRIBE_EDIT, 'unsubscribed_from_email_id', ...SYSTEM_COLUMNS],
      properties: {
        email: title,
        unsubscribe_type: enumProperty(EMAIL_UNSUBSCRIBE_TYPES),
        reason: enumProperty(EMAIL_UNSUBSCRIBE_REASONS),
        unsubscribed_via: enumProperty(EMAIL_UNSUBSCRIBE_CHANNELS),
        reason_detail: longText,
      },
    },
  },
  {
    model: EmailPreference,
    options: {
      navigation: NAV.email,
      titleProperty: 'email',
      sort: newestFirst,
      listProperties: [
        'email', 'marketing_emails', 'product_updates', 'newsletter', 'email_frequency', 'digest_enabled',
        'quiet_hours_enabled',
      ],
      filterProperties: [
        'email', 'user_id', 'contact_id', 'email_frequency', 'marketing_emails', 'newsletter', 'digest_enabled',
      ],
      editProperties: PREFERENCE_EDIT,
      showProperties: [...PREFERENCE_EDIT, ...SYSTEM_COLUMNS],
      properties: {
        email: title,
        email_frequency: enumProperty(EMAIL_PREFERENCE_FREQUENCIES),
        digest_frequency: enumProperty(EMAIL_PREFERENCE_DIGEST_FREQUENCIES),
        // TIME columns, 'HH:MM' or 'HH:MM:SS'.
        quiet_hours_start: { description: 'Local time, HH:MM' },
        quiet_hours_end: { description: 'Local time, HH:MM' },
      },
    },
  },
];
