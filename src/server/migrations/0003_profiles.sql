-- The district's rule profile and price list (server.md: the district
-- writes profiles and price lists), kept as revisions of its RON text.
CREATE TABLE profiles (
    revision BIGINT PRIMARY KEY,
    ron TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
