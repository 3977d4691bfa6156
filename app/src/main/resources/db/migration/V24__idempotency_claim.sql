-- Which request holds a key: a fresh id on every claim, so a request that outlived its claim's lease, after another
-- took the key over, can neither keep nor forget the other's answer, and its write does not commit under the key.
ALTER TABLE idempotency_key_v1 ADD COLUMN claim UUID;
