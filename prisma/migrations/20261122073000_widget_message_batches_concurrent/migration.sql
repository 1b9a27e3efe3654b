-- Widget message batches run side by side instead of one after the other under an advisory lock
-- (the lock made a message wait for the whole batch ahead of it). What the lock prevented, two
-- batches holding each other's rows in opposite orders, is now ruled out by taking every lock in
-- one global order:
--   1. a batch writes its messages sorted by conversation (their arrival order kept within one
--      conversation), and every row it locks while writing a message (the conversation, the
--      message's and lead's unique keys, detected contacts) belongs to that conversation;
--   2. the rate-limit buckets, the rows many batches share, are counted last, by one statement for
--      the whole batch that increments them in key order and holds them only until the commit.
-- Before a message is written, its buckets' counts (read once per batch, without a lock, plus the
-- messages of this batch stored so far) already refuse a message over a limit. A batch running
-- alongside can still have passed the limit between that read and the increment: then the batch
-- undoes its work, refuses as many of its last messages in that bucket as went over, and writes
-- again, so no bucket ever keeps more than its limit and nothing is half-written.
--
-- This also saves four statements per message: the per-message bucket reads and increments.

CREATE OR REPLACE FUNCTION "ingest_widget_message"(input jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  received timestamp(3) := (input->>'receivedAt')::timestamptz AT TIME ZONE 'UTC';
  expires timestamp(3) := (input->>'expiresAt')::timestamptz AT TIME ZONE 'UTC';
  site_id uuid := (input->>'siteId')::uuid;
  conversation_id uuid;
  message_id uuid;
  lead_id uuid;
BEGIN
  -- Most messages belong to a conversation that exists: one statement counts the message in it
  -- and locks it (so repeats of a message id racing each other are told apart exactly). The
  -- first message inserts it; one inserted meanwhile by another transaction is then updated.
  LOOP
    UPDATE "Conversation" SET
      "messageCount" = "messageCount" + 1,
      "lastMessageAt" = GREATEST("lastMessageAt", received),
      "expiresAt" = GREATEST("expiresAt", expires),
      "updatedAt" = received
    WHERE "siteId" = site_id AND "externalId" = (input->>'conversationId')::uuid
    RETURNING "id" INTO conversation_id;
    EXIT WHEN conversation_id IS NOT NULL;
    INSERT INTO "Conversation" ("id", "siteId", "externalId", "channel", "startedAt", "lastMessageAt",
      "expiresAt", "messageCount", "ipHash", "country", "city", "userAgent", "referrer", "pageUrl",
      "createdAt", "updatedAt")
    VALUES ((input->>'conversationRowId')::uuid, site_id, (input->>'conversationId')::uuid,
      (input->>'channel')::"Channel", received, received, expires, 1, input->>'ipHash', input->>'country',
      input->>'city', input->>'userAgent', input->>'referrer', input->>'pageUrl', received, received)
    ON CONFLICT ("siteId", "externalId") DO NOTHING
    RETURNING "id" INTO conversation_id;
    EXIT WHEN conversation_id IS NOT NULL;
  END LOOP;

  INSERT INTO "Message" ("id", "conversationId", "externalId", "role", "text", "redactionCount", "sentAt", "createdAt")
  VALUES ((input->>'messageRowId')::uuid, conversation_id, (input->>'messageId')::uuid,
    (input->>'role')::"MessageRole", input->>'text', (input->>'redactionCount')::integer,
    (input->>'sentAt')::timestamptz AT TIME ZONE 'UTC', received)
  ON CONFLICT ("conversationId", "externalId") DO NOTHING
  RETURNING "id" INTO message_id;

  -- A repeated message id: the caller's subtransaction undoes the count above, so nothing changes.
  IF message_id IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'duplicate';
  END IF;

  IF input->'lead' IS NOT NULL AND jsonb_typeof(input->'lead') = 'object' THEN
    INSERT INTO "Lead" ("id", "siteId", "conversationId", "source", "name", "jobTitle", "email",
      "emailNormalized", "phone", "company", "createdAt", "updatedAt")
    VALUES ((input->'lead'->>'rowId')::uuid, site_id, conversation_id, 'CHAT', input->'lead'->>'name',
      input->'lead'->>'jobTitle', input->'lead'->>'email', input->'lead'->>'emailNormalized',
      input->'lead'->>'phone', input->'lead'->>'company', received, received)
    ON CONFLICT ("conversationId") DO UPDATE SET
      "name" = COALESCE(EXCLUDED."name", "Lead"."name"),
      "jobTitle" = COALESCE(EXCLUDED."jobTitle", "Lead"."jobTitle"),
      "email" = COALESCE(EXCLUDED."email", "Lead"."email"),
      "emailNormalized" = COALESCE(EXCLUDED."emailNormalized", "Lead"."emailNormalized"),
      "phone" = COALESCE(EXCLUDED."phone", "Lead"."phone"),
      "company" = COALESCE(EXCLUDED."company", "Lead"."company"),
      "updatedAt" = received
    RETURNING "id" INTO lead_id;
  END IF;

  -- Most messages have neither, and a statement not run costs nothing.
  IF jsonb_array_length(COALESCE(input->'detectedContacts', '[]'::jsonb)) > 0 THEN
    INSERT INTO "DetectedContact" ("id", "conversationId", "messageId", "kind", "value", "createdAt")
    SELECT d."rowId"::uuid, conversation_id, message_id, d."kind"::"ContactKind", d."value", received
    FROM jsonb_to_recordset(input->'detectedContacts') AS d("rowId" text, "kind" text, "value" text)
    ON CONFLICT ("conversationId", "kind", "value") DO NOTHING;
  END IF;

  IF jsonb_array_length(COALESCE(input->'consents', '[]'::jsonb)) > 0 THEN
    INSERT INTO "Consent" ("id", "siteId", "subjectEmailNormalized", "leadId", "purpose", "legalBasis",
      "action", "source", "policyVersion", "evidence", "occurredAt", "createdAt")
    SELECT c."rowId"::uuid, site_id, input->'lead'->>'emailNormalized', lead_id, c."purpose"::"ConsentPurpose",
      'CONSENT', c."action"::"ConsentAction", 'WIDGET', c."policyVersion", c."evidence", received, received
    FROM jsonb_to_recordset(input->'consents')
      AS c("rowId" text, "purpose" text, "action" text, "policyVersion" text, "evidence" text);
  END IF;

  RETURN jsonb_build_object('outcome', 'stored');
END;
$$;


-- One result per input, in order: {"outcome": "stored" | "duplicate"}, {"outcome": "rate_limited",
-- "key": …}, or {"outcome": "failed", "code": SQLSTATE} for a message whose writes were undone by an
-- error (the caller answers 503 and the widget retries it).
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
  -- Per bucket: the count read, plus the messages this batch stored so far.
  counts integer[];
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
      row_number() OVER bucket AS nth, min("limit") OVER bucket AS bucket_limit
    FROM hits WINDOW bucket AS (PARTITION BY "key", "windowStart")
  )
  SELECT array_agg(b ORDER BY i, n), array_agg(i ORDER BY i, n),
    array_agg("key" ORDER BY b) FILTER (WHERE nth = 1),
    array_agg("windowStart" ORDER BY b) FILTER (WHERE nth = 1),
    array_agg(bucket_limit ORDER BY b) FILTER (WHERE nth = 1)
  INTO hit_buckets, hit_messages, bucket_keys, bucket_windows, bucket_limits
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

      FOR i IN 1 .. message_count LOOP
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
