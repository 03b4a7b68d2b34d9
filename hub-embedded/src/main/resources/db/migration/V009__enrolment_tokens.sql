-- Single-use, short-lived tokens a spoke enrols with (dobby deploy mints one per new server): only their
-- SHA-256 is kept, each is bound to one spoke id, and it is spent by the first registration that uses it.
CREATE TABLE enrolment_tokens (
    token_hash  TEXT PRIMARY KEY,
    spoke_id    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX enrolment_tokens_expiry ON enrolment_tokens (expires_at);
