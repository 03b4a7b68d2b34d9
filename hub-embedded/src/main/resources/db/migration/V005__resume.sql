-- How a task's next attempt continues an earlier one's agent session (JSON), set when it is queued again.
ALTER TABLE tasks ADD COLUMN resume TEXT;
