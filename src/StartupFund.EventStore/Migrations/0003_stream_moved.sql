-- Raised by an append that writes from a remembered tip when the stream's row is no longer at that
-- tip (moved on, archived, or of another type or country). An error, not an empty result, so that
-- the statements sent after it in the same round trip (the COMMIT among them) are skipped and the
-- transaction rolls back. The appender reads the row again to tell the caller which it was.
-- It must stay VOLATILE: a STABLE or IMMUTABLE function may be evaluated while planning, raising on
-- every append.
create function {schema}.stream_moved(stream_id text) returns boolean
language plpgsql volatile as $$
begin
    raise exception 'stream % is not at the version its append expected', stream_id using errcode = 'SF409';
end
$$;
