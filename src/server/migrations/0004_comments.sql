-- Comments on a committee's findings (server.md: streets write comments),
-- naming the finding as a status entry does.
ALTER TABLE comments ADD COLUMN room TEXT;
ALTER TABLE comments ADD COLUMN item TEXT;
ALTER TABLE comments ADD COLUMN asset TEXT;
