-- The live path stores a message that only extends a series in one statement (SeriesExtension): the candles, the
-- metrics computed from the service's in-memory window, and the alert decided from its remembered alert state. That
-- is only right while the stored series and state are what memory holds; this guard, called by the statement on its
-- own results, refuses the whole statement otherwise (SQLSTATE FX001), and the service takes the transactional path
-- that reads them back.
CREATE FUNCTION analytics.expect_stored_tail(holds boolean) RETURNS boolean
    LANGUAGE plpgsql AS $$
BEGIN
    IF holds IS NOT TRUE THEN
        RAISE EXCEPTION 'the stored series or alert state is not what the in-memory window continued'
            USING ERRCODE = 'FX001';
    END IF;
    RETURN true;
END
$$;
