-- A comment, once written, stays as it was written: no UPDATE or DELETE.
CREATE FUNCTION juwei_comments_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'juwei: comments are append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER comments_append_only BEFORE UPDATE OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION juwei_comments_append_only();
CREATE TRIGGER comments_no_truncate BEFORE TRUNCATE ON comments
    FOR EACH STATEMENT EXECUTE FUNCTION juwei_comments_append_only();
