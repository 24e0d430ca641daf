-- A comment, once written, stays as it was written: no UPDATE or DELETE.
CREATE TRIGGER comments_no_update BEFORE UPDATE ON comments
BEGIN
    SELECT RAISE(ABORT, 'juwei: comments are append-only (UPDATE refused)');
END;
CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
BEGIN
    SELECT RAISE(ABORT, 'juwei: comments are append-only (DELETE refused)');
END;
