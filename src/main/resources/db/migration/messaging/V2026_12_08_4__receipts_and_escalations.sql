-- Team messages: who read which message (one row per reader and status, the ledger behind the
-- ZaitakuMessageReceipt resources $mark-read writes), and the urgent messages waiting to be
-- acknowledged before the coordinator is told.
CREATE TABLE IF NOT EXISTS zaitaku_message_receipt (
    message_id varchar(64) NOT NULL,
    reader varchar(200) NOT NULL,
    status varchar(16) NOT NULL,
    receipt_id varchar(64) NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, reader, status)
);
CREATE INDEX IF NOT EXISTS zaitaku_message_receipt_reader ON zaitaku_message_receipt (reader, message_id);

-- state: waiting (until due_at), acknowledged (a recipient acknowledged in time), escalated (the
-- coordinator was told: escalation_id), not-urgent (its priority was lowered), no-coordinator (no
-- active team has a current coordinator),
-- gone (the message was deleted).
CREATE TABLE IF NOT EXISTS zaitaku_message_escalation (
    message_id varchar(64) PRIMARY KEY,
    due_at timestamptz NOT NULL,
    state varchar(16) NOT NULL DEFAULT 'waiting',
    decided_at timestamptz,
    escalation_id varchar(64)
);
CREATE INDEX IF NOT EXISTS zaitaku_message_escalation_due ON zaitaku_message_escalation (due_at) WHERE state = 'waiting';
