-- AuditEvent?entity=, ?entity-type= and ?address= (the standard R4 search parameters of the trail):
-- what each event is about, as unversioned references (Patient/123, Observation/456), and the
-- caller's network address.
ALTER TABLE zaitaku_audit_event ADD COLUMN entities text[] NOT NULL DEFAULT '{}';
ALTER TABLE zaitaku_audit_event ADD COLUMN address varchar(100);

-- The events recorded before: the same taken from their JSON, once. (The server itself never changes
-- an event; this fills two new columns from what each event already says.)
UPDATE zaitaku_audit_event SET
    entities = ARRAY(
        SELECT DISTINCT regexp_replace(entity -> 'what' ->> 'reference', '/_history/.*$', '')
        FROM jsonb_array_elements(COALESCE(resource::jsonb -> 'entity', '[]'::jsonb)) AS entity
        WHERE entity -> 'what' ->> 'reference' IS NOT NULL),
    address = (
        SELECT agent -> 'network' ->> 'address'
        FROM jsonb_array_elements(COALESCE(resource::jsonb -> 'agent', '[]'::jsonb)) AS agent
        WHERE agent -> 'network' ->> 'address' IS NOT NULL
        LIMIT 1);

CREATE INDEX zaitaku_audit_event_entities ON zaitaku_audit_event USING gin (entities);
CREATE INDEX zaitaku_audit_event_address ON zaitaku_audit_event (address, recorded DESC);
