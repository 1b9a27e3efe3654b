-- A batch's messages written together: one statement per table for the whole batch instead of two
-- to five per message, each in a subtransaction of its own. Per-statement work (planning checks,
-- executor start-up, locks on the table and each of its indexes) was a large share of what a
-- message cost the database. `ingest_widget_messages` takes this path when nothing in the batch can
-- reach a rate limit and falls back to the message-by-message path (kept as it was) on any error, so
-- a message the database refuses still costs only itself.

-- Stores every message of one batch, in lock order (see ingest_widget_messages), or raises: on a
-- message id already stored or repeated in the batch, and on any error. The caller then undoes the
-- whole batch and writes it message by message, which tells these cases apart.
CREATE OR REPLACE FUNCTION "ingest_widget_message_batch"(ordered jsonb[]) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  each_site uuid[];
  each_conversation uuid[];
  each_conversation_row uuid[];
  each_channel "Channel"[];
  each_message_row uuid[];
  each_message uuid[];
  each_role "MessageRole"[];
  each_text text[];
  each_redaction_count integer[];
  each_sent timestamp(3)[];
  each_received timestamp(3)[];
  each_expires timestamp(3)[];
  each_lead jsonb[];
  each_detected jsonb[];
  each_consents jsonb[];
  has_leads boolean;
  has_detected boolean;
  has_consents boolean;
  -- Per message: the id of its conversation's row.
  conversation_of uuid[];
  inserted integer;
  lead_ids uuid[];
  lead_conversations uuid[];
BEGIN
  SELECT array_agg((m.value->>'siteId')::uuid ORDER BY m.i),
    array_agg((m.value->>'conversationId')::uuid ORDER BY m.i),
    array_agg((m.value->>'conversationRowId')::uuid ORDER BY m.i),
    array_agg((m.value->>'channel')::"Channel" ORDER BY m.i),
    array_agg((m.value->>'messageRowId')::uuid ORDER BY m.i),
    array_agg((m.value->>'messageId')::uuid ORDER BY m.i),
    array_agg((m.value->>'role')::"MessageRole" ORDER BY m.i),
    array_agg(m.value->>'text' ORDER BY m.i),
    array_agg((m.value->>'redactionCount')::integer ORDER BY m.i),
    array_agg((m.value->>'sentAt')::timestamptz AT TIME ZONE 'UTC' ORDER BY m.i),
    array_agg((m.value->>'receivedAt')::timestamptz AT TIME ZONE 'UTC' ORDER BY m.i),
    array_agg((m.value->>'expiresAt')::timestamptz AT TIME ZONE 'UTC' ORDER BY m.i),
    array_agg(CASE WHEN jsonb_typeof(m.value->'lead') = 'object' THEN m.value->'lead' END ORDER BY m.i),
    array_agg(COALESCE(m.value->'detectedContacts', '[]'::jsonb) ORDER BY m.i),
    array_agg(COALESCE(m.value->'consents', '[]'::jsonb) ORDER BY m.i),
    bool_or(jsonb_typeof(m.value->'lead') = 'object'),
    bool_or(jsonb_array_length(COALESCE(m.value->'detectedContacts', '[]'::jsonb)) > 0),
    bool_or(jsonb_array_length(COALESCE(m.value->'consents', '[]'::jsonb)) > 0)
  INTO each_site, each_conversation, each_conversation_row, each_channel, each_message_row, each_message, each_role, each_text,
    each_redaction_count, each_sent, each_received, each_expires, each_lead, each_detected, each_consents, has_leads, has_detected, has_consents
  FROM unnest(ordered) WITH ORDINALITY AS m(value, i);

  -- Each conversation counts the batch's messages: inserted if new, else updated. One statement, in
  -- lock order, so it takes the rows in the same order as the message-by-message path.
  WITH grouped AS (
    SELECT site_id, conversation_id, min(i) AS first, count(*)::integer AS messages,
      max(received) AS last_received, max(expires) AS last_expires
    FROM unnest(each_site, each_conversation, each_received, each_expires)
      WITH ORDINALITY AS m(site_id, conversation_id, received, expires, i)
    GROUP BY site_id, conversation_id
  ), written AS (
    INSERT INTO "Conversation" AS c ("id", "siteId", "externalId", "channel", "startedAt", "lastMessageAt",
      "expiresAt", "messageCount", "ipHash", "country", "city", "userAgent", "referrer", "pageUrl",
      "createdAt", "updatedAt")
    SELECT each_conversation_row[g.first], g.site_id, g.conversation_id, each_channel[g.first],
      each_received[g.first], g.last_received, g.last_expires, g.messages, f.value->>'ipHash',
      f.value->>'country', f.value->>'city', f.value->>'userAgent', f.value->>'referrer',
      f.value->>'pageUrl', each_received[g.first], g.last_received
    FROM grouped g CROSS JOIN LATERAL (SELECT ordered[g.first] AS value) f
    ORDER BY g.first
    ON CONFLICT ("siteId", "externalId") DO UPDATE SET
      "messageCount" = c."messageCount" + EXCLUDED."messageCount",
      "lastMessageAt" = GREATEST(c."lastMessageAt", EXCLUDED."lastMessageAt"),
      "expiresAt" = GREATEST(c."expiresAt", EXCLUDED."expiresAt"),
      "updatedAt" = EXCLUDED."updatedAt"
    RETURNING c."id", c."siteId", c."externalId"
  )
  SELECT array_agg(w."id" ORDER BY m.i) INTO conversation_of
  FROM unnest(each_site, each_conversation) WITH ORDINALITY AS m(site_id, conversation_id, i)
  JOIN written w ON w."siteId" = m.site_id AND w."externalId" = m.conversation_id;

  WITH created AS (
    INSERT INTO "Message" ("id", "conversationId", "externalId", "role", "text", "redactionCount", "sentAt", "createdAt")
    SELECT m.id, m.conversation, m.external, m.role, m.text, m.redactions, m.sent, m.received
    FROM unnest(each_message_row, conversation_of, each_message, each_role, each_text, each_redaction_count, each_sent, each_received)
      WITH ORDINALITY AS m(id, conversation, external, role, text, redactions, sent, received, i)
    ORDER BY m.i
    ON CONFLICT ("conversationId", "externalId") DO NOTHING
    RETURNING "id"
  )
  SELECT count(*) INTO inserted FROM created;
  -- A message id stored before, or repeated in the batch: the message-by-message path answers it
  -- as a duplicate and counts it nowhere.
  IF inserted < array_length(ordered, 1) THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'duplicate in batch';
  END IF;

  -- A conversation's lead takes, field by field, the last value the batch's messages gave.
  IF has_leads THEN
    WITH given AS (
      SELECT m.* FROM unnest(conversation_of, each_site, each_lead, each_received)
        WITH ORDINALITY AS m(conversation, site_id, lead, received, i)
      WHERE m.lead IS NOT NULL
    ), merged AS (
      SELECT conversation, (array_agg(site_id ORDER BY i))[1] AS site_id,
        (array_agg(lead->>'rowId' ORDER BY i))[1]::uuid AS row_id,
        (array_agg(lead->>'name' ORDER BY i DESC) FILTER (WHERE lead->>'name' IS NOT NULL))[1] AS name,
        (array_agg(lead->>'jobTitle' ORDER BY i DESC) FILTER (WHERE lead->>'jobTitle' IS NOT NULL))[1] AS job_title,
        (array_agg(lead->>'email' ORDER BY i DESC) FILTER (WHERE lead->>'email' IS NOT NULL))[1] AS email,
        (array_agg(lead->>'emailNormalized' ORDER BY i DESC)
          FILTER (WHERE lead->>'emailNormalized' IS NOT NULL))[1] AS email_normalized,
        (array_agg(lead->>'phone' ORDER BY i DESC) FILTER (WHERE lead->>'phone' IS NOT NULL))[1] AS phone,
        (array_agg(lead->>'company' ORDER BY i DESC) FILTER (WHERE lead->>'company' IS NOT NULL))[1] AS company,
        min(received) AS first_received, max(received) AS last_received, min(i) AS first
      FROM given GROUP BY conversation
    ), upserted AS (
      INSERT INTO "Lead" ("id", "siteId", "conversationId", "source", "name", "jobTitle", "email",
        "emailNormalized", "phone", "company", "createdAt", "updatedAt")
      SELECT row_id, site_id, conversation, 'CHAT', name, job_title, email, email_normalized, phone, company,
        first_received, last_received
      FROM merged ORDER BY first
      ON CONFLICT ("conversationId") DO UPDATE SET
        "name" = COALESCE(EXCLUDED."name", "Lead"."name"),
        "jobTitle" = COALESCE(EXCLUDED."jobTitle", "Lead"."jobTitle"),
        "email" = COALESCE(EXCLUDED."email", "Lead"."email"),
        "emailNormalized" = COALESCE(EXCLUDED."emailNormalized", "Lead"."emailNormalized"),
        "phone" = COALESCE(EXCLUDED."phone", "Lead"."phone"),
        "company" = COALESCE(EXCLUDED."company", "Lead"."company"),
        "updatedAt" = EXCLUDED."updatedAt"
      RETURNING "id", "conversationId"
    )
    SELECT array_agg("id"), array_agg("conversationId") INTO lead_ids, lead_conversations FROM upserted;
  END IF;

  IF has_detected THEN
    INSERT INTO "DetectedContact" ("id", "conversationId", "messageId", "kind", "value", "createdAt")
    SELECT d."rowId"::uuid, m.conversation, m.id, d."kind"::"ContactKind", d."value", m.received
    FROM unnest(each_message_row, conversation_of, each_detected, each_received)
        WITH ORDINALITY AS m(id, conversation, detected, received, i)
      CROSS JOIN LATERAL ROWS FROM (jsonb_to_recordset(m.detected) AS ("rowId" text, "kind" text, "value" text))
        WITH ORDINALITY AS d("rowId", "kind", "value", n)
    ORDER BY m.i, d.n
    ON CONFLICT ("conversationId", "kind", "value") DO NOTHING;
  END IF;

  -- Appended to the ledger with the lead of the message that gave them (consents come with an email).
  IF has_consents THEN
    INSERT INTO "Consent" ("id", "siteId", "subjectEmailNormalized", "leadId", "purpose", "legalBasis",
      "action", "source", "policyVersion", "evidence", "occurredAt", "createdAt")
    SELECT c."rowId"::uuid, m.site_id, m.lead->>'emailNormalized',
      CASE WHEN m.lead IS NOT NULL THEN lead_ids[array_position(lead_conversations, m.conversation)] END,
      c."purpose"::"ConsentPurpose", 'CONSENT', c."action"::"ConsentAction", 'WIDGET', c."policyVersion",
      c."evidence", m.received, m.received
    FROM unnest(each_site, conversation_of, each_lead, each_consents, each_received)
        WITH ORDINALITY AS m(site_id, conversation, lead, consents, received, i)
      CROSS JOIN LATERAL ROWS FROM (jsonb_to_recordset(m.consents)
          AS ("rowId" text, "purpose" text, "action" text, "policyVersion" text, "evidence" text))
        WITH ORDINALITY AS c("rowId", "purpose", "action", "policyVersion", "evidence", n)
    ORDER BY m.i, c.n;
  END IF;

  RETURN true;
END;
$$;
CREATE OR REPLACE FUNCTION "ingest_widget_messages"(inputs jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  -- The inputs in lock order (conversation ids lower-cased: the widget may send either case of the
  -- same UUID, and text order of the canonical lower-case form is the order of the UUIDs), and
  -- where each one's result goes.
  ordered jsonb[];
  positions integer[];
  -- The batch's distinct buckets, numbered 1…: key, window, limit, and the count read before writing.
  bucket_keys text[];
  bucket_windows timestamp(3)[];
  bucket_limits integer[];
  read_counts integer[];
  -- Per bucket: how many of this batch's messages it counts.
  bucket_hits integer[];
  -- Per bucket: the count read, plus the messages this batch stored so far.
  counts integer[];
  -- Whether the batch was written together (every message stored).
  together boolean;
  stored_result constant jsonb := '{"outcome": "stored"}';
  -- Message i's buckets are hit_buckets[first_hit[i] .. first_hit[i + 1] - 1].
  hit_buckets integer[];
  hit_messages integer[];
  first_hit integer[];
  next_hit integer;
  -- Per message in lock order: refused because a batch alongside used up this bucket (else null).
  refused integer[];
  stored boolean[];
  results jsonb[];
  result jsonb;
  message_count integer := jsonb_array_length(inputs);
  limited integer;
  -- Buckets a batch alongside took over the limit, and by how much.
  over_buckets integer[];
  over_by integer[];
BEGIN
  SELECT array_agg(e.value ORDER BY lower(e.value->>'conversationId'), e.value->>'siteId', e.position),
    array_agg(e.position::integer ORDER BY lower(e.value->>'conversationId'), e.value->>'siteId', e.position)
  INTO ordered, positions
  FROM jsonb_array_elements(inputs) WITH ORDINALITY AS e(value, position);

  -- Every (message, bucket) pair in message order, and the distinct buckets numbered in key order.
  WITH hits AS (
    SELECT m.i::integer AS i, h.n, h."key", h."windowStart"::timestamptz AT TIME ZONE 'UTC' AS "windowStart", h."limit"
    FROM unnest(ordered) WITH ORDINALITY AS m(value, i),
      ROWS FROM (jsonb_to_recordset(m.value->'rateLimits') AS ("key" text, "windowStart" text, "limit" integer))
        WITH ORDINALITY AS h("key", "windowStart", "limit", n)
  ), numbered AS (
    SELECT hits.*, dense_rank() OVER (ORDER BY "key", "windowStart")::integer AS b,
      row_number() OVER bucket AS nth, min("limit") OVER bucket AS bucket_limit,
      count(*) OVER bucket AS hits_in_bucket
    FROM hits WINDOW bucket AS (PARTITION BY "key", "windowStart")
  )
  SELECT array_agg(b ORDER BY i, n), array_agg(i ORDER BY i, n),
    array_agg("key" ORDER BY b) FILTER (WHERE nth = 1),
    array_agg("windowStart" ORDER BY b) FILTER (WHERE nth = 1),
    array_agg(bucket_limit ORDER BY b) FILTER (WHERE nth = 1),
    array_agg(hits_in_bucket::integer ORDER BY b) FILTER (WHERE nth = 1)
  INTO hit_buckets, hit_messages, bucket_keys, bucket_windows, bucket_limits, bucket_hits
  FROM numbered;
  first_hit := array_fill(1, ARRAY[message_count + 1]);
  next_hit := 1;
  FOR i IN 1 .. message_count LOOP
    first_hit[i] := next_hit;
    WHILE next_hit <= COALESCE(array_length(hit_messages, 1), 0) AND hit_messages[next_hit] = i LOOP
      next_hit := next_hit + 1;
    END LOOP;
  END LOOP;
  first_hit[message_count + 1] := next_hit;
  refused := array_fill(NULL::integer, ARRAY[message_count]);

  LOOP
    BEGIN
      results := array_fill(NULL::jsonb, ARRAY[message_count]);
      stored := array_fill(false, ARRAY[message_count]);
      SELECT array_agg(COALESCE(r."count", 0) ORDER BY b.n) INTO read_counts
      FROM unnest(bucket_keys, bucket_windows) WITH ORDINALITY AS b("key", "windowStart", n)
      LEFT JOIN "RateLimitBucket" r ON r."key" = b."key" AND r."windowStart" = b."windowStart";
      counts := read_counts;

      -- Together when no bucket can reach its limit even if every message is stored (else the
      -- path below decides message by message which ones fit) and nothing was refused on a try before.
      together := false;
      IF NOT EXISTS (SELECT FROM unnest(refused) AS r WHERE r IS NOT NULL) AND NOT EXISTS (
        SELECT FROM unnest(read_counts, bucket_hits, bucket_limits) AS b("read", hits, "limit")
        WHERE b."read" + b.hits > b."limit"
      ) THEN
        BEGIN
          together := "ingest_widget_message_batch"(ordered);
        EXCEPTION
          WHEN OTHERS THEN
            together := false;
        END;
      END IF;

      FOR i IN 1 .. message_count LOOP
        IF together THEN
          results[positions[i]] := stored_result;
          stored[i] := true;
          FOR h IN first_hit[i] .. first_hit[i + 1] - 1 LOOP
            counts[hit_buckets[h]] := counts[hit_buckets[h]] + 1;
          END LOOP;
          CONTINUE;
        END IF;
        limited := refused[i];
        IF limited IS NULL THEN
          FOR h IN first_hit[i] .. first_hit[i + 1] - 1 LOOP
            IF counts[hit_buckets[h]] >= bucket_limits[hit_buckets[h]] THEN
              limited := hit_buckets[h];
              EXIT;
            END IF;
          END LOOP;
        END IF;

        IF limited IS NOT NULL THEN
          result := jsonb_build_object('outcome', 'rate_limited', 'key', bucket_keys[limited]);
        ELSE
          BEGIN
            result := "ingest_widget_message"(ordered[i]);
          EXCEPTION
            WHEN raise_exception THEN
              IF SQLERRM = 'duplicate' THEN
                result := jsonb_build_object('outcome', 'duplicate');
              ELSE
                result := jsonb_build_object('outcome', 'failed', 'code', SQLSTATE);
              END IF;
            WHEN OTHERS THEN
              result := jsonb_build_object('outcome', 'failed', 'code', SQLSTATE);
          END;
          IF result->>'outcome' = 'stored' THEN
            stored[i] := true;
            FOR h IN first_hit[i] .. first_hit[i + 1] - 1 LOOP
              counts[hit_buckets[h]] := counts[hit_buckets[h]] + 1;
            END LOOP;
          END IF;
        END IF;
        results[positions[i]] := result;
      END LOOP;

      -- Count the stored messages in their buckets, in key order, and see whether a batch alongside
      -- took any of them over its limit meanwhile.
      WITH added AS (
        SELECT b."key", b."windowStart", b.counted - b."read" AS added, b.n::integer AS n
        FROM unnest(bucket_keys, bucket_windows, counts, read_counts) WITH ORDINALITY
          AS b("key", "windowStart", counted, "read", n)
        WHERE b.counted > b."read"
      ), counted AS (
        INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
        SELECT "key", "windowStart", added FROM added ORDER BY "key", "windowStart"
        ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + EXCLUDED."count"
        RETURNING "key", "windowStart", "count"
      )
      SELECT array_agg(added.n), array_agg(counted."count" - bucket_limits[added.n])
      INTO over_buckets, over_by
      FROM counted JOIN added USING ("key", "windowStart")
      WHERE counted."count" > bucket_limits[added.n];

      IF over_buckets IS NOT NULL THEN
        -- Refuse the last stored messages counted in each such bucket, as many as went over.
        FOR o IN 1 .. array_length(over_buckets, 1) LOOP
          FOR i IN REVERSE message_count .. 1 LOOP
            EXIT WHEN over_by[o] = 0;
            IF stored[i] AND refused[i] IS NULL
              AND over_buckets[o] = ANY (hit_buckets[first_hit[i]:first_hit[i + 1] - 1]) THEN
              refused[i] := over_buckets[o];
              over_by[o] := over_by[o] - 1;
            END IF;
          END LOOP;
        END LOOP;
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'write again';
      END IF;
      RETURN to_jsonb(results);
    EXCEPTION
      WHEN raise_exception THEN
        IF SQLERRM <> 'write again' THEN
          RAISE;
        END IF;
    END;
  END LOOP;
END;
$$;
