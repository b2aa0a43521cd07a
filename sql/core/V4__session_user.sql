-- The user who recorded a session: dim_session.user_key points at dim_user (defined by the audit module, which
-- fills it from the OS user and host of the machine that imported the transcript or ran the hook, and the account
-- where a source reports one). NULL when the audit module is not installed or the user is not known yet; like every
-- type 1 attribute it is filled once and never overwritten. The audit module's view v_session_users joins it.
ALTER TABLE dim_session ADD COLUMN user_key BIGINT;
