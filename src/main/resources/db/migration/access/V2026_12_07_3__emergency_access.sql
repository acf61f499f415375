-- Break-the-glass (緊急時アクセス) grants: who opened which patient's record, why, until when.
-- Rows are kept after they expire: together with the audit trail they are the record of every
-- emergency access. (IF NOT EXISTS: a database made before the server used Flyway already has them.)
CREATE TABLE IF NOT EXISTS zaitaku_emergency_access (
    id bigserial PRIMARY KEY,
    fhir_user varchar(200) NOT NULL,
    patient_id varchar(64) NOT NULL,
    reason text NOT NULL,
    granted_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS zaitaku_emergency_access_user ON zaitaku_emergency_access (fhir_user, expires_at);
