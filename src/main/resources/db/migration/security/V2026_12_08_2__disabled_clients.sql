-- Clients an administrator disabled: they get no token until enabled again (security.authorization.EnabledClients).
CREATE TABLE IF NOT EXISTS zaitaku_disabled_client (
    client_id varchar(100) PRIMARY KEY,
    disabled_at timestamptz NOT NULL DEFAULT now()
);
