-- Schedules: several intervals each, and the checks they run.

CREATE TABLE schedules (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    description  text NOT NULL DEFAULT '',
    enabled      boolean NOT NULL DEFAULT true,
    max_lateness interval CHECK (max_lateness > interval '0')
);
COMMENT ON TABLE schedules IS 'When checks run: a schedule has one or more intervals and runs its checks at each.';
COMMENT ON COLUMN schedules.max_lateness IS 'A run due longer ago than this is skipped (and logged); NULL uses the core default.';

CREATE TABLE schedule_intervals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    schedule_id bigint NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    start_at    timestamptz NOT NULL,
    period      interval NOT NULL CHECK (period >= interval '1 second'),
    next_run    timestamptz,
    last_run    timestamptz,
    CHECK (next_run IS NULL OR next_run >= start_at)
);
CREATE INDEX schedule_intervals_schedule_idx ON schedule_intervals (schedule_id);
CREATE INDEX schedule_intervals_next_run_idx ON schedule_intervals (next_run);
COMMENT ON COLUMN schedule_intervals.start_at IS 'Runs happen at start_at + k * period (k >= 0).';
COMMENT ON COLUMN schedule_intervals.next_run IS 'The next run the scheduler will make; persisted so a restart neither loses nor doubles runs.';
COMMENT ON COLUMN schedule_intervals.last_run IS 'The due time of the last run made (or skipped as late).';

CREATE TABLE schedule_checks (
    schedule_id bigint NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    check_id    bigint NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
    PRIMARY KEY (schedule_id, check_id)
);
CREATE INDEX schedule_checks_check_idx ON schedule_checks (check_id);
