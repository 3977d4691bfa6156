-- Whether a key's first request carried out its write: set in that write's own transaction, so a retry after its
-- answer was lost (the node stopped, or the database went away, between the commit and the answer) is told so instead
-- of running the write again.
ALTER TABLE idempotency_key_v1
    ADD COLUMN committed_at TIMESTAMPTZ,
    ADD COLUMN answer_lost  BOOLEAN NOT NULL DEFAULT false;
