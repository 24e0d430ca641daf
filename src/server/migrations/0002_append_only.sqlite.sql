-- The ledger stays a ledger (server.md): no UPDATE or DELETE of an event.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'juwei: register events are append-only (UPDATE refused)');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'juwei: register events are append-only (DELETE refused)');
END;
