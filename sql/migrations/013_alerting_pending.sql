-- Alerting pipeline: a notification waiting in alert_state (for its group
-- window to close, or for a maintenance window to end) survives a restart,
-- and so does the transition it will describe.

ALTER TABLE alert_state
    ADD COLUMN pending         text CHECK (pending IN ('problem', 'recovery', 'repeat')),
    ADD COLUMN pending_since   timestamptz,
    ADD COLUMN muted_reason    text NOT NULL DEFAULT '',
    ADD COLUMN last_transition jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(last_transition) = 'object'),
    ADD CONSTRAINT alert_state_pending_since CHECK ((pending IS NULL) = (pending_since IS NULL));

COMMENT ON COLUMN alert_state.pending IS
    'Notification queued for this rule x subject and not yet sent: problem, recovery or repeat; NULL: none.';
COMMENT ON COLUMN alert_state.pending_since IS
    'When the pending notification was queued; it goes out once the group window (a few seconds) has passed.';
COMMENT ON COLUMN alert_state.muted_reason IS
    'Why the pending problem is held back (a maintenance window), as last written to alert_log; empty when not muted.';
COMMENT ON COLUMN alert_state.last_transition IS
    'The latest health transition of the subject (states, plugin, check, value, message) that notifications describe.';

-- Nullable state columns must accept NULL: prophasis_severity is STRICT, so
-- "prophasis_severity(x) IS NOT NULL" refused every NULL (nothing notified
-- yet; a test notification without states).
ALTER TABLE alert_state DROP CONSTRAINT alert_state_notified_state_check,
    ADD CONSTRAINT alert_state_notified_state_check
        CHECK (notified_state IS NULL OR prophasis_severity(notified_state) IS NOT NULL);
ALTER TABLE alert_log DROP CONSTRAINT alert_log_from_state_check,
    ADD CONSTRAINT alert_log_from_state_check CHECK (from_state IS NULL OR prophasis_severity(from_state) IS NOT NULL),
    DROP CONSTRAINT alert_log_to_state_check,
    ADD CONSTRAINT alert_log_to_state_check CHECK (to_state IS NULL OR prophasis_severity(to_state) IS NOT NULL);
