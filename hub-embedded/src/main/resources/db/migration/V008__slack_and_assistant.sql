-- The Slack bot's previews waiting for a reaction: they outlive a restart of the bot.
CREATE TABLE slack_previews (
    channel    TEXT    NOT NULL,
    ts         TEXT    NOT NULL,
    thread_ts  TEXT    NOT NULL,
    user_id    TEXT,
    tasks      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (channel, ts)
);
CREATE INDEX slack_previews_thread ON slack_previews (channel, thread_ts, created_at);

-- Which Slack thread a task was asked for in, and who asked: its end is reported there once.
CREATE TABLE slack_threads (
    task_id        INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    channel        TEXT    NOT NULL,
    thread_ts      TEXT    NOT NULL,
    requester      TEXT,
    requester_name TEXT,
    created_at     INTEGER NOT NULL,
    notified_at    INTEGER
);
CREATE INDEX slack_threads_unreported ON slack_threads (notified_at) WHERE notified_at IS NULL;

-- Dobby's own calls to a language model (Slack requests and summaries) and what they cost.
CREATE TABLE assistant_calls (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose    TEXT    NOT NULL,
    by_name    TEXT    NOT NULL,
    model      TEXT,
    tokens_in  INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    cost_usd   REAL    NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
