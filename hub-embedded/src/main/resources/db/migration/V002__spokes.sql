-- Spokes: confirmed assignments, and projects that live on spokes only.

-- When the worker confirmed it holds the attempt (a heartbeat listing it, or its agent's start). An attempt
-- never confirmed was an assignment that did not reach its worker: it goes back to the queue without counting.
ALTER TABLE attempts ADD COLUMN accepted_at INTEGER;
-- Attempts from before this column ran, as far as anyone knows.
UPDATE attempts SET accepted_at = started_at;

-- 1: the project's checkout is on spokes only; the hub's machine need not have its path.
ALTER TABLE projects ADD COLUMN remote INTEGER NOT NULL DEFAULT 0;
