-- The audit trail (監査証跡), in open mode too. (IF NOT EXISTS: a database made before the server used
-- Flyway already has it.) One row per AuditEvent: the event as FHIR JSON plus the columns it is searched by. Rows are only
-- ever inserted; the server has no statement that updates or deletes them.
CREATE TABLE IF NOT EXISTS zaitaku_audit_event (
    id varchar(36) PRIMARY KEY,
    recorded timestamptz NOT NULL,
    -- ids of the patients the access touched (Patient/<id> without the type), at most zaitaku.audit.max-patients
    patients text[] NOT NULL,
    -- the person acting, as a relative reference (Practitioner/123); empty for backend clients and open mode
    agents text[] NOT NULL,
    client_id varchar(200),
    action char(1) NOT NULL,
    subtype varchar(40) NOT NULL,
    outcome smallint NOT NULL,
    -- TREAT, or ETREAT for a break-the-glass access (緊急時アクセス)
    purpose varchar(20) NOT NULL,
    resource text NOT NULL
);
-- Newest first, also within one patient's or one person's trail.
CREATE INDEX IF NOT EXISTS zaitaku_audit_event_recorded ON zaitaku_audit_event (recorded DESC, id DESC);
CREATE INDEX IF NOT EXISTS zaitaku_audit_event_patients ON zaitaku_audit_event USING gin (patients);
CREATE INDEX IF NOT EXISTS zaitaku_audit_event_agents ON zaitaku_audit_event USING gin (agents);
CREATE INDEX IF NOT EXISTS zaitaku_audit_event_client ON zaitaku_audit_event (client_id, recorded DESC);
-- Emergency accesses are few and are what an auditor looks for first.
CREATE INDEX IF NOT EXISTS zaitaku_audit_event_emergency ON zaitaku_audit_event (recorded DESC) WHERE purpose = 'ETREAT';
