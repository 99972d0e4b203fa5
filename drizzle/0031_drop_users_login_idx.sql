-- (workspace_id, lower(login)) over every person, deleted or not, from the first schema: no query reads
-- it. Searches go through the trigram index, sorting by login through okta_users_sort_login_idx (live
-- people only); a whole run of the directory benchmark at 1M people scanned it 0 times. Dropping it saves
-- a btree insertion (and ~150 bytes of WAL) per person written, and ~100 MB at 1M people.
DROP INDEX "okta_users_workspace_login_idx";
