-- How many output lines the hub has stored for an attempt, so the cap on them costs no count of log_lines.
ALTER TABLE attempts ADD COLUMN log_lines INTEGER NOT NULL DEFAULT 0;
