/** Campaigns: one-off and triggered e-mail campaigns (S2 + S3 email_campaigns). */
import { EmailCampaign } from '../../models/index.js';
import { ValidationError, type Before } from 'adminjs';
import { AudienceError, isEmptyAudience, parseAudience } from '../../domain/campaigns/audience.js';
import { statusOnlyThroughActions } from '../actions/state-change.js';
import {
  EMAIL_CAMPAIGN_STATUSES,
  EMAIL_CAMPAIGN_TRIGGER_TYPES,
  EMAIL_CAMPAIGN_TYPES,
} from '../../models/email-campaign.model.js';
import { enumProperty, jsonText, keyValue, longText, newestFirst, prop, richText, stringArray, title } from './labels.js';
import { NAV, type ResourceSpec } from './types.js';

/** ISO weekdays as stored in send_on_days. */
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((label, i) => ({
  value: String(i + 1),
  label,
}));

const CAMPAIGN_EDIT = [
  'name', 'description', 'campaign_type', 'is_active',
  // Audience and trigger.
  'audience', 'trigger_type', 'trigger_event', 'trigger_conditions',
  // Content.
  'template_id', 'external_template_id', 'template_variables', 'subject_line', 'preview_text', 'from_name',
  'from_email', 'reply_to', 'html_content', 'text_content',
  // Schedule and sequence.
  'scheduled_at', 'send_delay_minutes', 'send_at_time', 'send_on_days', 'sequence_name', 'sequence_order',
  // A/B test.
  'ab_test_enabled', 'ab_test_variant', 'ab_test_traffic_percentage',
];

const statusHook = statusOnlyThroughActions('Schedule, Send now or Cancel');

/**
 * `before` of the campaign form (new, edit): the status is not a form field (the actions of
 * src/admin/actions/campaign-actions.ts move it), and an audience that is not valid is refused
 * next to the field, naming the bad part, instead of at scheduling time. `{}` stays allowed: a
 * draft may have no audience yet. JSON that does not parse is left to the write path's message.
 */
const campaignFormHook: Before = async (request, context) => {
  const checked = await statusHook(request, context);
  const raw = checked.payload?.audience;
  if (checked.method !== 'post' || typeof raw !== 'string') return checked;
  let audience: unknown;
  try {
    audience = JSON.parse(raw);
  } catch {
    return checked;
  }
  try {
    if (!isEmptyAudience(audience)) parseAudience(audience);
  } catch (err) {
    if (err instanceof AudienceError) throw new ValidationError({ audience: { message: err.message } });
    throw err;
  }
  return checked;
};

export const campaignResources: ResourceSpec[] = [
  {
    model: EmailCampaign,
    options: {
      navigation: NAV.campaigns,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: [
        'name', 'status', 'campaign_type', 'trigger_type', 'scheduled_at', 'total_sent', 'total_opened', 'total_clicked',
      ],
      filterProperties: [
        'name', 'status', 'campaign_type', 'trigger_type', 'is_active', 'template_id', 'created_by', 'ab_test_enabled',
        'scheduled_at', 'sent_at',
      ],
      // The status moves only with Schedule, Send now and Cancel (src/admin/actions/campaign-actions.ts).
      editProperties: CAMPAIGN_EDIT,
      showProperties: [
        'status', ...CAMPAIGN_EDIT,
        // Delivery totals, kept by the sender.
        'sent_at', 'last_sent_at', 'total_sent', 'total_delivered', 'total_opened', 'total_clicked', 'total_bounced',
        'total_unsubscribed', 'total_complained', 'created_by', 'id', 'workspace_id', 'created_at', 'updated_at',
      ],
      properties: {
        name: title,
        description: longText,
        status: enumProperty(EMAIL_CAMPAIGN_STATUSES),
        campaign_type: enumProperty(EMAIL_CAMPAIGN_TYPES),
        trigger_type: enumProperty(EMAIL_CAMPAIGN_TRIGGER_TYPES),
        // Conditions on contacts ({ all | any: [{ field, op, value }] }) and on the trigger: nested JSON.
        audience: jsonText,
        trigger_conditions: jsonText,
        template_variables: keyValue,
        html_content: richText,
        text_content: longText,
        send_at_time: { description: 'Time of day, HH:MM' },
        send_on_days: prop(stringArray, { type: 'number', availableValues: WEEKDAYS }),
        ab_test_traffic_percentage: { description: 'Percent of the audience that gets this variant (0–100)' },
      },
      actions: { new: { before: campaignFormHook }, edit: { before: campaignFormHook } },
    },
  },
];
