/** Outreach & job postings (S0 "Sales Tracker", plus S1's cached external postings). */
import { ExternalJobPosting, JobPosting, JobPostingBuilder, Outreach } from '../../models/index.js';
import { OUTREACH_CONTACT_METHODS, OUTREACH_STATUSES } from '../../models/outreach.model.js';
import { JOB_POSTING_SOURCES, JOB_POSTING_STATUSES } from '../../models/job-posting.model.js';
import { JOB_POSTING_BUILDER_STATUSES } from '../../models/job-posting-builder.model.js';
import {
  EXTERNAL_JOB_POSTING_JOB_TYPE_SUGGESTIONS,
  EXTERNAL_JOB_POSTING_SOURCE_SUGGESTIONS,
} from '../../models/external-job-posting.model.js';
import {
  enumProperty,
  longText,
  newestFirst,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { NAV, type ResourceSpec } from './types.js';

export const outreachResources: ResourceSpec[] = [
  {
    model: Outreach,
    options: {
      navigation: NAV.outreach,
      titleProperty: 'company_name',
      sort: newestFirst,
      listProperties: ['company_name', 'contact_name', 'contact_title', 'contact_method', 'status', 'outreach_date', 'staff_user_id'],
      filterProperties: ['status', 'contact_method', 'staff_user_id', 'company_name', 'contact_name', 'outreach_date'],
      editProperties: [
        'company_name', 'contact_name', 'contact_title', 'linkedin_url', 'contact_method', 'outreach_date', 'status',
        'staff_user_id', 'notes', 'response_notes',
      ],
      showProperties: [
        'company_name', 'contact_name', 'contact_title', 'linkedin_url', 'contact_method', 'outreach_date', 'status',
        'staff_user_id', 'notes', 'response_notes', ...SYSTEM_COLUMNS,
      ],
      properties: {
        company_name: title,
        contact_method: enumProperty(OUTREACH_CONTACT_METHODS),
        status: enumProperty(OUTREACH_STATUSES),
        notes: longText,
        response_notes: longText,
      },
    },
  },
  {
    model: JobPosting,
    options: {
      navigation: NAV.outreach,
      titleProperty: 'job_title',
      sort: newestFirst,
      listProperties: ['job_title', 'company_name', 'status', 'source', 'location', 'staff_user_id', 'created_at'],
      filterProperties: ['status', 'source', 'staff_user_id', 'outreach_id', 'company_name', 'job_title', 'location', 'created_at'],
      editProperties: [
        'job_title', 'company_name', 'status', 'source', 'outreach_id', 'staff_user_id', 'job_url', 'location',
        'salary_range', 'description', 'notes',
      ],
      showProperties: [
        'job_title', 'company_name', 'status', 'source', 'outreach_id', 'staff_user_id', 'job_url', 'location',
        'salary_range', 'description', 'notes', ...SYSTEM_COLUMNS,
      ],
      properties: {
        job_title: title,
        status: enumProperty(JOB_POSTING_STATUSES),
        source: enumProperty(JOB_POSTING_SOURCES),
        description: longText,
        notes: longText,
      },
    },
  },
  {
    model: JobPostingBuilder,
    options: {
      navigation: NAV.outreach,
      titleProperty: 'builder_name',
      sort: newestFirst,
      listProperties: ['builder_name', 'job_posting_id', 'status', 'shared_date', 'created_at'],
      filterProperties: ['job_posting_id', 'status', 'builder_name', 'shared_date'],
      editProperties: ['job_posting_id', 'builder_name', 'status', 'shared_date', 'notes'],
      showProperties: ['builder_name', 'job_posting_id', 'status', 'shared_date', 'notes', ...SYSTEM_COLUMNS],
      properties: {
        builder_name: title,
        status: enumProperty(JOB_POSTING_BUILDER_STATUSES),
        notes: longText,
      },
    },
  },
  {
    model: ExternalJobPosting,
    options: {
      navigation: NAV.outreach,
      titleProperty: 'title',
      sort: newestFirst,
      listProperties: ['title', 'company_name', 'location', 'source', 'job_type', 'posted_date', 'expires_at'],
      filterProperties: ['source', 'job_type', 'title', 'company_name', 'location', 'posted_date', 'expires_at'],
      editProperties: [
        'title', 'company_name', 'location', 'source', 'job_type', 'original_url', 'posted_date', 'salary_text',
        'summary', 'expires_at',
      ],
      showProperties: [
        'title', 'company_name', 'location', 'source', 'job_type', 'original_url', 'posted_date', 'salary_text',
        'summary', 'fetched_at', 'expires_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        title,
        // Open lists (TEXT): the panel offers the seed's values; other stored values still show.
        source: enumProperty(EXTERNAL_JOB_POSTING_SOURCE_SUGGESTIONS),
        job_type: enumProperty(EXTERNAL_JOB_POSTING_JOB_TYPE_SUGGESTIONS),
        summary: longText,
      },
    },
  },
];
