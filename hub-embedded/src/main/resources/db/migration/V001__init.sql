-- Times are epoch milliseconds (UTC). JSON columns hold snake_case JSON as on the wire.

CREATE TABLE projects (
    name        TEXT PRIMARY KEY,
    path        TEXT NOT NULL,
    context     TEXT,
    policy      TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE batches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    description   TEXT NOT NULL,
    project       TEXT NOT NULL REFERENCES projects(name),
    backend       TEXT NOT NULL,
    priority      INTEGER NOT NULL,
    status        TEXT NOT NULL,
    status_reason TEXT,
    timeout_s     INTEGER NOT NULL,
    batch_id      INTEGER REFERENCES batches(id),
    target_spoke  TEXT,
    target_tags   TEXT,
    worktree      INTEGER NOT NULL DEFAULT 0,
    attempts      INTEGER NOT NULL DEFAULT 0,
    worker        TEXT,
    exit_code     INTEGER,
    options       TEXT,
    not_before    INTEGER,
    plan          TEXT,
    plan_for      INTEGER REFERENCES tasks(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    started_at    INTEGER,
    finished_at   INTEGER
);
-- The queue: claims walk this index in priority order, then age.
CREATE INDEX tasks_queue ON tasks(priority, id) WHERE status = 'pending';
CREATE INDEX tasks_running ON tasks(project) WHERE status = 'running';
CREATE INDEX tasks_by_status ON tasks(status, id);
CREATE INDEX tasks_by_project ON tasks(project, id);
CREATE INDEX tasks_by_batch ON tasks(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE task_deps (
    task_id    INTEGER NOT NULL REFERENCES tasks(id),
    parent_id  INTEGER NOT NULL REFERENCES tasks(id),
    PRIMARY KEY (task_id, parent_id)
) WITHOUT ROWID;
CREATE INDEX task_deps_by_parent ON task_deps(parent_id, task_id);

CREATE TABLE attempts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id        INTEGER NOT NULL REFERENCES tasks(id),
    number         INTEGER NOT NULL,
    worker         TEXT NOT NULL,
    token          TEXT NOT NULL,
    status         TEXT NOT NULL,
    lease_until    INTEGER NOT NULL,
    pid            INTEGER,
    process_start  INTEGER,
    log_chunks     INTEGER NOT NULL DEFAULT 0,
    progress       TEXT,
    outcome        TEXT,
    started_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    UNIQUE (task_id, number)
);
CREATE INDEX attempts_running ON attempts(worker) WHERE status = 'running';

CREATE TABLE results (
    task_id        INTEGER NOT NULL REFERENCES tasks(id),
    attempt        INTEGER NOT NULL,
    status         TEXT NOT NULL,
    summary        TEXT,
    exit_code      INTEGER,
    duration_s     REAL NOT NULL,
    artifacts_dir  TEXT,
    files_changed  TEXT,
    tokens_in      INTEGER,
    tokens_out     INTEGER,
    cost_usd       REAL,
    turns          INTEGER,
    session_id     TEXT,
    branch         TEXT,
    base_commit    TEXT,
    diff_stat      TEXT,
    rate_limited   INTEGER NOT NULL DEFAULT 0,
    rate_limited_until INTEGER,
    incomplete     INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (task_id, attempt)
);
CREATE INDEX results_by_time ON results(created_at);

-- seq comes from the hub's single event sequence, shared with events.
CREATE TABLE log_lines (
    seq      INTEGER PRIMARY KEY,
    task_id  INTEGER NOT NULL,
    attempt  INTEGER NOT NULL,
    stream   TEXT NOT NULL,
    at       INTEGER NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX log_lines_by_task ON log_lines(task_id, seq);

CREATE TABLE events (
    seq      INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    type     TEXT NOT NULL,
    task_id  INTEGER,
    payload  TEXT NOT NULL
);
CREATE INDEX events_by_task ON events(task_id, seq) WHERE task_id IS NOT NULL;

CREATE TABLE spokes (
    id             TEXT PRIMARY KEY,
    token_hash     TEXT,
    local          INTEGER NOT NULL DEFAULT 0,
    state          TEXT NOT NULL,
    capabilities   TEXT NOT NULL,
    registered_at  INTEGER NOT NULL,
    last_heartbeat INTEGER
);

CREATE INDEX tasks_by_finish ON tasks(finished_at) WHERE finished_at IS NOT NULL;

-- An agent's parsed steps, for the flow views.
CREATE TABLE flow_steps (
    task_id      INTEGER NOT NULL REFERENCES tasks(id),
    attempt      INTEGER NOT NULL,
    idx          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    at           INTEGER NOT NULL,
    title        TEXT NOT NULL,
    detail       TEXT,
    duration_ms  INTEGER,
    tool         TEXT,
    file         TEXT,
    tokens_in    INTEGER,
    tokens_out   INTEGER,
    error        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, attempt, idx)
) WITHOUT ROWID;

-- The latest rate-limit report per agent account and window.
CREATE TABLE usage_windows (
    account      TEXT NOT NULL,
    window       TEXT NOT NULL,
    backend      TEXT NOT NULL,
    utilization  REAL,
    status       TEXT,
    resets_at    INTEGER,
    reported_at  INTEGER NOT NULL,
    PRIMARY KEY (account, window)
) WITHOUT ROWID;
