-- What a task asks for in GPUs: how many, a model substring, free MiB per GPU (issue 15).
ALTER TABLE tasks ADD COLUMN gpus INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN gpu_model TEXT;
ALTER TABLE tasks ADD COLUMN gpu_memory_mb INTEGER;

-- Long jobs (a training run, a Slurm job) that a task started and that outlive its agent; the worker they run on
-- polls them until they end.
CREATE TABLE tracked_jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id      INTEGER REFERENCES tasks(id),
    worker       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    pid          INTEGER,
    slurm_job    TEXT,
    log_path     TEXT,
    label        TEXT,
    state        TEXT NOT NULL,
    detail       TEXT,
    exit_code    INTEGER,
    gpu_memory_mib INTEGER,
    gpus         TEXT,
    log_tail     TEXT,
    stop_requested INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    polled_at    INTEGER,
    ended_at     INTEGER
);
CREATE INDEX tracked_jobs_worker ON tracked_jobs(worker, state);
CREATE INDEX tracked_jobs_task ON tracked_jobs(task_id);

-- The GPUs (nvidia-smi indices) reserved for a running attempt; a reservation lasts exactly as long as the
-- attempt runs, so nothing needs releasing by hand.
ALTER TABLE attempts ADD COLUMN gpu_indices TEXT;
