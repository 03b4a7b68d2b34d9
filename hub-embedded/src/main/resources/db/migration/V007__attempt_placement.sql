-- Where a batch scheduler placed an attempt (a spoke with --executor slurm submits each attempt as a job): the
-- JSON of the latest Placement its worker reported (executor, job id, state, reason, node, partition).
ALTER TABLE attempts ADD COLUMN placement TEXT;
