-- The ledger stays a ledger (server.md): no UPDATE or DELETE of an event.
CREATE FUNCTION juwei_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'juwei: register events are append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION juwei_events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION juwei_events_append_only();
