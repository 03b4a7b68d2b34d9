-- Schedules, automatic retries, stale detection and webhooks. Times are epoch milliseconds (UTC).

-- A repeating task: the template is a NewTask as JSON (without cron/every); next_run_at is the firing still owed.
CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    project       TEXT NOT NULL REFERENCES projects(name),
    description   TEXT NOT NULL,
    cron          TEXT,
    every_s       INTEGER,
    every_text    TEXT,
    template      TEXT NOT NULL,
    state         TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    next_run_at   INTEGER,
    last_run_at   INTEGER,
    last_task_id  INTEGER,
    runs          INTEGER NOT NULL DEFAULT 0,
    cancelled_at  INTEGER
);
CREATE INDEX schedules_due ON schedules(next_run_at) WHERE state = 'active';

-- The run of a schedule a task is, and for which firing: one task per firing, whatever happens.
ALTER TABLE tasks ADD COLUMN schedule_id INTEGER REFERENCES schedules(id);
ALTER TABLE tasks ADD COLUMN scheduled_for INTEGER;
ALTER TABLE tasks ADD COLUMN catch_up INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX tasks_one_run_per_firing ON tasks(schedule_id, scheduled_for) WHERE schedule_id IS NOT NULL;

-- When the hub last received output for an attempt (its own clock), for stale detection.
ALTER TABLE attempts ADD COLUMN last_output_at INTEGER;

-- Webhook calls owed, one per task end and target. event_seq is the task.status event that caused it.
CREATE TABLE webhook_deliveries (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_seq     INTEGER NOT NULL,
    task_id       INTEGER NOT NULL,
    event         TEXT NOT NULL,
    url           TEXT NOT NULL,
    payload       TEXT NOT NULL,
    state         TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    http_status   INTEGER,
    error         TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (event_seq, url)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(id) WHERE state = 'pending';

-- Small named values the hub keeps between runs (the webhook outbox's place in the event sequence).
CREATE TABLE hub_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
