/**
 * Foundation: extensions, the shared updated_at trigger function, and `workspaces` (S4), the
 * tenant every business row belongs to (S3's `companies` also land here).
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    CREATE EXTENSION IF NOT EXISTS pgcrypto;  -- gen_random_uuid(), digest()
    CREATE EXTENSION IF NOT EXISTS pg_trgm;   -- trigram indexes for the panel's ILIKE search

    -- One trigger function keeps updated_at true on every table (S4 kept it by trigger; SCHEMA
    -- asks the database, not the application, to maintain it).
    CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := now();
      RETURN NEW;
    END $$;

    CREATE TABLE workspaces (
      id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      name        TEXT NOT NULL,
      slug        TEXT NOT NULL,
      settings    JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- Slugs appear in URLs and logins: global, lower-case.
      CONSTRAINT workspaces_slug_key UNIQUE (slug),
      CONSTRAINT workspaces_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$')
    );
    CREATE TRIGGER workspaces_set_updated_at BEFORE UPDATE ON workspaces
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TABLE workspaces;
    DROP FUNCTION set_updated_at();
  `);
};
