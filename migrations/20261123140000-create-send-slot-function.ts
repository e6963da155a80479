/**
 * `next_send_slot`: the first instant at or after `at` that falls inside a daily window on an
 * allowed ISO weekday, in a recipient's time zone. The sender (one email at a time) and the
 * campaign fan-out (one INSERT … SELECT for a whole audience) read send windows, quiet hours and
 * campaign send times through this one function, so local time, weekdays and daylight-saving
 * shifts are worked out once, by PostgreSQL's time-zone database.
 *
 * A window whose start is after its end wraps midnight (22:00–07:00); start = end is the whole
 * day. An unknown time-zone name counts as UTC (contacts.timezone is free text from imports):
 * `safe_time_zone` says which names PostgreSQL knows.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    -- A time-zone name PostgreSQL knows, else 'UTC' (cheaper than a pg_timezone_names scan).
    CREATE FUNCTION safe_time_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
    BEGIN
      PERFORM now() AT TIME ZONE tz;
      RETURN tz;
    EXCEPTION WHEN invalid_parameter_value THEN
      RETURN 'UTC';
    END $$;

    CREATE FUNCTION next_send_slot(at timestamptz, tz text, days integer[], window_start time, window_end time)
    RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
    DECLARE
      zone text := safe_time_zone(COALESCE(NULLIF(tz, ''), 'UTC'));
      local_at timestamp;
      d date;
      starts timestamp[];
      ends timestamp[];
      i integer;
      k integer;
    BEGIN
      local_at := at AT TIME ZONE zone;
      FOR i IN 0..7 LOOP
        d := local_at::date + i;
        CONTINUE WHEN days IS NOT NULL AND NOT (EXTRACT(ISODOW FROM d)::integer = ANY (days));
        IF window_end IS NULL OR window_start = window_end THEN
          -- from window_start (midnight when none, or when start = end) to the end of the day
          starts := ARRAY[d + CASE WHEN window_start = window_end THEN time '00:00' ELSE COALESCE(window_start, time '00:00') END];
          ends := ARRAY[(d + 1)::timestamp];
        ELSIF window_start IS NULL THEN
          starts := ARRAY[d::timestamp]; ends := ARRAY[d + window_end];
        ELSIF window_start < window_end THEN
          starts := ARRAY[d + window_start]; ends := ARRAY[d + window_end];
        ELSE
          starts := ARRAY[d::timestamp, d + window_start]; ends := ARRAY[d + window_end, (d + 1)::timestamp];
        END IF;
        FOR k IN 1..array_length(starts, 1) LOOP
          IF local_at < ends[k] THEN
            IF local_at >= starts[k] THEN RETURN at; END IF;
            RETURN starts[k] AT TIME ZONE zone;
          END IF;
        END LOOP;
      END LOOP;
      RETURN NULL;  -- no allowed day (an empty days array): never
    END $$;
    COMMENT ON FUNCTION next_send_slot(timestamptz, text, integer[], time, time) IS
      'first instant >= at inside [window_start, window_end) local time of tz on an ISO weekday in days';
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP FUNCTION next_send_slot(timestamptz, text, integer[], time, time);
    DROP FUNCTION safe_time_zone(text);
  `);
};
