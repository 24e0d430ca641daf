-- juwei serve, schema 1: the same text on SQLite and PostgreSQL.
-- Keys are natural (user names, committee codes, per-committee sequence
-- numbers), so no dialect's auto-increment is needed.
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    committee TEXT,
    street TEXT,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE committees (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    street TEXT NOT NULL,
    folder TEXT NOT NULL,
    stem TEXT NOT NULL
);
CREATE TABLE plans (
    committee TEXT NOT NULL REFERENCES committees(code),
    revision BIGINT NOT NULL,
    ron TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (committee, revision)
);
CREATE TABLE events (
    committee TEXT NOT NULL REFERENCES committees(code),
    seq BIGINT NOT NULL,
    date TEXT NOT NULL,
    asset TEXT,
    event TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT NOT NULL,
    PRIMARY KEY (committee, seq)
);
CREATE TABLE count_sheets (
    committee TEXT NOT NULL REFERENCES committees(code),
    name TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (committee, name)
);
CREATE TABLE status_revisions (
    committee TEXT NOT NULL REFERENCES committees(code),
    revision BIGINT NOT NULL,
    ron TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (committee, revision)
);
CREATE TABLE comments (
    committee TEXT NOT NULL REFERENCES committees(code),
    seq BIGINT NOT NULL,
    code TEXT,
    body TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (committee, seq)
);
CREATE INDEX committees_street ON committees (street);
