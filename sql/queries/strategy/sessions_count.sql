-- Analytics system: session count ("SELECT COUNT(*) FROM sessions").
SELECT count(*) AS sessions FROM dim_session;
